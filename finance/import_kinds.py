"""The import kinds of finance: budget lines and public investment of a unit for a period."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from imports.registry import ImportKind, import_kinds, without_progress
from imports.tabular import resource_columns
from reports.models import JobKind

from .resources import BudgetLineResource, InvestmentLineResource, budget_import, investment_import

import_kinds.add(
    ImportKind(
        key="budget",
        label=gettext_lazy("Thu, chi ngân sách"),
        job_kind=JobKind.IMPORT_BUDGET,
        run=without_progress(budget_import),
        columns=lambda: resource_columns(BudgetLineResource(unit=None, period=None)),
        description=gettext_lazy("Kế hoạch và thực hiện thu, chi ngân sách của kỳ báo cáo."),
    ),
    ImportKind(
        key="investment",
        label=gettext_lazy("Vốn đầu tư công"),
        job_kind=JobKind.IMPORT_INVESTMENT,
        run=without_progress(investment_import),
        columns=lambda: resource_columns(InvestmentLineResource(unit=None, period=None)),
        description=gettext_lazy("Vốn giao và giải ngân theo dự án, công trình của kỳ."),
    ),
)
