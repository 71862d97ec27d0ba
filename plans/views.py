"""Record sections of CCHC plan tasks, tasks assigned by the level above, and entered figures
(declared for the generic CRUD machinery)."""

from django.db.models import Model
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from records import scopes
from records.spec import Column, Grid, Section, Total, TotalGroup

from . import forms
from .entered import ENTERED_CODES, ENTERED_FIGURES
from .models import Directive, EnteredFigure, PlanTask


def _entered_label(obj: Model) -> str:
    assert isinstance(obj, EnteredFigure)
    return forms.entered_label(obj.code)


PLAN_TASKS = Section(
    key="plan_tasks",
    model=PlanTask,
    form=forms.PlanTaskForm,
    scope=scopes.ByUnitPeriod(),
    title=_("Nhiệm vụ kế hoạch CCHC"),
    columns=(
        Column("title", link=True),
        Column("owner"),
        Column("due_on", kind="date"),
        Column("done_on", kind="date"),
    ),
    search=("title", "owner"),
    ordering=("due_on",),
    grid=Grid(("title", "owner", "due_on", "done_on")),
    totals=(
        TotalGroup(
            _("Kế hoạch"),
            (
                Total(_("Nhiệm vụ"), indicator="plan.tasks"),
                Total(
                    _("Đã hoàn thành"),
                    indicator="plan.tasks_done",
                ),
                Total(_("Tỷ lệ hoàn thành"), indicator="plan.tasks_done_rate", kind="percent"),
            ),
        ),
    ),
)

DIRECTIVES = Section(
    key="directives",
    model=Directive,
    form=forms.DirectiveForm,
    scope=scopes.ByUnitPeriod(),
    title=_("Nhiệm vụ cấp trên giao"),
    columns=(
        Column("title", link=True),
        Column("reference"),
        Column("assigned_on", kind="date"),
        Column("due_on", kind="date"),
        Column("done_on", kind="date"),
    ),
    search=("title", "reference"),
    ordering=("assigned_on",),
    grid=Grid(("title", "reference", "assigned_on", "due_on", "done_on")),
    totals=(
        TotalGroup(
            _("Nhiệm vụ được giao"),
            (
                Total(_("Được giao"), indicator="directives.assigned"),
                Total(
                    _("Hoàn thành đúng hạn"),
                    indicator="directives.done_on_time",
                ),
                Total(
                    _("Hoàn thành quá hạn"),
                    indicator="directives.done_late",
                ),
                Total(
                    _("Đang thực hiện"),
                    indicator="directives.in_progress",
                ),
                Total(_("Tỷ lệ đúng hạn"), indicator="directives.on_time_rate", kind="percent"),
            ),
        ),
    ),
)

FIGURES = Section(
    key="figures",
    model=EnteredFigure,
    form=forms.EnteredFigureForm,
    scope=scopes.ByUnitPeriod(),
    title=_("Số liệu nhập trực tiếp"),
    columns=(
        Column("code", label=_("chỉ tiêu"), link=True, render=_entered_label),
        Column("value", kind="num"),
        Column("approximate", kind="bool"),
        Column("note", sortable=False),
    ),
    export_fields=("code", "value", "approximate", "note"),
    search=("code", "note"),
    ordering=("code",),
    grid=Grid(
        ("value", "approximate", "note"),
        key="code",
        keys=lambda: [(code, label) for code, label, _section in ENTERED_FIGURES],
    ),
    totals=(
        TotalGroup(
            _("Tiến độ nhập"),
            (
                Total(
                    format_lazy(_("Chỉ tiêu đã nhập (trong tổng số {n})"), n=len(ENTERED_CODES)),
                    indicator="figures.entered",
                ),
            ),
        ),
    ),
    help=_(
        "Số liệu không có bản ghi gốc (văn bản được rà soát, tuyên truyền pháp luật…). "
        "Đánh dấu «số ước» cho các số liệu dạng «trên 80 lượt»."
    ),
)

SECTIONS = (PLAN_TASKS, DIRECTIVES, FIGURES)
