import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from orgs.models import Period, PeriodKind, parse_period_code
from orgs.services import period_create

pytestmark = pytest.mark.django_db


def test_period_codes_are_parsed():
    assert parse_period_code("2023") == (2023, PeriodKind.ANNUAL, None)
    assert parse_period_code("2023q2") == (2023, PeriodKind.QUARTER, 2)
    assert parse_period_code("2023S1") == (2023, PeriodKind.SEMESTER, 1)
    assert parse_period_code("2023M9") == (2023, PeriodKind.MONTHS, 9)


@pytest.mark.parametrize("code", ["23", "2023Q5", "2023S3", "2023M13", "2023X1", "", "abcd"])
def test_bad_period_code_is_refused(code):
    with pytest.raises(ValidationError) as exc:
        parse_period_code(code)
    assert "không hợp lệ" in " ".join(exc.value.messages)


def test_create_period_with_window_and_deadline():
    period = period_create(
        code="2024",
        start=dt.date(2023, 12, 15),
        end=dt.date(2024, 10, 31),
        deadline=dt.date(2024, 11, 15),
    )
    assert (period.year, period.kind) == (2024, PeriodKind.ANNUAL)
    assert str(period.label) == "năm 2024"


def test_start_after_end_is_a_clear_error_and_creates_nothing():
    with pytest.raises(ValidationError) as exc:
        period_create(code="2024", start=dt.date(2024, 11, 1), end=dt.date(2024, 10, 31))
    assert "phải sau hoặc bằng ngày bắt đầu" in str(exc.value)
    assert not Period.objects.exists()


def test_duplicate_code_is_a_clear_error():
    period_create(code="2024", start=dt.date(2023, 12, 15), end=dt.date(2024, 10, 31))
    with pytest.raises(ValidationError) as exc:
        period_create(code="2024", start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    assert "đã tồn tại" in str(exc.value)
    assert Period.objects.count() == 1


def test_deadline_before_end_is_refused():
    with pytest.raises(ValidationError):
        period_create(
            code="2024Q1",
            start=dt.date(2024, 1, 1),
            end=dt.date(2024, 3, 31),
            deadline=dt.date(2024, 3, 1),
        )


def test_window_bounds_are_local_midnights():
    period = Period(code="2023", start=dt.date(2022, 12, 15), end=dt.date(2023, 10, 31))
    lo, hi = period.window_bounds()
    assert lo.isoformat() == "2022-12-15T00:00:00+07:00"
    assert hi.isoformat() == "2023-11-01T00:00:00+07:00"


def test_same_period_last_year():
    p22 = period_create(code="2022Q3", start=dt.date(2022, 7, 1), end=dt.date(2022, 9, 30))
    p23 = period_create(code="2023Q3", start=dt.date(2023, 7, 1), end=dt.date(2023, 9, 30))
    assert p23.same_period_last_year() == p22
    assert p22.same_period_last_year() is None
