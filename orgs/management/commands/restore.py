from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from orgs.backup import BackupError, backup_restore, stored_files_check


class Command(BaseCommand):
    help = "Khôi phục cơ sở dữ liệu và tệp từ một bản sao lưu: restore DIR (xem README)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("src", help="thư mục do lệnh backup tạo ra")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            manifest = backup_restore(src=Path(opts["src"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        problems = stored_files_check()
        if problems:
            raise CommandError(
                _("Đã khôi phục nhưng thiếu hoặc sai %(n)s tệp:") % {"n": len(problems)}
                + "\n"
                + "\n".join(problems)
            )
        self.stdout.write(
            self.style.SUCCESS(
                _("Đã khôi phục cơ sở dữ liệu và %(n)s tệp; mọi tệp được tham chiếu đều có mặt.")
                % {"n": manifest["media"]["count"]}
            )
        )
