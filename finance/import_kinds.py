"""The import kinds of finance: budget lines and public investment of a unit for a period."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from imports.base import ImportResult, Progress
from imports.registry import ImportKind, import_kinds
from imports.tabular import resource_columns
from reports.models import JobKind

from .resources import BudgetLineResource, InvestmentLineResource, budget_import, investment_import


def _budget_run(
    *,
    file: Any,
    unit: Any,
    period: Any,
    by: Any,
    commit: bool,
    name: str,
    progress: Progress | None,
) -> ImportResult:
    return budget_import(file=file, unit=unit, period=period, by=by, commit=commit, name=name)


def _investment_run(
    *,
    file: Any,
    unit: Any,
    period: Any,
    by: Any,
    commit: bool,
    name: str,
    progress: Progress | None,
) -> ImportResult:
    return investment_import(file=file, unit=unit, period=period, by=by, commit=commit, name=name)


import_kinds.add(
    ImportKind(
        key="budget",
        label=gettext_lazy("Thu, chi ngân sách"),
        job_kind=JobKind.IMPORT_BUDGET,
        run=_budget_run,
        headers=lambda: [
            c.label for c in resource_columns(BudgetLineResource(unit=None, period=None))
        ],
        description=gettext_lazy("Kế hoạch và thực hiện thu, chi ngân sách của kỳ báo cáo."),
    ),
    ImportKind(
        key="investment",
        label=gettext_lazy("Vốn đầu tư công"),
        job_kind=JobKind.IMPORT_INVESTMENT,
        run=_investment_run,
        headers=lambda: [
            c.label for c in resource_columns(InvestmentLineResource(unit=None, period=None))
        ],
        description=gettext_lazy("Vốn giao và giải ngân theo dự án, công trình của kỳ."),
    ),
)
