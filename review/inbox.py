"""The reviewer's inbox (issue 11, point 1): per period, the reports of the units directly below
each unit the user reviews, grouped by what the reviewer has to do with them.

    inbox_period(units, code)        -> Period | None   (the asked one, else the latest period
                                                         with submissions, else the latest open)
    inbox_groups(unit, period, state) -> UnitInbox
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from orgs.models import Period, Unit
from reports.models import Report
from reports.workflow import ReportState

from .selectors import ChildStatus, Completeness, completeness_of, statuses_for

S = ReportState


@dataclass(frozen=True)
class GroupSpec:
    key: str  # the state, also the filter value
    title: object
    hint: object


#: In the order of the page: the reviewer's work first.
GROUPS: tuple[GroupSpec, ...] = (
    GroupSpec(S.SUBMITTED, _("Chờ duyệt"), _("Báo cáo đã gửi, chờ bạn tiếp nhận hoặc trả lại.")),
    GroupSpec(S.RETURNED, _("Bị trả lại"), _("Đã trả lại, chờ đơn vị sửa và gửi lại.")),
    GroupSpec(S.DRAFT, _("Chưa gửi"), _("Đơn vị chưa gửi báo cáo kỳ này.")),
    GroupSpec(S.ACCEPTED, _("Đã tiếp nhận"), _("Đã tiếp nhận, chờ đơn vị ký số.")),
    GroupSpec(S.SIGNED, _("Đã ký"), _("Báo cáo đã ký số: hoàn tất.")),
)
GROUP_KEYS: tuple[str, ...] = tuple(g.key for g in GROUPS)


@dataclass
class Group:
    spec: GroupSpec
    rows: list[ChildStatus] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def count(self) -> int:
        return len(self.rows)


@dataclass
class UnitInbox:
    unit: Unit
    period: Period
    groups: list[Group]  # all five, filtered or not (counts always over every child)
    shown: list[Group]  # the groups the state filter keeps
    completeness: Completeness
    overdue: int  # never sent and past the deadline (the «chưa gửi» group)
    oldest_waiting_days: int | None  # days the oldest submission has been waiting

    def count(self, key: str) -> int:
        return next(g.count for g in self.groups if g.key == key)


_EPOCH = dt.datetime.min.replace(tzinfo=dt.UTC)


def _sort_key(key: str) -> Callable[[ChildStatus], tuple[object, ...]]:
    """Waiting for review: oldest submission first; not sent: overdue first; others by name."""
    if key == S.SUBMITTED:
        return lambda r: (r.submitted_at or _EPOCH, r.name)
    if key == S.DRAFT:
        return lambda r: (not r.overdue, r.name)
    return lambda r: (r.name,)


def inbox_groups(unit: Unit, period: Period, state: str = "") -> UnitInbox:
    """The children of `unit` valid in the period, grouped by the state of their report."""
    children = Unit.objects.filter(parent=unit).valid_during(period.start, period.end)
    rows = statuses_for(children.order_by("name"), period)
    groups = []
    for spec in GROUPS:
        members = [r for r in rows if r.state == spec.key]
        members.sort(key=_sort_key(spec.key))
        groups.append(Group(spec, members))
    waiting = [r.submitted_at for r in rows if r.state == S.SUBMITTED and r.submitted_at]
    oldest = (timezone.now() - min(waiting)).days if waiting else None
    return UnitInbox(
        unit=unit,
        period=period,
        groups=groups,
        shown=[g for g in groups if not state or g.key == state],
        completeness=completeness_of(rows),
        overdue=sum(1 for r in rows if r.overdue and r.state == S.DRAFT),
        oldest_waiting_days=oldest,
    )


def inbox_period(units: list[Unit], code: str = "") -> Period | None:
    """The period asked for; by default the latest period in which a unit below one of `units`
    submitted a report; else the latest (open, then any) period in which one of `units` exists;
    else the latest open period; else the latest period."""
    if code:
        asked = Period.objects.filter(code=code.strip().upper()).first()
        if asked is not None:
            return asked
    latest = (
        Report.objects.filter(unit__parent__in=units, submitted_at__isnull=False)
        .order_by("-period__end", "-period__start")
        .values_list("period_id", flat=True)
        .first()
    )
    if latest is not None:
        return Period.objects.get(pk=latest)
    # Periods in which one of the reviewed units exists (a province created by the 2025 reform
    # has nothing to review in 2024).
    valid = Q(pk__in=[])
    for u in units:
        cond = Q()
        if u.valid_from is not None:
            cond &= Q(end__gte=u.valid_from)
        if u.valid_to is not None:
            cond &= Q(start__lte=u.valid_to)
        valid |= cond
    for candidates in (
        Period.objects.open().filter(valid),
        Period.objects.filter(valid),
        Period.objects.open(),
        Period.objects.all(),
    ):
        found = candidates.order_by("-end").first()
        if found is not None:
            return found
    return None
