"""Load (or refresh) the demo: units, periods, users and every section's records.
Idempotent: a second run changes nothing."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

DEFAULT_PASSWORD = "cchc-demo-2023"


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: tỉnh Quảng Ngãi → huyện Bình Sơn → 22 xã, kỳ 2023, người dùng mẫu."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password", default=DEFAULT_PASSWORD, help="mật khẩu của người dùng mẫu"
        )
        parser.add_argument(
            "--skip-records", action="store_true", help="chỉ nạp đơn vị, kỳ, người dùng"
        )

    def handle(self, *args: Any, **opts: Any) -> None:
        from demo import records
        from demo import units as demo_units

        units = demo_units.load_units()
        periods = demo_units.load_periods()
        users = demo_units.load_users(units, opts["password"])
        if not opts["skip_records"]:
            records.load_all(units=units, periods=periods, stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(_("Dữ liệu mẫu đã sẵn sàng.")))
        self.stdout.write(_("Địa chỉ: http://127.0.0.1:8000/"))
        self.stdout.write(_("Tài khoản (mật khẩu: %(pw)s):") % {"pw": opts["password"]})
        for username, what in users:
            self.stdout.write(f"  {username:<16} {what}")
