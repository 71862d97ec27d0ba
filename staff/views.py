"""Record sections of the staff app: people, post quotas, trainings, personnel actions,
discipline (declared for the generic CRUD machinery)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from records import scopes
from records.spec import Column, Filter, Grid, Section, Total, TotalGroup

from . import forms
from .models import (
    DisciplineCase,
    Education,
    Person,
    PersonnelAction,
    PoliticalTheory,
    PostQuota,
    TrainingAttendance,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def _breakdown(prefix: str, choices: Iterable[tuple[str, StrOrPromise]]) -> tuple[Total, ...]:
    return tuple(
        Total(
            label,
            indicator=f"{prefix}.{value}",
        )
        for value, label in choices
    )


PEOPLE = Section(
    key="people",
    model=Person,
    form=forms.PersonForm,
    scope=scopes.PeopleScope(),
    title=_("Cán bộ, công chức, người hoạt động không chuyên trách"),
    columns=(
        Column("full_name", link=True),
        Column("category"),
        Column("position"),
        Column("education"),
        Column("political_theory"),
        Column("concurrent_post"),
        Column("has_digital_certificate", kind="bool"),
        Column("in_post_from", kind="date"),
        Column("in_post_to", kind="date"),
    ),
    search=("full_name", "position", "concurrent_post"),
    ordering=("category", "full_name"),
    filters=(Filter("category"), Filter("education"), Filter("political_theory")),
    totals=(
        TotalGroup(
            _("Số người trong kỳ"),
            (
                Total(_("Tổng số"), indicator="staff.people"),
                Total(
                    _("Cán bộ"),
                    indicator="staff.cadres",
                ),
                Total(
                    _("Công chức"),
                    indicator="staff.civil_servants",
                ),
                Total(
                    _("Người hoạt động KCT"),
                    indicator="kct.total",
                ),
                Total(_("Có chứng thư số"), indicator="staff.with_certificate"),
            ),
        ),
        TotalGroup(
            _("Trình độ chuyên môn (CB, CC)"),
            _breakdown("staff.edu", Education.choices),
        ),
        TotalGroup(
            _("Lý luận chính trị (CB, CC)"),
            _breakdown("staff.pol", PoliticalTheory.choices),
        ),
        TotalGroup(
            _("Trình độ chuyên môn (KCT)"),
            _breakdown("kct.edu", Education.choices),
        ),
        TotalGroup(
            _("Lý luận chính trị (KCT)"),
            _breakdown("kct.pol", PoliticalTheory.choices),
        ),
    ),
    help=_("Những người giữ chức vụ trong kỳ báo cáo (theo ngày giữ chức vụ từ/đến)."),
)

QUOTAS = Section(
    key="quotas",
    model=PostQuota,
    form=forms.PostQuotaForm,
    scope=scopes.ByUnitYear("year"),
    title=_("Số lượng cán bộ, công chức được giao"),
    columns=(Column("year", link=True), Column("quota", kind="num"), Column("decision_ref")),
    grid=Grid(("year", "quota", "decision_ref")),
    search=("decision_ref",),
    ordering=("-year",),
    totals=(
        TotalGroup(
            _("Biên chế"),
            (Total(_("Được giao"), indicator="staff.quota"),),
        ),
    ),
)

TRAININGS = Section(
    key="trainings",
    model=TrainingAttendance,
    form=forms.TrainingAttendanceForm,
    scope=scopes.ByUnitDate("start_on"),
    title=_("Đào tạo, bồi dưỡng"),
    columns=(
        Column("course", link=True),
        Column("person__full_name", label=_("người tham gia")),
        Column("organiser"),
        Column("start_on", kind="date"),
        Column("end_on", kind="date"),
    ),
    search=("course", "organiser", "person__full_name"),
    ordering=("-start_on",),
    select_related=("person",),
    totals=(
        TotalGroup(
            _("Trong kỳ"),
            (
                Total(
                    _("Lượt đào tạo, bồi dưỡng"),
                    indicator="training.attendances",
                ),
            ),
        ),
    ),
)

ACTIONS = Section(
    key="actions",
    model=PersonnelAction,
    form=forms.PersonnelActionForm,
    scope=scopes.ByUnitDate("effective_on"),
    title=_("Chuyển ngạch, nâng lương, chuyển đổi vị trí"),
    columns=(
        Column("kind", link=True),
        Column("person__full_name", label=_("cán bộ, công chức")),
        Column("effective_on", kind="date"),
        Column("decision_ref"),
    ),
    search=("person__full_name", "decision_ref"),
    ordering=("-effective_on",),
    filters=(Filter("kind"),),
    select_related=("person",),
    totals=(
        TotalGroup(
            _("Trong kỳ"),
            (
                Total(
                    _("Chuyển ngạch"),
                    indicator="personnel.grade_transfers",
                ),
                Total(
                    _("Nâng bậc lương"),
                    indicator="personnel.raises",
                ),
                Total(
                    _("Chuyển đổi vị trí"),
                    indicator="personnel.rotations",
                ),
            ),
        ),
    ),
)

DISCIPLINE = Section(
    key="discipline",
    model=DisciplineCase,
    form=forms.DisciplineCaseForm,
    scope=scopes.ByUnitDate("decided_on"),
    title=_("Kỷ luật cán bộ, công chức"),
    columns=(
        Column("form", link=True),
        Column("person__full_name", label=_("cán bộ, công chức")),
        Column("decided_on", kind="date"),
        Column("reason", sortable=False),
    ),
    search=("form", "reason", "person__full_name"),
    ordering=("-decided_on",),
    select_related=("person",),
    totals=(
        TotalGroup(
            _("Trong kỳ"),
            (Total(_("Vụ việc kỷ luật"), indicator="discipline.cases"),),
        ),
    ),
)

SECTIONS = (PEOPLE, QUOTAS, TRAININGS, ACTIONS, DISCIPLINE)
