"""Indicators of public finance: budget plan and actual, public-investment disbursement (SPEC §5).

Amounts are VND integers summed from the lines of the period; rates are actual / plan, which
may exceed 100 % (revenue above plan), so they are not bounded to 0–100 by validation."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from orgs.models import Period
from reports.indicators.base import Indicator, Kind, Measure, QuerySource, Section
from reports.indicators.registry import registry

from .models import AssetRegulation, BudgetKind, BudgetLine, InvestmentLine

F = Section.FINANCE

BUDGET_CODES: dict[str, str] = {
    BudgetKind.REVENUE: "budget.revenue",
    BudgetKind.ORDINANCE_REVENUE: "budget.ordinance_revenue",
    BudgetKind.EXPENDITURE: "budget.expenditure",
}


class BudgetSource(QuerySource):
    model = BudgetLine

    def base(self, period: Period) -> QuerySet[BudgetLine]:
        return BudgetLine.objects.filter(period_id=period.pk)

    def measures(self, period: Period) -> list[Measure]:
        out: list[Measure] = []
        for kind, code in BUDGET_CODES.items():
            out.append(Measure(f"{code}_plan", Q(kind=kind), sum_field="plan"))
            out.append(Measure(f"{code}_actual", Q(kind=kind), sum_field="actual"))
        return out


class InvestmentSource(QuerySource):
    model = InvestmentLine

    def base(self, period: Period) -> QuerySet[InvestmentLine]:
        return InvestmentLine.objects.filter(period_id=period.pk)

    def measures(self, period: Period) -> list[Measure]:
        return [
            Measure("invest.allocated", None, sum_field="allocated"),
            Measure("invest.disbursed", None, sum_field="disbursed"),
        ]


class AssetRegulationSource(QuerySource):
    model = AssetRegulation

    def base(self, period: Period) -> QuerySet[AssetRegulation]:
        return AssetRegulation.objects.filter(period_id=period.pk)

    def measures(self, period: Period) -> list[Measure]:
        return [Measure("assets.regulations", None)]


registry.add_source(BudgetSource())
registry.add_source(InvestmentSource())
registry.add_source(AssetRegulationSource())
registry.add(
    Indicator(
        "assets.regulations",
        _("Quyết định ban hành quy chế quản lý tài sản công"),
        section=F,
        formula=_("Quyết định ban hành quy chế quản lý tài sản công của kỳ"),
    ),
)

_LABELS = {
    "budget.revenue": (
        _("Thu ngân sách nhà nước trên địa bàn"),
        _("Tỷ lệ thu ngân sách so với kế hoạch"),
    ),
    "budget.ordinance_revenue": (
        _("Thu theo chỉ tiêu Pháp lệnh"),
        _("Tỷ lệ thu theo chỉ tiêu Pháp lệnh so với kế hoạch"),
    ),
    "budget.expenditure": (
        _("Chi ngân sách"),
        _("Tỷ lệ chi ngân sách so với kế hoạch"),
    ),
}
for _code, (_label, _rate_label) in _LABELS.items():
    registry.add(
        Indicator(
            f"{_code}_plan",
            format_lazy("{} — {}", _label, _("kế hoạch")),
            kind=Kind.VND,
            section=F,
            formula=_("Kế hoạch (dự toán) của kỳ, đồng"),
        ),
        Indicator(
            f"{_code}_actual",
            format_lazy("{} — {}", _label, _("thực hiện")),
            kind=Kind.VND,
            section=F,
            formula=_("Thực hiện (ước thực hiện) của kỳ, đồng"),
        ),
        Indicator(
            f"{_code}_rate",
            _rate_label,
            kind=Kind.PERCENT,
            section=F,
            numerator=f"{_code}_actual",
            denominator=f"{_code}_plan",
            formula=_("thực hiện / kế hoạch"),
            bounded=False,
        ),
    )
registry.add(
    Indicator(
        "invest.allocated",
        _("Kế hoạch vốn đầu tư công được giao"),
        kind=Kind.VND,
        section=F,
        formula=_("Tổng vốn giao của các dự án trong kỳ, đồng"),
    ),
    Indicator(
        "invest.disbursed",
        _("Vốn đầu tư công đã giải ngân"),
        kind=Kind.VND,
        section=F,
        formula=_("Tổng vốn đã giải ngân của các dự án trong kỳ, đồng"),
    ),
    Indicator(
        "invest.disbursement_rate",
        _("Tỷ lệ giải ngân vốn đầu tư công"),
        kind=Kind.PERCENT,
        section=F,
        numerator="invest.disbursed",
        denominator="invest.allocated",
        formula=_("đã giải ngân / kế hoạch vốn giao"),
    ),
)
