import datetime as dt
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from common.formatting import format_date
from orgs.cli import parse_date_arg, validation_message
from orgs.services import period_create


class Command(BaseCommand):
    help = "Tạo kỳ báo cáo: create_period 2024 --start 2023-12-15 --end 2024-10-31 [--deadline ...]"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="2023, 2023Q1..Q4, 2023S1, 2023M9")
        parser.add_argument("--start", required=True)
        parser.add_argument("--end", required=True)
        parser.add_argument("--deadline", default=None)

    def handle(self, *args: Any, **opts: Any) -> None:
        start = parse_date_arg(opts["start"], "--start")
        end = parse_date_arg(opts["end"], "--end")
        deadline = parse_date_arg(opts["deadline"], "--deadline")
        try:
            # Both are required options; an empty value (None) fails full_clean like any field.
            period = period_create(
                code=opts["code"],
                start=cast(dt.date, start),
                end=cast(dt.date, end),
                deadline=deadline,
            )
        except ValidationError as exc:
            raise CommandError(validation_message(exc)) from None
        self.stdout.write(
            _("Đã tạo kỳ %(code)s: %(start)s – %(end)s")
            % {
                "code": period.code,
                "start": format_date(period.start),
                "end": format_date(period.end),
            }
        )
