"""Validation rules (SPEC §6): each fires on inconsistent figures and stays quiet otherwise."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from reports.gates import submission_check
from reports.indicators import compute, registry
from reports.models import NarrativeSection, Report, WarningExplanation
from reports.validation import (
    ERROR,
    WARNING,
    Finding,
    register_finder,
    registered_finders,
    rules,
    unregister_finder,
    validate,
)


def consistent() -> dict:
    """A complete set of consistent values (the seed commune's one-stop figures)."""
    v = dict.fromkeys(registry.codes(), 0)
    v.update(
        {
            "tthc.received_online": 848,
            "tthc.received_direct": 1097,
            "tthc.received_postal": 0,
            "tthc.received_new": 1945,
            "tthc.carried_over": 17,
            "tthc.total": 1962,
            "tthc.resolved": 1886,
            "tthc.resolved_on_time": 1868,
            "tthc.resolved_late": 18,
            "tthc.withdrawn": 59,
            "tthc.pending": 17,
            "tthc.on_time_rate": Decimal("99.05"),
            "egov.online_eligible.partial": 1555,
            "egov.online_eligible": 1555,
            "egov.online_eligible_online.partial": 848,
            "egov.online_eligible_online": 848,
            "directives.assigned": 114,
            "directives.done_on_time": 85,
            "directives.done_late": 27,
            "directives.in_progress": 2,
            "staff.cadres": 11,
            "staff.civil_servants": 9,
            "staff.filled": 20,
            "staff.edu.university": 19,
            "staff.edu.intermediate": 1,
            "staff.pol.intermediate": 17,
            "staff.pol.elementary": 3,
            "kct.total": 10,
            "kct.edu.university": 6,
            "kct.edu.college": 2,
            "kct.edu.intermediate": 2,
            "kct.pol.intermediate": 4,
            "kct.pol.elementary": 2,
            "kct.pol.none": 4,
            "budget.revenue_rate": Decimal("118.61"),
        }
    )
    for ind in registry.all():
        if ind.is_rate and ind.code not in ("tthc.on_time_rate", "budget.revenue_rate"):
            v[ind.code] = None
    return v


def rule_codes(values, **kw) -> set[str]:
    return {f.rule for f in validate(values, **kw)}


@pytest.fixture
def extra_finder():
    """Register finders for one test (as an app does in its ready()), removed afterwards."""
    added = []

    def add(finder):
        added.append(register_finder(finder))
        return finder

    yield add
    for finder in added:
        unregister_finder(finder)


def test_consistent_figures_raise_nothing():
    assert validate(consistent()) == []


@pytest.mark.parametrize(
    ("rule", "change"),
    [
        # the seed's "18 late" in one place and "17" in another cannot both be the count:
        ("tthc.resolved_sum", {"tthc.resolved_late": 17}),
        ("egov.online_eligible_online_le", {"egov.online_eligible_online": 849}),
        ("staff.edu_sum", {"staff.edu.university": 18}),
        ("staff.pol_sum", {"staff.pol.elementary": 4}),
        # the seed's non-specialised workers: 6 + 3 + 2 = 11 education levels for 10 people
        ("kct.edu_sum", {"kct.edu.college": 3}),
        ("kct.pol_sum", {"kct.pol.none": 5}),
        ("directives.sum", {"directives.in_progress": 3}),
        ("tthc.pending_overdue_le", {"tthc.pending_overdue": 18}),
        ("rate.tthc.on_time_rate", {"tthc.on_time_rate": Decimal("100.01")}),
        ("nonneg.tthc.pending", {"tthc.pending": -1, "tthc.total": 1960, "tthc.carried_over": 15}),
    ],
)
def test_an_inconsistency_fires_its_rule_as_an_error(rule, change):
    values = {**consistent(), **change}
    findings = {f.rule: f for f in validate(values)}
    assert rule in findings
    assert findings[rule].severity == ERROR


def test_the_message_names_the_figures_and_their_values_in_vietnamese_style():
    values = {**consistent(), "kct.edu.college": 3}
    f = next(f for f in validate(values) if f.rule == "kct.edu_sum")
    assert "Người hoạt động không chuyên trách (10)" in f.message
    assert "= 11" in f.message
    assert "kct.total" in f.codes


def test_a_budget_rate_above_100_is_not_an_error_but_a_share_above_100_is():
    values = consistent()
    assert "rate.budget.revenue_rate" not in rule_codes(values)
    values["tthc.on_time_rate"] = Decimal("101.00")
    assert "rate.tthc.on_time_rate" in rule_codes(values)


def test_online_dossiers_outside_the_catalogue_are_a_warning_as_in_the_seed():
    # The seed: 848 online at the one-stop shop, 843 of procedures with an online service.
    values = {**consistent(), "egov.online_eligible_online": 843}
    values["egov.online_eligible_online.partial"] = 843
    f = {f.rule: f for f in validate(values)}["egov.online_outside_catalogue"]
    assert f.severity == WARNING
    assert f.message.startswith("5 hồ sơ")


def test_year_over_year_moves_beyond_50_percent_are_warnings_and_within_are_not():
    now = consistent()
    before = {**now, "tthc.total": 1000, "tthc.resolved": 1300, "feedback.received": 0}
    found = {f.rule: f for f in validate(now, previous=before)}
    assert found["yoy.tthc.total"].severity == WARNING  # 1000 → 1962: +96,20 %
    assert "+96,20%" in found["yoy.tthc.total"].message
    assert "yoy.tthc.resolved" not in found  # 1300 → 1886: +45 %
    assert "yoy.feedback.received" not in found  # nothing to compare with
    assert not any(r.startswith("yoy.") for r in rule_codes(now, previous=None))


def test_year_over_year_also_warns_on_a_fall():
    now = consistent()
    found = rule_codes(now, previous={**now, "directives.assigned": 300})
    assert "yoy.directives.assigned" in found


def test_a_sum_the_registry_computes_itself_is_not_a_rule():
    """Such a sum can never fail; tests/reports/test_indicators_identities.py checks it on
    records instead."""
    identities = [
        {ind.code, *ind.depends}
        for ind in registry.all()
        if ind.sum_of or ind.code == "tthc.pending"  # pending = total − resolved − withdrawn
    ]
    for rule in rules():
        assert set(rule.codes) not in identities, rule.code
    for gone in (
        "tthc.received_new_sum",
        "tthc.total_sum",
        "tthc.total_balance",
        "egov.online_eligible_sum",
        "egov.online_eligible_online_sum",
        "staff.filled_sum",
    ):
        assert gone not in {r.code for r in rules()}


def test_year_over_year_rounds_half_up_like_every_other_percentage():
    now = consistent()
    # 800 → 1201 is +50,125 %: half-up +50,13 % (half-to-even printed +50,12 %)
    found = {
        f.rule: f
        for f in validate(
            {**now, "feedback.received": 1201}, previous={**now, "feedback.received": 800}
        )
    }
    assert "+50,13%" in found["yoy.feedback.received"].message


def test_hand_typed_figures_of_the_stored_narrative_are_errors(cast):
    NarrativeSection.objects.create(
        unit=cast.commune_a, period=cast.period, key="limitations", text="Có 17 hồ sơ trễ hạn."
    )
    found = [
        f
        for f in validate(consistent(), unit=cast.commune_a, period=cast.period)
        if f.rule.startswith("narrative.")
    ]
    assert [(f.rule, f.severity, f.codes) for f in found] == [
        ("narrative.limitations.tthc.resolved_late.17", ERROR, ("tthc.resolved_late",))
    ]
    assert "«17 hồ sơ trễ hạn»" in found[0].message and "= 18" in found[0].message
    assert not [
        f
        for f in validate(consistent(), unit=cast.commune_b, period=cast.period)
        if f.rule.startswith("narrative.")
    ]


def test_finders_run_only_for_a_unit_and_a_period(extra_finder, cast):
    calls = []

    def finder(*, unit, period, values):
        calls.append((unit, period))
        return [Finding("test.found", WARNING, "Thử", ("tthc.total",))]

    extra_finder(finder)
    assert finder in registered_finders()
    assert "test.found" not in rule_codes(consistent())
    assert calls == []
    assert "test.found" in rule_codes(consistent(), unit=cast.commune_a, period=cast.period)
    assert calls == [(cast.commune_a, cast.period)]


def test_each_app_registers_its_finders():
    from finance.checks import as_of_findings
    from plans.checks import approximate_findings
    from reports.narrative.citation_checks import citation_findings
    from reports.narrative.figures import check_figures
    from reports.rendering.level import signer_findings

    # The narrative's finders first (reports is installed before the feature apps), then the
    # feature apps' finders in INSTALLED_APPS order.
    assert list(registered_finders())[:5] == [
        check_figures,
        citation_findings,
        signer_findings,
        as_of_findings,
        approximate_findings,
    ]


def test_every_rule_reads_only_registered_indicators():
    for rule in rules():
        for code in rule.codes:
            assert code in registry, (rule.code, code)


def test_rule_codes_are_unique():
    codes = [r.code for r in rules()]
    assert len(codes) == len(set(codes))


# --- the submission gate ------------------------------------------------------------------


def enter_every_figure(unit, period) -> None:
    """Every hand-entered figure entered (as 0): none is *not entered* (a warning)."""
    from plans.entered import ENTERED_CODES
    from plans.models import EnteredFigure

    for code in ENTERED_CODES:
        EnteredFigure.objects.create(unit=unit, period=period, code=code, value=0)


def _named_signer(unit, period) -> None:
    from reports.models import DocumentSettings

    DocumentSettings.objects.create(unit=unit, period=period, signer_name="Ngô Văn Vương")


@pytest.mark.django_db
def test_clean_figures_can_be_submitted(cast):
    _named_signer(cast.commune_a, cast.period)
    report = Report.objects.create(unit=cast.commune_a, period=cast.period)
    enter_every_figure(cast.commune_a, cast.period)
    submission_check(report)  # no exception


@pytest.mark.django_db
def test_an_error_blocks_submission_with_its_message(cast, extra_finder):
    report = Report.objects.create(unit=cast.commune_a, period=cast.period)
    extra_finder(lambda **kw: [Finding("test.always", ERROR, "Lỗi thử nghiệm", ("tthc.total",))])
    with pytest.raises(ValidationError) as exc:
        submission_check(report)
    assert any("Lỗi thử nghiệm" in m for m in exc.value.messages)


@pytest.mark.django_db
def test_a_warning_blocks_submission_until_it_is_explained(cast, extra_finder):
    report = Report.objects.create(unit=cast.commune_a, period=cast.period)
    enter_every_figure(cast.commune_a, cast.period)
    extra_finder(lambda **kw: [Finding("test.warn", WARNING, "Cảnh báo thử", ("tthc.total",))])
    with pytest.raises(ValidationError) as exc:
        submission_check(report)
    assert any("Cảnh báo thử" in m for m in exc.value.messages)
    WarningExplanation.objects.create(
        unit=cast.commune_a, period=cast.period, rule="test.warn", text="Do sáp nhập thôn."
    )
    _named_signer(cast.commune_a, cast.period)
    submission_check(report)


@pytest.mark.django_db
def test_year_over_year_warning_from_records(cast):
    from orgs.models import Period
    from reports.snapshots import snapshot_refresh

    last = Period.objects.create(
        code="2022", start=dt.date(2021, 12, 15), end=dt.date(2022, 10, 31)
    )
    assert cast.period.same_period_last_year() == last
    from plans.models import PlanTask

    PlanTask.objects.bulk_create(
        [PlanTask(unit=cast.commune_a, period=last, title="t") for _ in range(10)]
        + [PlanTask(unit=cast.commune_a, period=cast.period, title="t") for _ in range(4)]
    )
    snap = snapshot_refresh(unit=cast.commune_a, period=cast.period)
    assert "yoy.plan.tasks" in {f["rule"] for f in snap.validation}
    assert compute(cast.commune_a, cast.period)["plan.tasks"] == 4


def test_an_approximate_entered_figure_is_a_warning_and_an_exact_one_is_not(cast):
    from plans.models import EnteredFigure

    figure = EnteredFigure.objects.create(
        unit=cast.commune_a,
        period=cast.period,
        code="legal.education_attendance",
        value=120,
        approximate=True,
    )
    values = compute(cast.commune_a, cast.period)
    found = [
        f
        for f in validate(values, unit=cast.commune_a, period=cast.period)
        if f.rule == "approximate.legal.education_attendance"
    ]
    assert len(found) == 1 and found[0].severity == WARNING
    assert "số ước tính" in str(found[0].message)
    figure.approximate = False
    figure.save()
    assert not [
        f
        for f in validate(values, unit=cast.commune_a, period=cast.period)
        if f.rule.startswith("approximate.")
    ]


def test_v13_a_budget_or_investment_figure_dated_outside_the_period_is_a_warning(cast):
    from finance.models import BudgetKind, BudgetLine, InvestmentLine

    period = cast.period
    inside = BudgetLine.objects.create(
        unit=cast.commune_a,
        period=period,
        kind=BudgetKind.REVENUE,
        plan=100,
        actual=90,
        as_of=period.end,
    )
    late = InvestmentLine.objects.create(
        unit=cast.commune_a,
        period=period,
        project="Đường liên thôn",
        allocated=1000,
        disbursed=500,
        as_of=period.end + dt.timedelta(days=40),  # last year's report, next year's figure
    )

    def v13(unit):
        return [
            f
            for f in validate(compute(unit, period), unit=unit, period=period)
            if f.rule.startswith("as_of.")
        ]

    found = v13(cast.commune_a)
    assert [(f.rule, f.severity, f.codes) for f in found] == [
        (
            f"as_of.investmentline.{late.pk}",
            WARNING,
            ("invest.disbursed", "invest.disbursement_rate"),
        )
    ]
    assert "Đường liên thôn" in str(found[0].message)
    assert late.as_of.strftime("%d/%m/%Y") in str(found[0].message)
    assert [f.rule for f in v13(cast.district)] == [found[0].rule]  # seen from above too
    inside.as_of = period.start - dt.timedelta(days=1)
    inside.save()
    late.as_of = period.end
    late.save()
    assert [(f.rule, f.codes) for f in v13(cast.commune_a)] == [
        (f"as_of.budgetline.{inside.pk}", ("budget.revenue_actual", "budget.revenue_rate"))
    ]
