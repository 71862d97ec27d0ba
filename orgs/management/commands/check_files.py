from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from orgs.backup import stored_files_check


class Command(BaseCommand):
    help = "Kiểm tra mọi tệp được cơ sở dữ liệu tham chiếu: có mặt và đúng SHA-256 (nếu có)"

    def handle(self, *args: Any, **opts: Any) -> None:
        problems = stored_files_check()
        if problems:
            raise CommandError(
                _("Thiếu hoặc sai %(n)s tệp:") % {"n": len(problems)} + "\n" + "\n".join(problems)
            )
        self.stdout.write(
            self.style.SUCCESS(_("Mọi tệp được tham chiếu đều có mặt và nguyên vẹn."))
        )
