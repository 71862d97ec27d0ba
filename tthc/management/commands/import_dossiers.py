from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from tthc.importing import ImportRefused
from tthc.services import dossiers_import, unit_for_import

from ._import_cli import open_file, report


class Command(BaseCommand):
    help = (
        "Nhập hồ sơ TTHC từ tệp CSV (UTF-8, dấu , hoặc ;) hoặc XLSX theo SPEC §4: "
        "import_dossiers FILE --unit CODE. Tệp có lỗi thì không nhập dòng nào."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--unit", required=True, help=_("mã đơn vị (mã GSO)"))
        parser.add_argument(
            "--dry-run", action="store_true", help=_("chỉ kiểm tra và đếm, không ghi")
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        with open_file(opts["file"]) as f:
            try:
                unit = unit_for_import(code=opts["unit"], file=f)
            except ImportRefused as exc:
                raise CommandError(exc.message) from None
            result = dossiers_import(
                file=f, unit=unit, commit=not opts["dry_run"], name=opts["file"], error_limit=None
            )
        report(self, result)
