from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from orgs.cli import parse_date_arg, validation_message
from orgs.models import Level
from orgs.services import unit_create


class Command(BaseCommand):
    help = "Tạo một đơn vị hành chính: create_unit CODE NAME --level commune --parent CODE"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code")
        parser.add_argument("name")
        parser.add_argument("--level", required=True, help=", ".join(Level.values))
        parser.add_argument("--parent", default=None, help="mã đơn vị cấp trên")
        parser.add_argument("--valid-from", default=None, help="YYYY-MM-DD")
        parser.add_argument("--valid-to", default=None, help="YYYY-MM-DD")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            unit = unit_create(
                code=opts["code"],
                name=opts["name"],
                level=opts["level"],
                parent_code=opts["parent"],
                valid_from=parse_date_arg(opts["valid_from"], "--valid-from"),
                valid_to=parse_date_arg(opts["valid_to"], "--valid-to"),
            )
        except ValidationError as exc:
            raise CommandError(validation_message(exc)) from None
        self.stdout.write(f"{unit.code} {unit.name} ({unit.get_level_display()})")
