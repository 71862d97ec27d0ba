"""Each indicator formula on hand-built records, with every boundary of the window (SPEC §4/§5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from finance.models import BudgetKind, BudgetLine, InvestmentLine
from orgs.models import Period
from plans.models import EnteredFigure, PlanTask
from reports.indicators import change_pct, compute, compute_many, registry, to_json
from staff.models import (
    DisciplineCase,
    Person,
    PersonnelAction,
    PostQuota,
    StaffCategory,
    TrainingAttendance,
)
from tests.helpers.dossiers import dossier, end_of_day, local, make
from tthc.models import Channel, DossierStatus, Feedback, OnlineLevel, Procedure
from tthc.models import SurveyResponse as Survey

_seq = iter(range(10**9))

pytestmark = pytest.mark.django_db


def test_a_dossier_received_at_midnight_of_the_first_day_counts_in_the_window(cast):
    make(dossier(cast.commune_a, received=local(2022, 12, 15, 0, 0)))
    v = compute(cast.commune_a, cast.period)
    assert v["tthc.received_new"] == 1
    assert v["tthc.carried_over"] == 0


def test_a_dossier_received_one_minute_before_the_window_is_carried_over(cast):
    make(dossier(cast.commune_a, received=local(2022, 12, 14, 23, 59)))
    v = compute(cast.commune_a, cast.period)
    assert (v["tthc.received_new"], v["tthc.carried_over"], v["tthc.total"]) == (0, 1, 1)


def test_a_dossier_received_at_23_59_of_the_last_day_counts_and_the_next_day_does_not(cast):
    make(
        dossier(cast.commune_a, received=local(2023, 10, 31, 23, 59)),
        dossier(cast.commune_a, received=local(2023, 11, 1, 0, 0)),
    )
    assert compute(cast.commune_a, cast.period)["tthc.received_new"] == 1


def test_the_window_is_local_time_not_utc(cast):
    # 14/12/2022 17:30 UTC is 15/12/2022 00:30 in Hà Nội: inside the window.
    make(dossier(cast.commune_a, received=dt.datetime(2022, 12, 14, 17, 30, tzinfo=dt.UTC)))
    assert compute(cast.commune_a, cast.period)["tthc.received_new"] == 1


def test_a_due_date_without_time_allows_resolution_until_the_end_of_that_day(cast):
    due = end_of_day(dt.date(2023, 3, 20))
    make(
        dossier(
            cast.commune_a,
            received=local(2023, 3, 10, 8),
            due=due,
            resolved=local(2023, 3, 20, 17, 0),
            status=DossierStatus.RESOLVED,
        ),
        dossier(
            cast.commune_a,
            received=local(2023, 3, 10, 8),
            due=due,
            resolved=local(2023, 3, 21, 7, 30),
            status=DossierStatus.RESOLVED,
        ),
    )
    v = compute(cast.commune_a, cast.period)
    assert (v["tthc.resolved_on_time"], v["tthc.resolved_late"]) == (1, 1)


def test_a_dossier_resolved_exactly_at_its_due_time_is_on_time_and_a_second_later_is_late(cast):
    due = local(2023, 5, 5, 10, 0)
    make(
        dossier(
            cast.commune_a,
            received=local(2023, 5, 1),
            due=due,
            resolved=due,
            status=DossierStatus.RESOLVED,
        ),
        dossier(
            cast.commune_a,
            received=local(2023, 5, 1),
            due=due,
            resolved=due + dt.timedelta(seconds=1),
            status=DossierStatus.RESOLVED,
        ),
    )
    v = compute(cast.commune_a, cast.period)
    assert (v["tthc.resolved"], v["tthc.resolved_on_time"], v["tthc.resolved_late"]) == (2, 1, 1)
    assert v["tthc.on_time_rate"] == Decimal("50.00")


def test_carried_over_edge_cases(cast):
    a = cast.commune_a
    make(
        # open at the start: carried over, then resolved inside the window
        dossier(a, received=local(2022, 12, 1), resolved=local(2022, 12, 20), status="resolved"),
        # resolved exactly at the first instant of the window: still open before it, carried
        dossier(a, received=local(2022, 12, 1), resolved=local(2022, 12, 15), status="resolved"),
        # resolved before the window: not counted at all
        dossier(a, received=local(2022, 12, 1), resolved=local(2022, 12, 10), status="resolved"),
        # withdrawn before the window: not counted at all
        dossier(
            a, received=local(2022, 12, 1), resolved=local(2022, 12, 14, 23, 59), status="withdrawn"
        ),
        # rejected inside the window: carried over and counted as withdrawn/rejected
        dossier(a, received=local(2022, 11, 1), resolved=local(2023, 1, 5), status="rejected"),
        # still pending, due long ago: carried over, pending and overdue
        dossier(a, received=local(2022, 10, 1), due=local(2022, 10, 10)),
    )
    v = compute(a, cast.period)
    assert v["tthc.carried_over"] == 4
    assert v["tthc.resolved"] == 2
    assert v["tthc.withdrawn"] == 1
    assert v["tthc.pending"] == 1
    assert v["tthc.pending_overdue"] == 1
    assert v["tthc.total"] == v["tthc.resolved"] + v["tthc.withdrawn"] + v["tthc.pending"]


def test_resolved_after_the_window_is_still_pending_at_its_end(cast):
    make(
        dossier(
            cast.commune_a,
            received=local(2023, 10, 20),
            due=end_of_day(dt.date(2023, 10, 30)),
            resolved=local(2023, 11, 2),
            status=DossierStatus.RESOLVED,
        ),
        dossier(
            cast.commune_a,
            received=local(2023, 10, 25),
            due=end_of_day(dt.date(2023, 10, 31)),
        ),
    )
    v = compute(cast.commune_a, cast.period)
    assert (v["tthc.resolved"], v["tthc.pending"], v["tthc.pending_overdue"]) == (0, 2, 1)


def _seed_dossiers(unit):
    """The seed's one-stop figures: 848 online + 1097 direct + 17 carried = 1962;
    1868 on time + 18 late = 1886 resolved; 59 withdrawn; 17 pending."""
    rows = []
    w = local(2023, 3, 1, 8)
    statuses = [("resolved", True)] * 1868 + [("resolved", False)] * 18 + [("withdrawn", None)] * 59
    for i in range(1945):
        channel = Channel.ONLINE if i < 848 else Channel.DIRECT
        status, on_time = statuses[i] if i < len(statuses) else ("pending", None)
        due = w + dt.timedelta(days=10)
        resolved = None
        if status == "resolved":
            resolved = w + dt.timedelta(days=5 if on_time else 12)
        elif status == "withdrawn":
            resolved = w + dt.timedelta(days=2)
        rows.append(
            dossier(
                unit,
                received=w,
                due=due,
                resolved=resolved,
                status=status,
                channel=channel,
                online_level=OnlineLevel.PARTIAL if i < 1555 else OnlineLevel.NONE,
            )
        )
    # 17 carried over, still pending at the end of the window
    rows += [dossier(unit, received=local(2022, 12, 1), due=local(2023, 12, 31)) for _ in range(17)]
    return rows


def test_the_seed_commune_figures_and_the_half_up_rounding(cast):
    rows = _seed_dossiers(cast.commune_a)
    make(*rows)
    v = compute(cast.commune_a, cast.period)
    assert v["tthc.received_online"] == 848
    assert v["tthc.received_direct"] == 1097
    assert v["tthc.carried_over"] == 17
    assert v["tthc.total"] == 1962
    assert v["tthc.resolved"] == 1886
    assert v["tthc.resolved_on_time"] == 1868
    assert v["tthc.resolved_late"] == 18
    # 1868 / 1886 = 99.0456…: half-up gives 99.05 (the seed's 99,04 truncated)
    assert v["tthc.on_time_rate"] == Decimal("99.05")
    assert v["tthc.online_rate"] == Decimal("43.60")
    assert to_json(v)["tthc.on_time_rate"] == "99.05"


def test_online_service_counts_use_the_procedure_level_of_the_dossier(cast):
    a = cast.commune_a
    w = local(2023, 4, 1)
    make(
        dossier(a, received=w, channel=Channel.ONLINE, online_level=OnlineLevel.FULL),
        dossier(a, received=w, channel=Channel.DIRECT, online_level=OnlineLevel.FULL),
        dossier(a, received=w, channel=Channel.ONLINE, online_level=OnlineLevel.PARTIAL),
        dossier(a, received=w, channel=Channel.ONLINE, online_level=OnlineLevel.NONE),
        dossier(a, received=w, channel=Channel.POSTAL, online_level=OnlineLevel.PARTIAL),
    )
    v = compute(a, cast.period)
    assert v["egov.online_eligible"] == 4
    assert v["egov.online_eligible_online"] == 2
    assert v["egov.online_service_rate"] == Decimal("50.00")
    assert v["egov.online_service_rate.full"] == Decimal("50.00")
    assert v["egov.online_service_rate.partial"] == Decimal("50.00")
    assert v["tthc.received_postal"] == 1


def test_digitisation_and_online_payment(cast):
    a = cast.commune_a
    w = local(2023, 4, 1)
    make(
        dossier(a, received=w, components_digitized=True, paid_online=True, fee=15000),
        dossier(a, received=w, paid_online=True, fee=20000),
        dossier(a, received=w, paid_online=False, fee=50000),
        dossier(
            a,
            received=w,
            resolved=w + dt.timedelta(days=1),
            status="resolved",
            result_digitized=True,
        ),
    )
    v = compute(a, cast.period)
    assert v["egov.digitized_components"] == 1
    assert v["egov.digitized_components_rate"] == Decimal("25.00")
    assert v["egov.digitized_results"] == 1
    assert v["egov.digitized_results_rate"] == Decimal("100.00")
    assert v["egov.online_payments"] == 2
    assert v["egov.online_payment_amount"] == 35000


def test_a_rate_with_a_zero_denominator_is_null(cast):
    v = compute(cast.commune_a, cast.period)
    assert v["tthc.on_time_rate"] is None
    assert to_json(v)["tthc.on_time_rate"] is None
    assert v["tthc.total"] == 0


def test_feedback_and_survey_count_by_their_dates_in_the_window(cast):
    a = cast.commune_a
    Feedback.objects.create(unit=a, received_on=dt.date(2022, 12, 15), subject="x")
    Feedback.objects.create(
        unit=a, received_on=dt.date(2022, 12, 14), resolved_on=dt.date(2022, 12, 20), subject="y"
    )
    Feedback.objects.create(unit=a, received_on=dt.date(2023, 11, 1), subject="z")
    for day, rating in [
        (dt.date(2022, 12, 15), 5),
        (dt.date(2023, 10, 31), 4),
        (dt.date(2023, 6, 1), 3),
        (dt.date(2023, 11, 1), 5),
    ]:
        Survey.objects.create(unit=a, answered_on=day, rating=rating)
    v = compute(a, cast.period)
    assert (v["feedback.received"], v["feedback.resolved"]) == (1, 1)
    assert (v["survey.responses"], v["survey.satisfied"]) == (3, 2)
    assert v["survey.satisfaction_rate"] == Decimal("66.67")


def person(unit, category, education="university", pol="intermediate", **kw):
    return Person.objects.create(
        unit=unit,
        full_name=f"Người {next(_seq)}",
        category=category,
        position="x",
        education=education,
        political_theory=pol,
        **kw,
    )


def test_staff_counts_people_in_post_at_the_end_of_the_window(cast):
    a = cast.commune_a
    PostQuota.objects.create(unit=a, year=2023, quota=20)
    PostQuota.objects.create(unit=a, year=2022, quota=19)
    person(a, StaffCategory.CADRE, has_digital_certificate=True)
    person(a, StaffCategory.CIVIL_SERVANT, education="intermediate", pol="elementary")
    person(a, StaffCategory.CIVIL_SERVANT, in_post_to=dt.date(2023, 10, 30))  # left before end
    person(a, StaffCategory.CIVIL_SERVANT, in_post_from=dt.date(2023, 11, 1))  # starts after
    person(a, StaffCategory.CIVIL_SERVANT, in_post_to=dt.date(2023, 10, 31))  # in post on the day
    person(a, StaffCategory.KCT, education="college", pol="none", concurrent_post="Thôn đội")
    person(a, StaffCategory.KCT, education="college", pol="none")
    v = compute(a, cast.period)
    assert v["staff.quota"] == 20
    assert (v["staff.cadres"], v["staff.civil_servants"], v["staff.filled"]) == (1, 2, 3)
    assert v["staff.edu.university"] == 2 and v["staff.edu.intermediate"] == 1
    assert v["staff.pol.intermediate"] == 2 and v["staff.pol.elementary"] == 1
    assert (v["kct.total"], v["kct.concurrent"], v["kct.edu.college"], v["kct.pol.none"]) == (
        2,
        1,
        2,
        2,
    )
    assert v["egov.signature_coverage_rate"] == Decimal("33.33")
    assert v["staff.fill_rate"] == Decimal("15.00")


def test_training_personnel_and_discipline_count_in_the_window(cast):
    a = cast.commune_a
    for day in (dt.date(2022, 12, 15), dt.date(2023, 10, 31), dt.date(2022, 12, 14)):
        TrainingAttendance.objects.create(unit=a, course="Lớp", start_on=day)
    PersonnelAction.objects.create(unit=a, kind="grade_transfer", effective_on=dt.date(2023, 1, 1))
    PersonnelAction.objects.create(unit=a, kind="raise", effective_on=dt.date(2023, 2, 1))
    PersonnelAction.objects.create(unit=a, kind="raise", effective_on=dt.date(2023, 3, 1))
    PersonnelAction.objects.create(unit=a, kind="rotation", effective_on=dt.date(2023, 11, 1))
    DisciplineCase.objects.create(unit=a, decided_on=dt.date(2023, 11, 2), form="Khiển trách")
    v = compute(a, cast.period)
    assert v["training.attendances"] == 2
    assert (v["personnel.grade_transfers"], v["personnel.raises"], v["personnel.rotations"]) == (
        1,
        2,
        0,
    )
    assert v["discipline.cases"] == 0


def test_budget_investment_and_entered_figures(cast):
    a, p = cast.commune_a, cast.period
    common = {"unit": a, "period": p, "as_of": dt.date(2023, 9, 30)}
    BudgetLine.objects.create(
        kind=BudgetKind.REVENUE, plan=5_605_000_000, actual=6_648_000_000, **common
    )
    BudgetLine.objects.create(
        kind=BudgetKind.ORDINANCE_REVENUE, plan=200_000_000, actual=278_399_000, **common
    )
    InvestmentLine.objects.create(
        project="A", allocated=1_029_700_000, disbursed=1_005_800_000, **common
    )
    EnteredFigure.objects.create(unit=a, period=p, code="legal.docs_reviewed", value=1)
    v = compute(a, p)
    assert v["budget.revenue_actual"] == 6_648_000_000
    assert v["budget.revenue_rate"] == Decimal("118.61")
    assert v["budget.ordinance_revenue_rate"] == Decimal("139.20")
    assert v["budget.expenditure_rate"] is None
    assert v["invest.disbursement_rate"] == Decimal("97.68")
    assert v["legal.docs_reviewed"] == 1
    assert to_json(v)["budget.revenue_actual"] == 6_648_000_000


def test_a_parent_sums_raw_counts_and_recomputes_rates_never_averaging(cast):
    w = local(2023, 4, 1)
    due = w + dt.timedelta(days=3)
    ok = {"status": "resolved", "resolved": w + dt.timedelta(days=1), "due": due}
    late = {"status": "resolved", "resolved": w + dt.timedelta(days=5), "due": due}
    make(
        dossier(cast.commune_a, received=w, **ok),
        dossier(cast.commune_a, received=w, **late),
        *[dossier(cast.commune_b, received=w, **ok) for _ in range(3)],
        dossier(cast.commune_c, received=w, **late),
    )
    p = cast.period
    EnteredFigure.objects.create(unit=cast.commune_a, period=p, code="egov.tech_teams", value=6)
    EnteredFigure.objects.create(unit=cast.commune_b, period=p, code="egov.tech_teams", value=2)
    district = compute(cast.district, p)
    assert district["tthc.resolved"] == 5
    # 4/5 = 80 %, not the average of 50 % and 100 %
    assert district["tthc.on_time_rate"] == Decimal("80.00")
    assert district["egov.tech_teams"] == 8
    province = compute(cast.province, p)
    assert province["tthc.resolved"] == 6
    assert province["tthc.on_time_rate"] == Decimal("66.67")


def test_compute_many_gives_each_unit_what_compute_gives_it(cast):
    w = local(2023, 4, 1)
    make(
        dossier(cast.commune_a, received=w, channel=Channel.ONLINE),
        dossier(cast.commune_b, received=w, status="resolved", resolved=w),
        dossier(cast.commune_c, received=local(2022, 1, 1)),
    )
    Person.objects.create(
        unit=cast.commune_b,
        full_name="B",
        category="cadre",
        position="x",
        education="university",
        political_theory="none",
    )
    units = [cast.province, cast.district, cast.other_district, cast.commune_a, cast.commune_b]
    many = compute_many(units, cast.period)
    for u in units:
        assert many[u.pk] == compute(u, cast.period), u


def test_the_procedure_catalogue_is_not_summed_over_units(cast):
    Procedure.objects.create(code="1", online_level=OnlineLevel.PARTIAL)
    Procedure.objects.create(code="2", online_level=OnlineLevel.FULL)
    Procedure.objects.create(code="3", online_level=OnlineLevel.PARTIAL)
    for unit in (cast.commune_a, cast.district, cast.province):
        v = compute(unit, cast.period)
        assert (v["egov.procedures_online_partial"], v["egov.procedures_online_full"]) == (2, 1)
    many = compute_many([cast.province, cast.commune_a], cast.period)
    assert many[cast.province.pk]["egov.procedures_online"] == 3


def test_every_indicator_has_a_label_a_section_and_rates_name_existing_counts():
    for ind in registry.all():
        assert str(ind.label)
        assert ind.section
        if ind.is_rate:
            assert ind.numerator in registry and ind.denominator in registry, ind.code
        for dep in ind.depends:
            assert dep in registry, (ind.code, dep)


def test_another_period_does_not_see_this_periods_records(cast):
    q1 = Period.objects.create(code="2023Q1", start=dt.date(2023, 1, 1), end=dt.date(2023, 3, 31))
    make(dossier(cast.commune_a, received=local(2023, 4, 1)))
    PlanTask.objects.create(unit=cast.commune_a, period=cast.period, title="t")
    v = compute(cast.commune_a, q1)
    assert v["tthc.received_new"] == 0 and v["plan.tasks"] == 0


def test_compute_many_for_a_few_units_ignores_the_records_of_others(cast):
    w = local(2023, 4, 1)
    make(
        dossier(cast.commune_a, received=w),
        dossier(cast.commune_b, received=w),
        dossier(cast.commune_c, received=w),
    )
    many = compute_many([cast.commune_a, cast.commune_c], cast.period)
    assert set(many) == {cast.commune_a.pk, cast.commune_c.pk}
    assert many[cast.commune_a.pk]["tthc.received_new"] == 1
    assert many[cast.commune_c.pk] == compute(cast.commune_c, cast.period)


def test_the_change_against_last_year_rounds_half_up_and_is_null_without_a_base():
    # 800 → 801 is +0.125 %: half-up gives 0.13 (the view and validation once gave 0.12)
    assert change_pct(801, 800) == Decimal("0.13")
    assert change_pct(799, 800) == Decimal("-0.13")
    assert change_pct(1962, 1000) == Decimal("96.20")
    assert change_pct(0, 5) == Decimal("-100.00")
    assert change_pct(5, 0) is None
    assert change_pct(5, None) is None
    assert change_pct(None, 5) is None
