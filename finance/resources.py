"""Spreadsheet import of budget lines (revenue, ordinance revenue, expenditure) and public
investment of a unit for a period."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy
from import_export import fields

from imports.base import ImportResult
from imports.resources import PeriodScopedResource
from imports.widgets import AmountWidget, ChoiceWidget, DateWidget, TextWidget, YesNoWidget
from orgs.models import Period, Unit

from .models import BudgetKind, BudgetLine, InvestmentLine

if TYPE_CHECKING:
    pass


class BudgetLineResource(PeriodScopedResource):
    """One row per aggregate (kind) of the period: plan and actual in VND, as of a date."""

    kind = fields.Field(
        "kind",
        "Loại",
        widget=ChoiceWidget(
            BudgetKind.choices,
            what=gettext_lazy("loại thu, chi"),
            extra={
                "revenue": ("Tổng thu", "Thu ngân sách", "Thu NSNN"),
                "ordinance_revenue": ("Thu pháp lệnh", "Thu theo pháp lệnh", "ordinance"),
                "expenditure": ("Tổng chi", "Chi ngân sách", "Chi NSNN"),
            },
        ),
    )
    plan = fields.Field("plan", "Kế hoạch (đồng)", widget=AmountWidget())
    actual = fields.Field("actual", "Thực hiện (đồng)", widget=AmountWidget())
    as_of = fields.Field("as_of", "Số liệu tính đến ngày", widget=DateWidget())
    estimated = fields.Field("estimated", "Số ước thực hiện", widget=YesNoWidget())

    required_columns = ("kind", "plan", "actual", "as_of")

    class Meta:
        model = BudgetLine
        fields = ("kind", "plan", "actual", "as_of", "estimated")
        import_id_fields = ("kind",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True


class InvestmentLineResource(PeriodScopedResource):
    project = fields.Field("project", "Dự án, công trình", widget=TextWidget())
    allocated = fields.Field("allocated", "Kế hoạch vốn giao (đồng)", widget=AmountWidget())
    disbursed = fields.Field("disbursed", "Đã giải ngân (đồng)", widget=AmountWidget())
    as_of = fields.Field("as_of", "Số liệu tính đến ngày", widget=DateWidget())

    required_columns = ("project", "allocated", "disbursed", "as_of")

    class Meta:
        model = InvestmentLine
        fields = ("project", "allocated", "disbursed", "as_of")
        import_id_fields = ("project",)
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True


def budget_import(
    *,
    file: Any,
    unit: Unit,
    period: Period,
    by: User | None = None,
    commit: bool = True,
    name: str = "",
) -> ImportResult:
    """Preview or import the budget lines of a (unit, period), all-or-nothing."""
    return _period_import(
        BudgetLineResource, file=file, unit=unit, period=period, by=by, commit=commit, name=name
    )


def investment_import(
    *,
    file: Any,
    unit: Unit,
    period: Period,
    by: User | None = None,
    commit: bool = True,
    name: str = "",
) -> ImportResult:
    """Preview or import the public-investment lines of a (unit, period), all-or-nothing."""
    return _period_import(
        InvestmentLineResource, file=file, unit=unit, period=period, by=by, commit=commit, name=name
    )


def _period_import(
    resource_class: type[PeriodScopedResource],
    *,
    file: Any,
    unit: Unit,
    period: Period,
    by: User | None,
    commit: bool,
    name: str,
) -> ImportResult:
    from imports.models import ImportBatch
    from imports.services import import_batch_record, import_locked_reason
    from imports.tabular import run_resource
    from records.locking import RecordLockGuard
    from reports.recompute import records_changed

    kind = ImportBatch.Kind.BUDGET
    locked = import_locked_reason(unit=unit, period=period, by=by, channel="import:finance")
    if locked:
        result = ImportResult(kind=kind)
        result.add_error(0, "", locked, limit=None)
        return result
    guard = RecordLockGuard(unit=unit, period=period, by=by, channel="import:finance")
    result = run_resource(
        resource=resource_class(unit=unit, period=period, by=by, guard=guard),
        file=file,
        kind=kind,
        commit=commit,
        name=name,
        guard=guard,
    )
    if result.committed:
        import_batch_record(result=result, kind=kind, unit=unit, by=by, file=file, name=name)
        records_changed(unit=unit, period=period)
    return result
