"""manage.py indicators --unit CODE --period PERIOD [--format json|table] (SPEC §9)."""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from common.formatting import format_figure
from orgs.models import Period, Unit
from reports.indicators import compute, registry, to_json


class Command(BaseCommand):
    help = (
        "In mọi chỉ tiêu của một đơn vị trong một kỳ: một đối tượng JSON {mã: giá trị} "
        '(số lượng, VND là số nguyên; tỷ lệ là chuỗi như "99.05" hoặc null).'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--unit", required=True, help="mã đơn vị (mã GSO)")
        parser.add_argument("--period", required=True, help="mã kỳ: 2023, 2023Q1, 2023S1, 2023M9")
        parser.add_argument("--format", choices=("json", "table"), default="json")

    def handle(self, *args: Any, **opts: Any) -> None:
        code = (opts["period"] or "").strip().upper()
        period = Period.objects.filter(code=code).first()
        if period is None:
            raise CommandError(f"Không có kỳ báo cáo «{opts['period']}».")
        try:
            unit = Unit.objects.for_code(opts["unit"], period)
        except Unit.DoesNotExist:
            raise CommandError(
                f"Không có đơn vị mã «{opts['unit']}» có hiệu lực trong kỳ {period.code}."
            ) from None
        values = compute(unit, period)
        if opts["format"] == "json":
            self.stdout.write(json.dumps(to_json(values), ensure_ascii=False, indent=2))
            return
        width = max(len(c) for c in values)
        self.stdout.write(f"{unit.name} ({unit.code}) — {period.code}")
        for c, v in values.items():
            ind = registry.get(c)
            self.stdout.write(f"{c:<{width}}  {format_figure(v, ind.kind):>16}  {ind.label}")
