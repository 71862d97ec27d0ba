"""Validation finders over finance records (registered in FinanceConfig.ready())."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from common.formatting import format_date
from orgs.models import Period, Unit
from reports.validation import WARNING, Finding, Values, register_finder

from .indicators import BUDGET_CODES
from .models import BudgetLine, InvestmentLine


def _dated_outside[M: (BudgetLine, InvestmentLine)](
    model: type[M], *, unit: Unit, period: Period
) -> QuerySet[M]:
    return (
        model.objects.filter(unit__path__startswith=unit.path, period=period)
        .exclude(as_of__range=(period.start, period.end))
        .select_related("unit")
        .order_by("unit__code", "pk")
    )


@register_finder
def as_of_findings(*, unit: Unit, period: Period, values: Values) -> list[Finding]:
    """V13: a budget or investment figure whose "as of" date lies outside the report's period
    is a warning: the report states one period, each figure must belong to it."""
    lines: list[tuple[BudgetLine | InvestmentLine, str, tuple[str, str]]] = [
        (line, line.get_kind_display(), (f"{code}_actual", f"{code}_rate"))
        for line in _dated_outside(BudgetLine, unit=unit, period=period)
        if (code := BUDGET_CODES[line.kind])
    ]
    lines += [
        (line, line.project, ("invest.disbursed", "invest.disbursement_rate"))
        for line in _dated_outside(InvestmentLine, unit=unit, period=period)
    ]
    return [
        Finding(
            f"as_of.{line._meta.model_name}.{line.pk}",
            WARNING,
            _(
                "«%(what)s» (%(unit)s): số liệu tính đến ngày %(as_of)s, ngoài kỳ báo cáo "
                "%(start)s – %(end)s. Hãy cập nhật số liệu của kỳ hoặc giải thích."
            )
            % {
                "what": what,
                "unit": line.unit.name,
                "as_of": format_date(line.as_of),
                "start": format_date(period.start),
                "end": format_date(period.end),
            },
            codes,
        )
        for line, what, codes in lines
    ]
