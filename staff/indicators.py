"""Indicators counted from staff records: posts, people in post, training, personnel actions,
discipline (SPEC §5).

People are counted as in post at the end of the window (in_post_from ≤ end ≤ in_post_to, open
ends allowed): the report describes the apparatus as it stands when the period closes.
"filled" posts are cán bộ + công chức; người hoạt động không chuyên trách (KCT) are counted apart.
The digital-signature coverage is over the same population: cán bộ and công chức in post
holding a digital certificate / filled posts (the seed's "100% CBCC có chứng thư số").
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from orgs.models import Period
from reports.indicators.base import Indicator, Kind, Measure, QuerySource, Section
from reports.indicators.registry import registry

from .models import (
    DisciplineCase,
    Education,
    Person,
    PersonnelAction,
    PersonnelActionKind,
    PoliticalTheory,
    PostQuota,
    StaffCategory,
    TrainingAttendance,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

A = Section.APPARATUS
C = Section.CIVIL_SERVICE
E = Section.EGOV

CBCC = Q(category__in=(StaffCategory.CADRE, StaffCategory.CIVIL_SERVANT))
KCT = Q(category=StaffCategory.KCT)


class PersonSource(QuerySource):
    model = Person

    def base(self, period: Period) -> QuerySet[Person]:
        end = period.end
        return Person.objects.filter(
            Q(in_post_from__isnull=True) | Q(in_post_from__lte=end),
            Q(in_post_to__isnull=True) | Q(in_post_to__gte=end),
        )

    def measures(self, period: Period) -> list[Measure]:
        out = [
            Measure("staff.people", None),
            Measure("staff.cadres", Q(category=StaffCategory.CADRE)),
            Measure("staff.civil_servants", Q(category=StaffCategory.CIVIL_SERVANT)),
            Measure("staff.with_certificate", CBCC & Q(has_digital_certificate=True)),
            Measure("kct.total", KCT),
            Measure("kct.concurrent", KCT & ~Q(concurrent_post="")),
        ]
        for level in Education.values:
            out.append(Measure(f"staff.edu.{level}", CBCC & Q(education=level)))
        for level in PoliticalTheory.values:
            out.append(Measure(f"staff.pol.{level}", CBCC & Q(political_theory=level)))
        for level in Education.values:
            out.append(Measure(f"kct.edu.{level}", KCT & Q(education=level)))
        for level in PoliticalTheory.values:
            out.append(Measure(f"kct.pol.{level}", KCT & Q(political_theory=level)))
        return out

    def extra_filters(self, period: Period) -> dict[str, Q]:
        return {"staff.filled": CBCC}


class QuotaSource(QuerySource):
    """Posts allotted for the period's year."""

    model = PostQuota

    def base(self, period: Period) -> QuerySet[PostQuota]:
        return PostQuota.objects.filter(year=period.year)

    def measures(self, period: Period) -> list[Measure]:
        return [Measure("staff.quota", None, sum_field="quota")]


class TrainingSource(QuerySource):
    model = TrainingAttendance

    def base(self, period: Period) -> QuerySet[TrainingAttendance]:
        return TrainingAttendance.objects.filter(start_on__range=(period.start, period.end))

    def measures(self, period: Period) -> list[Measure]:
        return [Measure("training.attendances", None)]


class PersonnelActionSource(QuerySource):
    model = PersonnelAction

    def base(self, period: Period) -> QuerySet[PersonnelAction]:
        return PersonnelAction.objects.filter(effective_on__range=(period.start, period.end))

    def measures(self, period: Period) -> list[Measure]:
        return [
            Measure("personnel.grade_transfers", Q(kind=PersonnelActionKind.GRADE_TRANSFER)),
            Measure("personnel.raises", Q(kind=PersonnelActionKind.RAISE)),
            Measure("personnel.rotations", Q(kind=PersonnelActionKind.ROTATION)),
        ]


class DisciplineSource(QuerySource):
    model = DisciplineCase

    def base(self, period: Period) -> QuerySet[DisciplineCase]:
        return DisciplineCase.objects.filter(decided_on__range=(period.start, period.end))

    def measures(self, period: Period) -> list[Measure]:
        return [Measure("discipline.cases", None)]


for _source in (
    PersonSource(),
    QuotaSource(),
    TrainingSource(),
    PersonnelActionSource(),
    DisciplineSource(),
):
    registry.add_source(_source)


registry.add(
    Indicator(
        "staff.quota",
        _("Số lượng cán bộ, công chức được giao"),
        section=A,
        formula=_("Biên chế được giao cho năm của kỳ báo cáo"),
    ),
    Indicator(
        "staff.cadres",
        _("Cán bộ"),
        section=A,
        formula=_("Cán bộ đang giữ chức vụ vào cuối kỳ"),
    ),
    Indicator(
        "staff.civil_servants",
        _("Công chức"),
        section=A,
        formula=_("Công chức đang giữ chức vụ vào cuối kỳ"),
    ),
    Indicator(
        "staff.filled",
        _("Số cán bộ, công chức hiện có"),
        section=A,
        formula=_("cán bộ + công chức"),
        sum_of=("staff.cadres", "staff.civil_servants"),
    ),
    Indicator(
        "staff.fill_rate",
        _("Tỷ lệ bố trí so với số được giao"),
        kind=Kind.PERCENT,
        section=A,
        numerator="staff.filled",
        denominator="staff.quota",
        formula=_("cán bộ, công chức hiện có / số được giao"),
        bounded=False,
    ),
)


def _add_levels(
    prefix: str,
    choices: Iterable[tuple[str, StrOrPromise]],
    label: StrOrPromise,
    formula: StrOrPromise,
) -> None:
    """One indicator per level of a breakdown (education, political theory)."""
    for level, level_label in choices:
        registry.add(
            Indicator(
                f"{prefix}.{level}",
                format_lazy("{}: {}", label, level_label),
                section=C,
                formula=formula,
            )
        )


_CBCC_LEVEL = _("Cán bộ, công chức trong chức vụ cuối kỳ có trình độ này")
_add_levels("staff.edu", Education.choices, _("CBCC trình độ chuyên môn"), _CBCC_LEVEL)
_add_levels("staff.pol", PoliticalTheory.choices, _("CBCC trình độ lý luận chính trị"), _CBCC_LEVEL)
registry.add(
    Indicator(
        "staff.people",
        _("Cán bộ, công chức và người hoạt động không chuyên trách"),
        section=A,
        formula=_("Người đang giữ chức vụ vào cuối kỳ (cán bộ, công chức và người HĐKCT)"),
    ),
    Indicator(
        "kct.total",
        _("Người hoạt động không chuyên trách"),
        section=A,
        formula=_("Người hoạt động không chuyên trách đang đảm nhiệm vào cuối kỳ"),
    ),
    Indicator(
        "kct.concurrent",
        _("…trong đó kiêm nhiệm"),
        section=A,
        formula=_("Người hoạt động không chuyên trách có kiêm nhiệm"),
    ),
)
_KCT_LEVEL = _("Người hoạt động không chuyên trách cuối kỳ có trình độ này")
_add_levels("kct.edu", Education.choices, _("Người HĐKCT trình độ chuyên môn"), _KCT_LEVEL)
_add_levels(
    "kct.pol", PoliticalTheory.choices, _("Người HĐKCT trình độ lý luận chính trị"), _KCT_LEVEL
)
registry.add(
    Indicator(
        "training.attendances",
        _("Lượt cán bộ, công chức được đào tạo, bồi dưỡng"),
        section=C,
        formula=_("Lượt tham gia có ngày bắt đầu trong kỳ"),
    ),
    Indicator(
        "personnel.grade_transfers",
        _("Chuyển ngạch"),
        section=C,
        formula=_("Quyết định chuyển ngạch có hiệu lực trong kỳ"),
    ),
    Indicator(
        "personnel.raises",
        _("Nâng bậc lương thường xuyên"),
        section=C,
        formula=_("Nâng bậc lương có hiệu lực trong kỳ"),
    ),
    Indicator(
        "personnel.rotations",
        _("Chuyển đổi vị trí công tác"),
        section=C,
        formula=_("Chuyển đổi vị trí có hiệu lực trong kỳ"),
    ),
    Indicator(
        "discipline.cases",
        _("Cán bộ, công chức bị kỷ luật"),
        section=C,
        formula=_("Quyết định kỷ luật trong kỳ"),
    ),
    Indicator(
        "staff.with_certificate",
        _("Cán bộ, công chức có chứng thư số"),
        section=E,
        formula=_("Cán bộ, công chức trong chức vụ cuối kỳ có chứng thư số"),
    ),
    Indicator(
        "egov.signature_coverage_rate",
        _("Tỷ lệ cán bộ, công chức có chứng thư số"),
        kind=Kind.PERCENT,
        section=E,
        numerator="staff.with_certificate",
        denominator="staff.filled",
        formula=_("CBCC có chứng thư số / cán bộ, công chức hiện có"),
    ),
)
