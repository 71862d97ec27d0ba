from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from tthc.services import procedures_import

from ._import_cli import open_file, report


class Command(BaseCommand):
    help = (
        "Nhập danh mục TTHC từ tệp CSV hoặc XLSX: Mã TTHC, Tên TTHC, Lĩnh vực, Mức độ DVC, "
        "Nhóm liên thông. Tệp có lỗi thì không nhập dòng nào."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help=_("chỉ kiểm tra và đếm, không ghi")
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        with open_file(opts["file"]) as f:
            result = procedures_import(file=f, commit=not opts["dry_run"], name=opts["file"])
        report(self, result)
