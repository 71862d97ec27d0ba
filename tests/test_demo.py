"""The demo data: Xã Bình Phước's 2023 report figures come out of raw records exactly as in the
seed, every commune of the district has records, and loading twice changes nothing.

The demo is loaded once for the module inside a transaction that is rolled back at the end, so the
other test modules still start from an empty database."""

from __future__ import annotations

import hashlib
import io
import random
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction

from demo import generated
from finance.models import AssetRegulation, BudgetLine, InvestmentLine
from orgs.models import Level, Period, Unit
from plans.models import Directive, EnteredFigure, PlanTask
from reports.indicators import compute, registry
from reports.models import (
    DocumentSettings,
    NarrativeSection,
    Report,
    ReportState,
)
from staff.models import (
    DisciplineCase,
    Person,
    PersonnelAction,
    PostQuota,
    StaffCategory,
    TrainingAttendance,
)
from tthc.models import Dossier, Feedback, Procedure, Source, SurveyResponse

PASSWORD = "demo-Secret-2023"

# SPEC §5 figures of the seed, 15/12/2022–31/10/2023 (reference/seed-figures-checked.md).
SEED_DOSSIER_FIGURES = {
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
    "tthc.pending_overdue": 0,
    "tthc.on_time_rate": Decimal("99.05"),
    "tthc.online_rate": Decimal("43.60"),
    "egov.online_eligible": 1555,
    "egov.online_eligible_online": 843,
    "egov.online_service_rate": Decimal("54.21"),
    "egov.online_eligible.full": 142,
    "egov.online_eligible_online.full": 128,
    "egov.digitized_components": 1231,
    "egov.digitized_results": 784,
    "egov.online_payments": 445,
    "egov.online_payment_amount": 5_158_000,
}

# The other figures of the seed, by their registry codes.
SEED_OTHER_FIGURES = {
    "egov.procedures_online_partial": 44,
    "egov.procedures_online_full": 7,
    "feedback.received": 1,
    "feedback.resolved": 1,
    "survey.responses": 217,
    "survey.satisfied": 217,
    "staff.quota": 20,
    "staff.filled": 20,
    "staff.cadres": 11,
    "staff.civil_servants": 9,
    "staff.edu.university": 19,
    "staff.edu.intermediate": 1,
    "staff.pol.intermediate": 17,
    "staff.pol.elementary": 3,
    "egov.signature_coverage_rate": Decimal("100.00"),
    "kct.total": 10,
    "kct.concurrent": 2,
    "kct.edu.university": 6,
    "kct.edu.college": 3,
    "kct.edu.intermediate": 1,
    "kct.pol.intermediate": 4,
    "kct.pol.elementary": 2,
    "kct.pol.none": 4,
    "training.attendances": 44,
    "personnel.grade_transfers": 1,
    "personnel.raises": 3,
    "personnel.rotations": 1,
    "discipline.cases": 0,
    "plan.tasks": 28,
    "plan.tasks_done": 28,
    "directives.assigned": 114,
    "directives.done_on_time": 85,
    "directives.done_late": 27,
    "directives.in_progress": 2,
    "budget.revenue_actual": 6_648_000_000,
    "budget.revenue_plan": 5_605_000_000,
    "budget.revenue_rate": Decimal("118.61"),
    "budget.ordinance_revenue_actual": 278_399_000,
    "budget.ordinance_revenue_plan": 200_000_000,
    "budget.ordinance_revenue_rate": Decimal("139.20"),
    "budget.expenditure_actual": 4_776_000_000,
    "budget.expenditure_plan": 5_606_000_000,
    "budget.expenditure_rate": Decimal("85.19"),
    "invest.allocated": 1_029_700_000,
    "invest.disbursed": 1_005_800_000,
    "invest.disbursement_rate": Decimal("97.68"),
    "legal.docs_reviewed": 1,
    "legal.education_events": 2,
    "legal.education_attendance": 120,
    "tthc.procedures_reviewed": 8,
    "tthc.simplifications_proposed": 2,
    "egov.tech_teams": 6,
}

RECORD_MODELS = [
    Procedure,
    Dossier,
    Feedback,
    SurveyResponse,
    Person,
    PostQuota,
    TrainingAttendance,
    PersonnelAction,
    DisciplineCase,
    PlanTask,
    Directive,
    BudgetLine,
    InvestmentLine,
    AssetRegulation,
    EnteredFigure,
    NarrativeSection,
    DocumentSettings,
    Report,
]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """load_demo once for the module; everything is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = io.StringIO()
        call_command("load_demo", password=PASSWORD, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def bp(demo, db):
    period = Period.objects.get(code="2023")
    return Unit.objects.for_code("21073", period), period


def _checksum() -> dict[str, tuple[int, str]]:
    """Row count and a hash of every row of every demo record table."""
    out = {}
    for model in RECORD_MODELS:
        names = [f.attname for f in model._meta.concrete_fields]
        digest = hashlib.sha256()
        rows = model.objects.order_by("pk").values_list(*names)
        for row in rows.iterator(chunk_size=5000):
            digest.update(repr(row).encode())
        out[model.__name__] = (model.objects.count(), digest.hexdigest())
    return out


def test_bình_phước_2023_dossier_indicators_equal_the_seed(bp):
    values = compute(*bp)
    assert {code: values[code] for code in SEED_DOSSIER_FIGURES} == SEED_DOSSIER_FIGURES


def test_bình_phước_2023_other_indicators_equal_the_seed(bp):
    values = compute(*bp)
    assert [code for code in SEED_OTHER_FIGURES if code not in registry] == []
    assert {code: values[code] for code in SEED_OTHER_FIGURES} == SEED_OTHER_FIGURES


def test_bình_phước_provincial_and_national_online_dossiers_are_split_as_in_the_seed(bp):
    unit, period = bp
    lo, hi = period.window_bounds()
    window = Dossier.objects.filter(unit=unit, received_at__gte=lo, received_at__lt=hi)
    provincial = window.filter(source=Source.PROVINCIAL)
    assert provincial.filter(online_level="partial").count() == 1382
    assert provincial.filter(online_level="partial", channel="online").count() == 684
    assert provincial.filter(online_level="full").count() == 142
    assert provincial.filter(online_level="full", channel="online").count() == 128
    national = window.filter(source=Source.NATIONAL)
    birth = national.filter(procedure__linked_group__startswith="Liên thông: Đăng ký khai sinh")
    death = national.filter(procedure__linked_group__startswith="Liên thông: Đăng ký khai tử")
    assert (birth.count(), birth.filter(channel="online").count()) == (27, 27)
    assert (death.count(), death.filter(channel="online").count()) == (4, 4)
    # The seed's 848 vs 843: five online dossiers of procedures without online service.
    assert window.filter(channel="online", online_level="none").count() == 5


def test_bình_phước_raw_records_hold_the_seed_counts(bp):
    unit, period = bp
    people = Person.objects.filter(unit=unit)
    cbcc = people.exclude(category=StaffCategory.KCT)
    kct = people.filter(category=StaffCategory.KCT)
    assert PostQuota.objects.get(unit=unit, year=2023).quota == 20
    assert cbcc.filter(category=StaffCategory.CADRE).count() == 11
    assert cbcc.filter(category=StaffCategory.CIVIL_SERVANT).count() == 9
    assert cbcc.filter(education="university").count() == 19
    assert cbcc.filter(education="intermediate").count() == 1
    assert cbcc.filter(political_theory="intermediate").count() == 17
    assert cbcc.filter(political_theory="elementary").count() == 3
    assert cbcc.filter(has_digital_certificate=True).count() == 20
    assert kct.count() == 10
    assert kct.exclude(concurrent_post="").count() == 2
    # The seed's 6 + 3 + 2 = 11 education levels for 10 people cannot be recorded: 6 + 3 + 1.
    assert [kct.filter(education=e).count() for e in ("university", "college", "intermediate")] == [
        6,
        3,
        1,
    ]
    assert [
        kct.filter(political_theory=p).count() for p in ("intermediate", "elementary", "none")
    ] == [
        4,
        2,
        4,
    ]
    assert people.get(position="Chủ tịch Ủy ban nhân dân xã").full_name == "Ngô Văn Vương"
    in_window = {"start_on__gte": period.start, "start_on__lte": period.end}
    assert TrainingAttendance.objects.filter(unit=unit, **in_window).count() == 44
    actions = PersonnelAction.objects.filter(
        unit=unit, effective_on__gte=period.start, effective_on__lte=period.end
    )
    assert sorted(actions.values_list("kind", flat=True)) == [
        "grade_transfer",
        "raise",
        "raise",
        "raise",
        "rotation",
    ]
    assert not DisciplineCase.objects.filter(unit=unit).exists()
    tasks = PlanTask.objects.filter(unit=unit, period=period)
    assert tasks.count() == 28
    assert tasks.filter(done_on__gte=period.start, done_on__lte=period.end).count() == 28
    directives = Directive.objects.filter(unit=unit, period=period)
    assert directives.count() == 114
    assert all(period.start <= d.assigned_on <= period.end for d in directives)
    done = directives.exclude(done_on=None)
    assert sum(d.done_on <= d.due_on for d in done) == 85
    assert sum(d.done_on > d.due_on for d in done) == 27
    open_ones = directives.filter(done_on=None)
    assert open_ones.count() == 2 and all(d.due_on > period.end for d in open_ones)
    surveys = SurveyResponse.objects.filter(unit=unit)
    assert surveys.filter(answered_on__gte=period.start, answered_on__lte=period.end).count() == 217
    assert not surveys.filter(
        answered_on__gte=period.start, answered_on__lte=period.end, rating__lt=4
    ).exists()
    petition = Feedback.objects.get(unit=unit, received_on__gte=period.start)
    assert "di sản thừa kế" in petition.subject and petition.resolved_on is not None
    budget = {
        line.kind: (line.actual, line.plan, line.as_of.isoformat())
        for line in BudgetLine.objects.filter(unit=unit, period=period)
    }
    assert budget == {
        "revenue": (6_648_000_000, 5_605_000_000, "2023-09-30"),
        "ordinance_revenue": (278_399_000, 200_000_000, "2023-09-30"),
        "expenditure": (4_776_000_000, 5_606_000_000, "2023-09-30"),
    }
    lines = InvestmentLine.objects.filter(unit=unit, period=period)
    assert sum(x.allocated for x in lines) == 1_029_700_000
    assert sum(x.disbursed for x in lines) == 1_005_800_000
    regulation = AssetRegulation.objects.get(unit=unit, period=period)
    assert (regulation.decision_ref, regulation.issued_on.isoformat()) == (
        "30/QĐ-UBND",
        "2023-01-30",
    )
    figures = {
        f.code: (f.value, f.approximate)
        for f in EnteredFigure.objects.filter(unit=unit, period=period)
    }
    assert figures == {
        "legal.docs_reviewed": (1, False),
        "legal.education_events": (2, False),
        "legal.education_attendance": (120, True),
        "tthc.procedures_reviewed": (8, False),
        "tthc.simplifications_proposed": (2, False),
        "egov.tech_teams": (6, False),
    }


def test_bình_phước_narrative_keeps_the_seeds_hand_typed_17_late_dossiers(bp):
    unit, period = bp
    sections = NarrativeSection.objects.filter(unit=unit, period=period)
    assert list(sections.values_list("key", flat=True)) == ["limitations"]
    text = sections.get().text
    assert "có 17 hồ sơ trễ hạn" in text and "07 hồ sơ" in text and "10 hồ sơ" in text
    assert compute(unit, period)["tthc.resolved_late"] == 18


def test_dossier_dates_are_local_working_hours_and_due_dates_end_of_day_or_a_moment(bp):
    unit, period = bp
    lo, hi = period.window_bounds()
    tz = lo.tzinfo
    sample = list(Dossier.objects.filter(unit=unit, received_at__gte=lo, received_at__lt=hi)[:400])
    for d in sample:
        received = d.received_at.astimezone(tz)
        assert received.weekday() < 5
        assert (7, 30) <= (received.hour, received.minute) < (17, 0)
        if d.resolved_at is not None:
            assert d.resolved_at > d.received_at
    dues = {d.due_at.astimezone(tz).time().isoformat() for d in sample}
    assert "23:59:59" in dues and len(dues) > 2


def test_2022_has_last_years_values_with_a_few_large_moves(bp):
    unit, period = bp
    last = compute(unit, Period.objects.get(code="2022"))
    this = compute(unit, period)
    assert last["tthc.total"] > 1000
    assert this["egov.online_payments"] > 1.5 * last["egov.online_payments"]
    # 2022 closed with its pending dossiers resolved before the 2023 window: none carried twice.
    assert this["tthc.carried_over"] == 17


def test_every_commune_has_records_of_every_kind_in_both_years(demo, db):
    communes = Unit.objects.filter(level=Level.COMMUNE, valid_to__isnull=False)
    assert communes.count() == 22
    for code in ("2022", "2023"):
        period = Period.objects.get(code=code)
        lo, hi = period.window_bounds()
        for unit in communes:
            values = compute(unit, period)
            assert 600 * 0.8 <= values["tthc.received_new"] <= 2600, unit.code
            assert values["tthc.total"] == (
                values["tthc.resolved"] + values["tthc.withdrawn"] + values["tthc.pending"]
            )
            assert Person.objects.filter(unit=unit, category=StaffCategory.KCT).exists()
            assert 18 <= Person.objects.filter(unit=unit).exclude(category="kct").count() <= 22
            up = {"unit": unit, "period": period}
            assert PlanTask.objects.filter(**up).exists()
            assert Directive.objects.filter(**up).exists()
            assert BudgetLine.objects.filter(**up).count() == 3
            assert EnteredFigure.objects.filter(**up).count() == 6
            assert SurveyResponse.objects.filter(
                unit=unit, answered_on__gte=period.start, answered_on__lte=period.end
            ).exists()
            assert DocumentSettings.objects.filter(unit=unit, period=period).exists()


def test_document_settings_follow_the_seed_cleaned_per_decree_30(demo, db):
    s = DocumentSettings.objects.get(unit__code="21073", period__code="2023")
    assert s.issuing_body == "ỦY BAN NHÂN DÂN\nXÃ BÌNH PHƯỚC"
    assert (s.place_name, s.signer_name) == ("Bình Phước", "Ngô Văn Vương")
    assert s.addressee == "Phòng Nội vụ huyện Bình Sơn"
    assert s.basis.startswith("Công văn số 3986/UBND ngày 21/10/2023 của UBND huyện Bình Sơn")
    lines = s.recipients.splitlines()
    assert lines[0] == "Phòng Nội vụ huyện;" and lines[-1] == "Lưu: VT."
    assert "MT, các HĐT xã;" in lines and "CT, các PCT UBND xã;" in lines
    # Per period: the 2022 report does not cite the letter of 21/10/2023.
    assert DocumentSettings.objects.get(unit__code="21073", period__code="2022").basis == ""
    town = DocumentSettings.objects.get(unit__code="21040", period__code="2023")
    assert town.issuing_body == "ỦY BAN NHÂN DÂN\nTHỊ TRẤN CHÂU Ổ"
    assert "TT. Đảng ủy thị trấn;" in town.recipients.splitlines()


def test_reports_are_in_varied_workflow_states_and_bình_phước_stays_draft(demo, db):
    states = dict(Report.objects.filter(period__code="2023").values_list("unit__code", "state"))
    assert states["21073"] == ReportState.DRAFT
    assert states["21061"] == ReportState.DRAFT
    assert states["21040"] == ReportState.ACCEPTED
    assert states["21067"] == ReportState.RETURNED
    assert sorted(c for c, s in states.items() if s == ReportState.SUBMITTED) == [
        "21043",
        "21049",
        "21055",
    ]
    returned = Report.objects.get(unit__code="21067", period__code="2023")
    assert returned.transitions.get(to_state=ReportState.RETURNED).comment
    assert set(Report.objects.filter(period__code="2022").values_list("state", flat=True)) == {
        ReportState.ACCEPTED
    }


def test_loading_prints_its_duration(demo):
    assert "bản ghi mới trong" in demo and "giây" in demo


def test_a_second_load_changes_nothing(demo, db):
    before = _checksum()
    out = io.StringIO()
    call_command("load_demo", password=PASSWORD, stdout=out)
    assert _checksum() == before
    assert "; 0 bản ghi mới" in out.getvalue()


def test_generated_communes_are_deterministic(demo, db):
    unit = Unit.objects.get(code="21100", valid_to__isnull=False)
    periods = {p.code: p for p in Period.objects.all()}
    random.seed(1)
    first = generated.build(unit=unit, periods=periods)
    random.seed(2)
    second = generated.build(unit=unit, periods=periods)
    assert first.periods["2023"].dossiers == second.periods["2023"].dossiers
    assert [vars(p) for p in first.persons] == [vars(p) for p in second.persons]
