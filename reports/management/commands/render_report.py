"""python manage.py render_report --unit CODE --period P --out FILE.pdf [--docx FILE.docx]

Renders synchronously (no worker) through the same service as the browser, so the file is
also stored with its hashes; an unchanged report is served from storage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from orgs.models import Period, Unit
from reports.services import report_get_or_create


class Command(BaseCommand):
    help = "Xuất báo cáo CCHC của một đơn vị, một kỳ ra tệp PDF (và DOCX)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="mã đơn vị (hiệu lực trong kỳ)")
        parser.add_argument("--period", required=True, help="mã kỳ, ví dụ 2023")
        parser.add_argument("--out", required=True, help="tệp PDF cần ghi")
        parser.add_argument("--docx", help="tệp DOCX cần ghi (tùy chọn)")

    def handle(self, *args: Any, **opts: Any) -> None:
        from reports.rendering.services import document_render

        period = Period.objects.filter(code=str(opts["period"]).strip().upper()).first()
        if period is None:
            raise CommandError(_("Không có kỳ báo cáo %(p)s.") % {"p": opts["period"]})
        try:
            unit = Unit.objects.for_code(opts["unit"], period)
        except Unit.DoesNotExist as exc:
            raise CommandError(
                _("Không có đơn vị mã %(c)s trong kỳ %(p)s.")
                % {"c": opts["unit"], "p": period.code}
            ) from exc
        report = report_get_or_create(unit=unit, period=period)
        targets = [("pdf", opts["out"])] + ([("docx", opts["docx"])] if opts.get("docx") else [])
        for fmt, path in targets:
            doc = document_render(report=report, fmt=fmt)
            with doc.file.open("rb") as fh:
                Path(path).write_bytes(fh.read())
            self.stdout.write(
                f"{path}: sha256 {doc.sha256}" + (f", {doc.pages} trang" if doc.pages else "")
            )
