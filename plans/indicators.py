"""Indicators of CCHC plan tasks, tasks assigned by the level above (directives) and entered
figures (SPEC §5). Loaded by the registry (reports/indicators/registry.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from reports.indicators.base import Indicator, Kind, Measure, QuerySource, Section
from reports.indicators.registry import registry

from .entered import ENTERED_FIGURES
from .models import Directive, DocumentType, EnteredFigure, PlanTask, RegisteredDocument

if TYPE_CHECKING:
    from orgs.models import Period

D = Section.DIRECTION


class PlanTaskSource(QuerySource):
    """Tasks of the unit's CCHC plan for the period; done = done on or before the window's end."""

    model = PlanTask

    def base(self, period: Period) -> QuerySet[PlanTask]:
        return PlanTask.objects.filter(period_id=period.pk)

    def measures(self, period: Period) -> list[Measure]:
        return [
            Measure("plan.tasks", None),
            Measure("plan.tasks_done", Q(done_on__isnull=False, done_on__lte=period.end)),
        ]


class DirectiveSource(QuerySource):
    """Tasks assigned by the level above for the period. A task is done when its done date lies
    on or before the window's end; on time when done on or before its due date (a date: the
    end of that day). Not done by the end of the window: in progress, overdue if due before it."""

    model = Directive

    def base(self, period: Period) -> QuerySet[Directive]:
        return Directive.objects.filter(period_id=period.pk)

    def measures(self, period: Period) -> list[Measure]:
        done = Q(done_on__isnull=False, done_on__lte=period.end)
        not_done = Q(done_on__isnull=True) | Q(done_on__gt=period.end)
        return [
            Measure("directives.assigned", None),
            Measure("directives.done_on_time", done & Q(done_on__lte=F("due_on"))),
            Measure("directives.done_late", done & Q(done_on__gt=F("due_on"))),
            Measure("directives.in_progress", not_done),
            Measure("directives.overdue", not_done & Q(due_on__lt=period.end)),
        ]

    def extra_filters(self, period: Period) -> dict[str, Q]:
        return {"directives.done": Q(done_on__isnull=False, done_on__lte=period.end)}


def entered_rows_code(code: str) -> str:
    """The raw count of the rows entered for `code` (not an indicator: it tells *not entered*
    (no row) from an entered 0)."""
    return f"figures.rows.{code}"


class EnteredFigureSource(QuerySource):
    """Figures with no raw record, entered per (unit, period); summed over a subtree. Beside
    each sum it counts the rows, so that a figure never entered is None ("—"), not 0."""

    model = EnteredFigure

    def base(self, period: Period) -> QuerySet[EnteredFigure]:
        return EnteredFigure.objects.filter(period_id=period.pk)

    def measures(self, period: Period) -> list[Measure]:
        codes = [code for code, _l, _s in ENTERED_FIGURES]
        return [
            *(Measure(code, Q(code=code), sum_field="value") for code in codes),
            *(Measure(entered_rows_code(code), Q(code=code)) for code in codes),
            Measure("figures.entered", Q(code__in=codes)),
        ]


def _entered_or_none(code: str) -> Callable[[dict[str, Any]], int | None]:
    rows = entered_rows_code(code)

    def derive(values: dict[str, Any]) -> int | None:
        return values.get(code) if values.get(rows) else None

    return derive


class DocumentSource(QuerySource):
    """The register of documents of the period (the documents the report cites)."""

    model = RegisteredDocument

    def base(self, period: Period) -> QuerySet[RegisteredDocument]:
        return RegisteredDocument.objects.filter(period_id=period.pk)

    def measures(self, period: Period) -> list[Measure]:
        return [
            Measure("documents.registered", None),
            Measure("documents.plans", Q(doc_type=DocumentType.PLAN)),
        ]


for _source in (PlanTaskSource(), DirectiveSource(), EnteredFigureSource(), DocumentSource()):
    registry.add_source(_source)


registry.add(
    Indicator(
        "figures.entered",
        _("Chỉ tiêu đã nhập số liệu"),
        section=D,
        formula=_("Số chỉ tiêu không có bản ghi gốc đã được nhập số liệu trong kỳ"),
        year_over_year=False,
    ),
    Indicator(
        "plan.tasks",
        _("Nhiệm vụ trong kế hoạch CCHC"),
        section=D,
        formula=_("Nhiệm vụ của kế hoạch CCHC của kỳ"),
    ),
    Indicator(
        "plan.tasks_done",
        _("Nhiệm vụ kế hoạch CCHC đã hoàn thành"),
        section=D,
        formula=_("Có ngày hoàn thành, không sau ngày cuối kỳ"),
    ),
    Indicator(
        "plan.tasks_done_rate",
        _("Tỷ lệ hoàn thành kế hoạch CCHC"),
        kind=Kind.PERCENT,
        section=D,
        numerator="plan.tasks_done",
        denominator="plan.tasks",
        formula=_("đã hoàn thành / nhiệm vụ trong kế hoạch"),
    ),
    Indicator(
        "directives.assigned",
        _("Nhiệm vụ cấp trên giao"),
        section=D,
        formula=_("Nhiệm vụ được giao trong kỳ"),
    ),
    Indicator(
        "directives.done_on_time",
        _("Nhiệm vụ cấp trên giao hoàn thành đúng hạn"),
        section=D,
        formula=_("Hoàn thành đến cuối kỳ, ngày hoàn thành ≤ hạn"),
    ),
    Indicator(
        "directives.done_late",
        _("Nhiệm vụ cấp trên giao hoàn thành trễ hạn"),
        section=D,
        formula=_("Hoàn thành đến cuối kỳ, ngày hoàn thành > hạn"),
    ),
    Indicator(
        "directives.done",
        _("Nhiệm vụ cấp trên giao đã hoàn thành"),
        section=D,
        formula=_("đúng hạn + trễ hạn"),
        sum_of=("directives.done_on_time", "directives.done_late"),
    ),
    Indicator(
        "directives.in_progress",
        _("Nhiệm vụ cấp trên giao đang thực hiện"),
        section=D,
        formula=_("Chưa hoàn thành đến cuối kỳ"),
    ),
    Indicator(
        "directives.overdue",
        _("Nhiệm vụ cấp trên giao chưa hoàn thành, đã quá hạn"),
        section=D,
        formula=_("Chưa hoàn thành đến cuối kỳ, hạn trước ngày cuối kỳ"),
    ),
    Indicator(
        "directives.in_time",
        _("Nhiệm vụ cấp trên giao đang thực hiện, còn trong hạn"),
        section=D,
        formula=_("đang thực hiện − chưa hoàn thành đã quá hạn"),
        derive=lambda v: (
            (v.get("directives.in_progress") or 0) - (v.get("directives.overdue") or 0)
        ),
        depends=("directives.in_progress", "directives.overdue"),
    ),
    Indicator(
        "directives.on_time_rate",
        _("Tỷ lệ nhiệm vụ cấp trên giao hoàn thành đúng hạn (trên số nhiệm vụ đã hoàn thành)"),
        kind=Kind.PERCENT,
        section=D,
        numerator="directives.done_on_time",
        denominator="directives.done",
        formula=_("hoàn thành đúng hạn / đã hoàn thành"),
    ),
)
registry.add(
    Indicator(
        "documents.registered",
        _("Văn bản trong sổ văn bản của kỳ"),
        section=D,
        formula=_("Văn bản được ghi vào sổ văn bản của kỳ (kế hoạch, quyết định, công văn…)"),
        year_over_year=False,
    ),
    Indicator(
        "documents.plans",
        _("Kế hoạch trong sổ văn bản của kỳ"),
        section=D,
        formula=_("Văn bản loại «Kế hoạch» trong sổ văn bản của kỳ"),
        year_over_year=False,
    ),
)
for _code, _label, _section in ENTERED_FIGURES:
    registry.add(
        Indicator(
            _code,
            _label,
            section=_section,
            formula=_(
                "Số liệu nhập trực tiếp (không có bản ghi gốc); chưa nhập thì để trống (—), "
                "không tính là 0"
            ),
            # reads its own sum and its row count, both raw counts of the source (available
            # before any derived value: no dependency to order)
            derive=_entered_or_none(_code),
        )
    )
registry.add(
    Indicator(
        "egov.electronic_documents_rate",
        _("Tỷ lệ văn bản đi, đến được xử lý dưới dạng điện tử"),
        kind=Kind.PERCENT,
        section=Section.EGOV,
        numerator="egov.electronic_documents_rate_num",
        denominator="egov.electronic_documents_rate_den",
        formula=_("văn bản xử lý điện tử / tổng số văn bản đi, đến"),
    ),
)
