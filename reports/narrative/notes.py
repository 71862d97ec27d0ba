"""What the records say about a figure beyond its value, printed beside it (SPEC §8: "an
approximate figure prints as such ("trên 80"), a figure with an as-of date prints it").

    figure_notes(unit=, period=) -> {"~legal.education_attendance": "trên",
                                     "@budget.revenue_actual": "30/9/2023",
                                     "budget.as_of": "30/9/2023", "invest.as_of": "31/10/2023"}

Keys: "~<code>" the word before an approximate entered figure, "@<code>" the as-of date of an
amount, and the document placeholders `budget.as_of` / `invest.as_of`. Over a subtree: a figure
is approximate when any unit's entry is; the as-of date is the latest of the lines.
"""

from __future__ import annotations

from django.db.models import Max

from common.formatting import DASH, format_doc_date
from finance.indicators import BUDGET_CODES
from finance.models import BudgetLine, InvestmentLine
from orgs.models import Period, Unit
from plans.models import EnteredFigure

# The word an approximate entered figure prints before its number ("trên 80 lượt").
APPROXIMATE_WORD = "trên"
# the as-of date is the disbursement's (the allocation is the plan of the year)
INVEST_CODES = ("invest.disbursed",)


def figure_notes(*, unit: Unit, period: Period) -> dict[str, str]:
    notes: dict[str, str] = {}
    subtree = {"unit__path__startswith": unit.path, "period": period}
    for code in (
        EnteredFigure.objects.filter(**subtree, approximate=True)
        .values_list("code", flat=True)
        .distinct()
    ):
        notes[f"~{code}"] = APPROXIMATE_WORD
    budget_latest = None
    for kind, as_of in (
        BudgetLine.objects.filter(**subtree)
        .values("kind")
        .annotate(d=Max("as_of"))
        .values_list("kind", "d")
    ):
        budget_code = BUDGET_CODES.get(kind)
        if budget_code is None or as_of is None:
            continue
        notes[f"@{budget_code}_actual"] = format_doc_date(as_of)
        budget_latest = max(budget_latest or as_of, as_of)
    invest_latest = InvestmentLine.objects.filter(**subtree).aggregate(d=Max("as_of"))["d"]
    if invest_latest is not None:
        for code in INVEST_CODES:
            notes[f"@{code}"] = format_doc_date(invest_latest)
    notes["budget.as_of"] = format_doc_date(budget_latest) if budget_latest else DASH
    notes["invest.as_of"] = format_doc_date(invest_latest) if invest_latest else DASH
    return notes
