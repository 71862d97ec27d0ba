"""Working days, office hours and local datetimes for generated demo records.

Dossiers are received on working days in office hours (07:30–11:30, 13:30–17:00, Asia/Ho_Chi_Minh)
and public holidays are skipped, so that the demo looks like a real one-stop shop's export."""

from __future__ import annotations

import datetime as dt
import random
from functools import lru_cache
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# Public holidays (days off) of the years the demo covers: Tết dương lịch, Tết Nguyên đán,
# Giỗ Tổ Hùng Vương, 30/4–1/5, Quốc khánh (with the days moved by the government each year).
_HOLIDAYS = {
    # 2021
    (2021, 1, 1),
    (2021, 2, 10),
    (2021, 2, 11),
    (2021, 2, 12),
    (2021, 2, 15),
    (2021, 2, 16),
    (2021, 4, 21),
    (2021, 4, 30),
    (2021, 5, 3),
    (2021, 9, 2),
    (2021, 9, 3),
    # 2022
    (2022, 1, 3),
    (2022, 1, 31),
    (2022, 2, 1),
    (2022, 2, 2),
    (2022, 2, 3),
    (2022, 2, 4),
    (2022, 4, 11),
    (2022, 5, 2),
    (2022, 5, 3),
    (2022, 9, 1),
    (2022, 9, 2),
    # 2023
    (2023, 1, 2),
    (2023, 1, 20),
    (2023, 1, 23),
    (2023, 1, 24),
    (2023, 1, 25),
    (2023, 1, 26),
    (2023, 5, 1),
    (2023, 5, 2),
    (2023, 5, 3),
    (2023, 9, 1),
    (2023, 9, 4),
    # 2024
    (2024, 1, 1),
    (2024, 2, 8),
    (2024, 2, 9),
    (2024, 2, 12),
    (2024, 2, 13),
    (2024, 2, 14),
    (2024, 4, 18),
    (2024, 4, 29),
    (2024, 4, 30),
    (2024, 5, 1),
    (2024, 9, 2),
    (2024, 9, 3),
}
HOLIDAYS = {dt.date(*d) for d in _HOLIDAYS}

# Office hours in minutes after midnight: morning and afternoon sessions.
MORNING = (7 * 60 + 30, 11 * 60 + 30)
AFTERNOON = (13 * 60 + 30, 17 * 60)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in HOLIDAYS


def working_days(start: dt.date, end: dt.date) -> list[dt.date]:
    """Working days in [start, end]."""
    return list(_working_days(start, end))


@lru_cache(maxsize=65536)
def _working_days(start: dt.date, end: dt.date) -> tuple[dt.date, ...]:
    days, day = [], start
    while day <= end:
        if is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    return tuple(days)


@lru_cache(maxsize=65536)
def add_working_days(day: dt.date, n: int) -> dt.date:
    """The n-th working day after `day` (n = 0: `day` itself if it is a working day)."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    while n > 0:
        day += dt.timedelta(days=1)
        if is_working_day(day):
            n -= 1
    return day


def at(day: dt.date, minute: int) -> dt.datetime:
    """Aware local datetime at `minute` after midnight of `day`."""
    return dt.datetime.combine(day, dt.time(minute // 60, minute % 60), tzinfo=TZ)


def end_of_day(day: dt.date) -> dt.datetime:
    """A deadline given as a date only means the end of that day (SPEC §4)."""
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=TZ)


def office_minute(rng: random.Random, after: int = 0) -> int:
    """A random minute of office hours, not earlier than `after` (minutes after midnight).
    Returns -1 if no office time is left that day."""
    slots = []
    for lo, hi in (MORNING, AFTERNOON):
        lo = max(lo, after)
        if lo < hi:
            slots.append((lo, hi))
    if not slots:
        return -1
    total = sum(hi - lo for lo, hi in slots)
    x = rng.randrange(total)
    for lo, hi in slots:
        if x < hi - lo:
            return lo + x
        x -= hi - lo
    return slots[-1][0]  # pragma: no cover


def minute_of(moment: dt.datetime) -> int:
    local = moment.astimezone(TZ)
    return local.hour * 60 + local.minute


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(TZ).date()


def random_moment_between(
    rng: random.Random, start: dt.datetime, end: dt.datetime, early_bias: float = 3.0
) -> dt.datetime:
    """A moment in office hours in (start, end], skewed towards `start` (most results come early).
    Falls back to a few minutes after `start` when no office time fits."""
    days = _working_days(local_date(start), local_date(end))
    if not days:
        return start + dt.timedelta(minutes=15)
    # Skewed index: beta-like with more weight on the first days.
    idx = min(len(days) - 1, int(len(days) * (rng.random() ** early_bias)))
    for day in days[idx:] + days[:idx][::-1]:
        after = minute_of(start) + 10 if day == local_date(start) else 0
        minute = office_minute(rng, after)
        if minute < 0:
            continue
        moment = at(day, minute)
        if start < moment <= end:
            return moment
    fallback = start + dt.timedelta(minutes=10)
    return fallback if fallback <= end else end
