from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from orgs.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và toàn bộ tệp đã lưu: backup --out DIR (xem README)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--out", required=True, help="thư mục mới (hoặc rỗng) để ghi bản sao lưu"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            manifest = backup_create(out=Path(opts["out"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã sao lưu cơ sở dữ liệu (%(engine)s) và %(n)s tệp vào %(out)s.")
                % {
                    "engine": manifest["database"]["engine"],
                    "n": manifest["media"]["count"],
                    "out": opts["out"],
                }
            )
        )
