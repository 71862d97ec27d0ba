"""Record sections of the finance app (declared for the generic CRUD machinery)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from records import scopes
from records.spec import Column, Filter, Section, Total, TotalGroup

from . import forms
from .models import AssetRegulation, BudgetKind, BudgetLine, InvestmentLine

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _budget(kind: str, prefix: str, title: StrOrPromise) -> TotalGroup:
    return TotalGroup(
        title,
        (
            Total(
                _("Kế hoạch"),
                indicator=f"{prefix}_plan",
                kind="vnd",
            ),
            Total(
                _("Thực hiện"),
                indicator=f"{prefix}_actual",
                kind="vnd",
            ),
            Total(_("Đạt"), indicator=f"{prefix}_rate", kind="percent"),
        ),
    )


BUDGET = Section(
    key="budget",
    model=BudgetLine,
    form=forms.BudgetLineForm,
    scope=scopes.ByUnitPeriod(),
    title=_("Thu, chi ngân sách"),
    columns=(
        Column("kind", link=True),
        Column("plan", kind="vnd"),
        Column("actual", kind="vnd"),
        Column("as_of", kind="date"),
        Column("estimated", kind="bool"),
    ),
    ordering=("kind",),
    filters=(Filter("kind"),),
    totals=(
        _budget(BudgetKind.REVENUE, "budget.revenue", _("Tổng thu NSNN")),
        _budget(BudgetKind.ORDINANCE_REVENUE, "budget.ordinance_revenue", _("Thu theo Pháp lệnh")),
        _budget(BudgetKind.EXPENDITURE, "budget.expenditure", _("Tổng chi")),
    ),
)

INVESTMENT = Section(
    key="investment",
    model=InvestmentLine,
    form=forms.InvestmentLineForm,
    scope=scopes.ByUnitPeriod(),
    title=_("Vốn đầu tư công"),
    columns=(
        Column("project", link=True),
        Column("allocated", kind="vnd"),
        Column("disbursed", kind="vnd"),
        Column("as_of", kind="date"),
    ),
    search=("project",),
    ordering=("project",),
    totals=(
        TotalGroup(
            _("Đầu tư công"),
            (
                Total(
                    _("Vốn giao"),
                    indicator="invest.allocated",
                    kind="vnd",
                ),
                Total(
                    _("Đã giải ngân"),
                    indicator="invest.disbursed",
                    kind="vnd",
                ),
                Total(_("Tỷ lệ giải ngân"), indicator="invest.disbursement_rate", kind="percent"),
            ),
        ),
    ),
)

ASSETS = Section(
    key="assets",
    model=AssetRegulation,
    form=forms.AssetRegulationForm,
    scope=scopes.ByUnitPeriod(),
    title=_("Quy chế quản lý tài sản công"),
    columns=(Column("decision_ref", link=True), Column("issued_on", kind="date"), Column("title")),
    search=("decision_ref", "title"),
    ordering=("issued_on",),
    totals=(TotalGroup(_("Trong kỳ"), (Total(_("Quyết định"), indicator="assets.regulations"),)),),
)

SECTIONS = (BUDGET, INVESTMENT, ASSETS)
