"""reports.locks: the one lock rule of a submitted period, and every channel asking it."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from orgs.models import Period
from reports.locks import PeriodLocked, ensure_unlocked, locked_periods, period_is_locked
from reports.models import Report, ReportState
from reports.workflow import LOCKING_STATES

pytestmark = pytest.mark.django_db

INSIDE = dt.date(2023, 5, 1)  # inside the window of the period 2023 (15/12/2022–31/10/2023)
OUTSIDE = dt.date(2024, 5, 1)


@pytest.fixture
def period_2024(cast):
    return Period.objects.create(
        code="2024", start=dt.date(2023, 12, 15), end=dt.date(2024, 10, 31)
    )


def lock(cast, state=ReportState.SUBMITTED) -> Report:
    return Report.objects.create(unit=cast.commune_a, period=cast.period, state=state)


def test_the_locking_states_are_submitted_accepted_signed():
    assert {ReportState.SUBMITTED, ReportState.ACCEPTED, ReportState.SIGNED} == LOCKING_STATES


@pytest.mark.parametrize("state", list(ReportState))
def test_period_is_locked_follows_the_workflow(cast, state):
    lock(cast, state)
    assert period_is_locked(unit=cast.commune_a, period=cast.period) == (state in LOCKING_STATES)
    assert not period_is_locked(unit=cast.commune_b, period=cast.period)


def test_locked_periods_by_date_ranges(cast):
    lock(cast)
    unit = cast.commune_a
    assert locked_periods(unit=unit, ranges=[]) == []
    assert locked_periods(unit=unit, ranges=[(INSIDE, INSIDE)]) == [cast.period]
    assert locked_periods(unit=unit, ranges=[(OUTSIDE, OUTSIDE)]) == []
    # open-ended ranges (a person in post since 01/01/2023, still in post)
    assert locked_periods(unit=unit, ranges=[(dt.date(2023, 1, 1), None)]) == [cast.period]
    assert locked_periods(unit=unit, ranges=[(None, dt.date(2022, 12, 14))]) == []
    assert locked_periods(unit=cast.commune_b, ranges=[(INSIDE, INSIDE)]) == []


def test_ensure_unlocked_raises_period_locked_with_the_vietnamese_message(cast):
    ensure_unlocked(unit=cast.commune_a, period=cast.period, ranges=[(INSIDE, INSIDE)])
    lock(cast)
    with pytest.raises(PeriodLocked, match="đã gửi: dữ liệu chỉ được xem") as exc:
        ensure_unlocked(unit=cast.commune_a, period=cast.period)
    assert isinstance(exc.value, ValidationError) and exc.value.periods == [cast.period]
    with pytest.raises(PeriodLocked, match="Bản ghi này thuộc kỳ 2023"):
        ensure_unlocked(unit=cast.commune_a, ranges=[(INSIDE, INSIDE)])
    ensure_unlocked(unit=cast.commune_a, ranges=[(OUTSIDE, OUTSIDE)])
    ensure_unlocked(unit=cast.commune_b, period=cast.period, ranges=[(INSIDE, INSIDE)])


# --- each channel goes through the one rule ---------------------------------------------------


def test_records_channel(cast, period_2024):
    from records.scopes import ByUnitDate
    from records.services import ensure_record_editable

    lock(cast)
    section = SimpleNamespace(scope=ByUnitDate("received_on"))
    inside, outside = SimpleNamespace(received_on=INSIDE), SimpleNamespace(received_on=OUTSIDE)
    kwargs = {"section": section, "unit": cast.commune_a, "period": period_2024}
    with pytest.raises(PeriodLocked):
        ensure_record_editable(old=None, new=inside, **kwargs)
    with pytest.raises(PeriodLocked):
        ensure_record_editable(old=inside, new=outside, **kwargs)
    ensure_record_editable(old=None, new=outside, **kwargs)


def test_dossier_import_channel(cast):
    from tthc.importing.dossiers import _locked_problem

    lock(cast)
    assert "2023" in _locked_problem(unit=cast.commune_a, days={INSIDE, OUTSIDE})
    assert _locked_problem(unit=cast.commune_a, days={OUTSIDE}) is None
    assert _locked_problem(unit=cast.commune_a, days=set()) is None
    assert _locked_problem(unit=cast.commune_b, days={INSIDE}) is None


def test_staff_and_finance_import_channel(cast, period_2024):
    from imports.services import import_locked_reason

    def _locked(unit, period):
        return import_locked_reason(unit=unit, period=period)

    lock(cast)
    assert "chỉ được xem" in _locked(cast.commune_a, cast.period)
    assert _locked(cast.commune_a, period_2024) is None


def test_narrative_channel(cast):
    from reports.narrative.services import narrative_save
    from reports.sections import SECTION_KEYS

    lock(cast)
    with pytest.raises(PeriodLocked):
        narrative_save(
            unit=cast.commune_a,
            period=cast.period,
            key=SECTION_KEYS[0],
            text="x",
            version=0,
            by=cast.approver_a,
        )
