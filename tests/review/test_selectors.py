"""children_status and completeness: one row per child unit valid in the period, the state of its
report, timeliness against the period's deadline, submissions counted, validation counts from
the stored snapshot, and the completeness figures equal to what the rows say."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from orgs.models import Level, Period
from reports.models import IndicatorSnapshot, WarningExplanation
from review.selectors import children_status, completeness
from tests.factories import UnitFactory

from .conftest import local, move

pytestmark = pytest.mark.django_db


def _snapshot(unit, period, *findings):
    IndicatorSnapshot.objects.create(
        unit=unit,
        period=period,
        values={},
        validation=[
            {"rule": rule, "severity": sev, "message": rule, "codes": []} for rule, sev in findings
        ],
        computed_at=timezone.now(),
    )


def test_rows_follow_the_states_of_the_children_reports(cast):
    # A: submitted on time, returned, sent again late (first submission decides): version 2.
    move(cast, cast.commune_a, "submit", "return", "submit", when=local(2023, 11, 10))
    rows = {r.code: r for r in children_status(cast.district, cast.period)}
    assert list(rows) == ["21073", "21061"]  # by name: Bình Phước, Bình Trị; not Tịnh Hà
    a, b = rows["21073"], rows["21061"]
    assert (a.state, a.version, a.on_time, a.overdue) == ("submitted", 2, True, False)
    assert a.submitted_at == local(2023, 11, 10)
    # B has no report: a draft, overdue (the deadline 15/11/2023 has passed).
    assert (b.state, b.version, b.submitted_at, b.on_time, b.overdue) == (
        "draft",
        0,
        None,
        False,
        True,
    )
    assert (b.open_errors, b.warnings, b.warnings_explained) == (None, None, None)


def test_late_submission_and_not_yet_due(cast):
    move(cast, cast.commune_a, "submit", "accept", when=local(2023, 11, 16))
    rows = {r.code: r for r in children_status(cast.district, cast.period)}
    assert (rows["21073"].state, rows["21073"].on_time) == ("accepted", False)
    # A period whose deadline is still ahead: nothing is late yet.
    future = Period.objects.create(
        code="2099",
        start=dt.date(2099, 1, 1),
        end=dt.date(2099, 10, 31),
        deadline=dt.date(2099, 11, 15),
    )
    rows = children_status(cast.district, future)
    assert [(r.state, r.on_time, r.overdue) for r in rows] == [("draft", None, False)] * 2


def test_validation_counts_come_from_the_snapshot_and_the_explanations(cast):
    _snapshot(
        cast.commune_a,
        cast.period,
        ("bounds.x", "error"),
        ("yoy.a", "warning"),
        ("yoy.b", "warning"),
        ("yoy.c", "warning"),
    )
    WarningExplanation.objects.create(
        unit=cast.commune_a, period=cast.period, rule="yoy.a", text="Vì…"
    )
    WarningExplanation.objects.create(
        unit=cast.commune_a, period=cast.period, rule="yoy.b", text=""
    )
    _snapshot(cast.commune_b, cast.period)
    rows = {r.code: r for r in children_status(cast.district, cast.period)}
    assert (
        rows["21073"].open_errors,
        rows["21073"].warnings,
        rows["21073"].warnings_explained,
    ) == (
        1,
        3,
        1,
    )
    assert (
        rows["21061"].open_errors,
        rows["21061"].warnings,
        rows["21061"].warnings_explained,
    ) == (
        0,
        0,
        0,
    )


def test_only_children_valid_in_the_period(cast):
    UnitFactory(
        code="21999",
        name="Xã Đã Nhập",
        parent=cast.district,
        level=Level.COMMUNE,
        valid_to=dt.date(2022, 6, 30),
    )
    UnitFactory(
        code="21998",
        name="Xã Mới",
        parent=cast.district,
        level=Level.COMMUNE,
        valid_from=dt.date(2023, 7, 1),
    )
    codes = [r.code for r in children_status(cast.district, cast.period)]
    assert codes == ["21073", "21061", "21998"]
    # A province's children are the units directly under it (its districts here).
    assert [r.code for r in children_status(cast.province, cast.period)] == ["524", "525"]


def test_completeness_equals_what_the_states_say(cast):
    for i in range(20):
        UnitFactory(code=f"2200{i:02d}", name=f"Xã Z {i:02d}", parent=cast.district)
    move(cast, cast.commune_a, "submit", "accept", when=local(2023, 11, 1))
    move(cast, cast.commune_b, "submit", when=local(2023, 11, 20))
    move(cast, cast.district.children.get(code="220000"), "submit", "return")
    move(cast, cast.district.children.get(code="220001"), "submit", when=local(2023, 11, 2))
    c = completeness(cast.district, cast.period)
    assert (c.expected, c.submitted, c.on_time, c.returned, c.accepted, c.signed) == (
        22,
        3,
        2,
        1,
        1,
        0,
    )
    assert c.submitted_rate == Decimal("13.64")  # 3 / 22
    assert c.on_time_rate == Decimal("9.09")  # 2 / 22
    assert c.as_json()["submitted_rate"] == "13.64"
    rows = children_status(cast.district, cast.period)
    assert c.submitted == sum(r.state in ("submitted", "accepted", "signed") for r in rows)


def test_completeness_of_a_unit_without_children_has_no_rates(cast):
    c = completeness(cast.commune_a, cast.period)
    assert (c.expected, c.submitted_rate, c.on_time_rate) == (0, None, None)
    assert c.as_json() == {
        "expected": 0,
        "submitted": 0,
        "on_time": 0,
        "returned": 0,
        "accepted": 0,
        "signed": 0,
        "submitted_rate": None,
        "on_time_rate": None,
    }


def test_a_few_queries_for_170_children(cast, django_assert_max_num_queries):
    province = UnitFactory(code="99", name="Tỉnh Mới", level=Level.PROVINCE)
    units = [
        UnitFactory(code=f"9{i:04d}", name=f"Xã P {i:03d}", parent=province) for i in range(170)
    ]
    for u in units[:30]:
        move(cast, u, "submit")
        _snapshot(u, cast.period, ("yoy.a", "warning"))
    with django_assert_max_num_queries(6):
        rows = children_status(province, cast.period)
    assert len(rows) == 170
    assert sum(r.state == "submitted" for r in rows) == 30
