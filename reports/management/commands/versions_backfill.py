"""manage.py versions_backfill: freeze a version for every report submitted before versions
existed (run once after migrating; running it again does nothing)."""

from typing import Any

from django.core.management.base import BaseCommand

from reports.versions import version_backfill


class Command(BaseCommand):
    help = "Lưu phiên bản đã gửi cho các báo cáo đã gửi trước khi có chức năng phiên bản."

    def handle(self, *args: Any, **opts: Any) -> None:
        made = version_backfill()
        self.stdout.write(f"Đã lưu {made} phiên bản.")
