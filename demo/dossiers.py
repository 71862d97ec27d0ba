"""Generating one-stop dossiers that add up to given counts.

A `DossierProfile` states how many dossiers a (unit, period) has of each kind — by online level
and channel, carried over from before the window, resolved late, withdrawn, pending at the end,
digitised, paid online — and `generate` makes raw records that reproduce exactly those counts when
the indicator registry counts them (SPEC §4–5). Everything else (procedure, received moment, due
date, resolution moment, fee) is drawn from a seeded random generator, so the same profile and
seed always give the same dossiers."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from tthc.models import Channel, DossierStatus, OnlineLevel, Source

from . import workdays as wd
from .catalogue import BY_CODE, LAND_FIELD, PER_PAGE, ProcedureSpec, by_level

BIRTH_CODE = "1.001193"
DEATH_CODE = "1.000656"


@dataclass
class DossierProfile:
    # received in the window, by online level and channel (provincial one-stop system)
    partial_online: int
    partial_direct: int
    full_online: int
    full_direct: int
    none_online: int
    none_direct: int
    # received online through the national portal's linked groups (procedures at level partial)
    national_birth: int = 0
    national_death: int = 0
    postal: int = 0  # received by public postal service (level partial)
    # received before the window and still open at its start
    carried_resolved: int = 0
    carried_withdrawn: int = 0
    # outcomes of the dossiers received in the window
    late: int = 0
    late_land: int = 0  # of `late`, land dossiers (decided upstream)
    withdrawn: int = 0
    rejected: int = 0
    pending: int = 0  # still being processed at the window end, deadline after it
    pending_overdue: int = 0  # still being processed, deadline already passed
    digitized_components: int = 0  # of those received in the window
    digitized_results: int = 0  # of those resolved in the window (carried over included)
    payments: int = 0  # received in the window and paid online
    payment_amount: int | None = None  # exact sum of their fees; None = whatever the fees give
    # False: a count that the drawn dossiers cannot reach is lowered instead of failing
    exact: bool = True


class ProfileError(ValueError):
    """The profile cannot be reproduced by records (e.g. more payments than fee-bearing dossiers)."""


def _pick(rng: random.Random, specs: list[ProcedureSpec]) -> ProcedureSpec:
    return rng.choices(specs, weights=[s.weight for s in specs], k=1)[0]


def _due(spec: ProcedureSpec, received: dt.datetime) -> dt.datetime:
    day = wd.local_date(received)
    minute = wd.minute_of(received)
    days = spec.days
    if days == 0 and minute >= 15 * 60:
        # Same-day procedures received after 15:00 are due the next working day.
        days = 1
    due_day = wd.add_working_days(day, days)
    if spec.date_only:
        return wd.end_of_day(due_day)
    return wd.at(due_day, minute)


def _day_weights(rng: random.Random, days: list[dt.date]) -> list[float]:
    season = {1: 0.8, 2: 0.85, 7: 1.1, 8: 1.3, 9: 1.2, 12: 1.05}
    return [rng.uniform(0.6, 1.4) * season.get(d.month, 1.0) for d in days]


def _fee(rng: random.Random, spec: ProcedureSpec) -> int | None:
    if not spec.fee:
        return None
    if spec.code in PER_PAGE:
        return spec.fee * rng.choice((1, 2, 2, 3, 3, 4, 4, 5, 6, 8))
    return spec.fee


def generate(
    *,
    rng: random.Random,
    start: dt.date,
    end: dt.date,
    profile: DossierProfile,
    closed_before: dt.date | None = None,
) -> list[dict]:
    """Dossier field dicts (without code) reproducing `profile` for the window [start, end].

    `closed_before`: the dossiers pending at the end were all resolved after the window and before
    that day (the start of the next window), so that they are not carried over into it."""
    lo = wd.at(start, 0)
    hi = wd.at(end + dt.timedelta(days=1), 0)
    last_moment = hi - dt.timedelta(minutes=1)
    days = wd.working_days(start, end)
    weights = _day_weights(rng, days)

    # 1. What was received in the window.
    items: list[dict] = []

    def add(spec: ProcedureSpec, channel: str, source: str = Source.PROVINCIAL) -> None:
        items.append({"spec": spec, "channel": channel, "source": source})

    for level, n_online, n_direct in (
        (OnlineLevel.PARTIAL, profile.partial_online, profile.partial_direct),
        (OnlineLevel.FULL, profile.full_online, profile.full_direct),
        (OnlineLevel.NONE, profile.none_online, profile.none_direct),
    ):
        specs = by_level(level)
        for _ in range(n_online):
            add(_pick(rng, specs), Channel.ONLINE)
        for _ in range(n_direct):
            add(_pick(rng, specs), Channel.DIRECT)
    for _ in range(profile.postal):
        add(_pick(rng, by_level(OnlineLevel.PARTIAL)), Channel.POSTAL)
    for _ in range(profile.national_birth):
        add(BY_CODE[BIRTH_CODE], Channel.ONLINE, Source.NATIONAL)
    for _ in range(profile.national_death):
        add(BY_CODE[DEATH_CODE], Channel.ONLINE, Source.NATIONAL)

    chosen_days = rng.choices(days, weights=weights, k=len(items))
    for item, day in zip(items, chosen_days, strict=True):
        item["received_at"] = wd.at(day, wd.office_minute(rng))
        item["due_at"] = _due(item["spec"], item["received_at"])
        item["status"] = None
        item["resolved_at"] = None
    items.sort(key=lambda i: i["received_at"])

    # 2. Outcomes. Pending within the deadline: the latest dossiers whose deadline is after the end.
    def take(candidates: list[dict], n: int, what: str) -> list[dict]:
        if len(candidates) < n and profile.exact:
            raise ProfileError(f"not enough dossiers for {what}: {len(candidates)} < {n}")
        return candidates[:n]

    open_ok = [i for i in reversed(items) if i["due_at"] >= hi]
    for item in take(open_ok, profile.pending, "pending"):
        item["status"] = DossierStatus.PENDING
    recent = [
        i
        for i in reversed(items)
        if i["status"] is None and i["due_at"] < hi and i["spec"].days >= 5
    ]
    for item in take(recent, profile.pending_overdue, "pending overdue"):
        item["status"] = DossierStatus.PENDING

    free = [i for i in items if i["status"] is None]
    # Late: resolved within the window but after the deadline; some are land dossiers.
    late_window = hi - dt.timedelta(days=21)
    can_be_late = [i for i in free if i["due_at"] < late_window]
    rng.shuffle(can_be_late)
    land = [i for i in can_be_late if i["spec"].field == LAND_FIELD]
    other = [i for i in can_be_late if i["spec"].field != LAND_FIELD and i["spec"].days > 0]
    late = take(land, profile.late_land, "late land") + take(
        other, profile.late - profile.late_land, "late"
    )
    for item in late:
        item["status"] = DossierStatus.RESOLVED
        k = rng.randint(1, 6)
        upper = min(
            wd.at(wd.add_working_days(wd.local_date(item["due_at"]), k), 17 * 60), last_moment
        )
        item["resolved_at"] = wd.random_moment_between(rng, item["due_at"], upper, 1.5)
        if not item["due_at"] < item["resolved_at"] < hi:
            raise ProfileError("late dossier could not be placed in the window")

    free = [
        i for i in items if i["status"] is None and i["received_at"] < hi - dt.timedelta(days=5)
    ]
    rng.shuffle(free)
    for n, status in (
        (profile.withdrawn, DossierStatus.WITHDRAWN),
        (profile.rejected, DossierStatus.REJECTED),
    ):
        for item in take(free, n, status):
            item["status"] = status
            upper = min(
                wd.at(wd.add_working_days(wd.local_date(item["received_at"]), 4), 17 * 60),
                last_moment,
            )
            item["resolved_at"] = wd.random_moment_between(rng, item["received_at"], upper, 2.0)
        free = free[n:]

    for item in items:
        if item["status"] is None:
            item["status"] = DossierStatus.RESOLVED
            upper = min(item["due_at"], last_moment)
            item["resolved_at"] = wd.random_moment_between(rng, item["received_at"], upper)
            if not item["received_at"] < item["resolved_at"] <= item["due_at"]:
                raise ProfileError("on-time dossier could not be placed")

    if closed_before is not None:
        next_start = wd.at(closed_before, 0)
        for item in items:
            if item["status"] == DossierStatus.PENDING:
                item["status"] = DossierStatus.RESOLVED
                upper = min(max(item["due_at"], hi + dt.timedelta(days=3)), next_start)
                item["resolved_at"] = wd.random_moment_between(rng, hi, upper, 2.0)

    # 3. Carried over: received in the working days before the window, long procedures.
    before = wd.working_days(start - dt.timedelta(days=20), start - dt.timedelta(days=1))[-8:]
    long_specs = [
        s for s in by_level(OnlineLevel.PARTIAL) + by_level(OnlineLevel.NONE) if s.days >= 10
    ]
    carried = []
    for n, status in (
        (profile.carried_resolved, DossierStatus.RESOLVED),
        (profile.carried_withdrawn, DossierStatus.WITHDRAWN),
    ):
        for _ in range(n):
            spec = _pick(rng, long_specs)
            received = wd.at(rng.choice(before), wd.office_minute(rng))
            item = {
                "spec": spec,
                "channel": Channel.ONLINE if rng.random() < 0.3 else Channel.DIRECT,
                "source": Source.PROVINCIAL,
                "received_at": received,
                "due_at": _due(spec, received),
                "status": status,
            }
            if item["due_at"] <= lo:
                raise ProfileError("carried-over dossier due before the window")
            upper = (
                item["due_at"] if status == DossierStatus.RESOLVED else lo + dt.timedelta(days=7)
            )
            item["resolved_at"] = wd.random_moment_between(rng, lo, upper, 2.0)
            carried.append(item)

    # 4. Digitisation, fees and online payments.
    for item in items + carried:
        item["components_digitized"] = False
        item["result_digitized"] = False
        item["paid_online"] = False
        item["fee"] = _fee(rng, item["spec"])
    online = [i for i in items if i["channel"] == Channel.ONLINE]
    others = [i for i in items if i["channel"] != Channel.ONLINE]
    rng.shuffle(online)
    rng.shuffle(others)
    for item in take(online + others, profile.digitized_components, "digitized components"):
        item["components_digitized"] = True
    for item in carried:
        item["components_digitized"] = rng.random() < 0.5

    resolved = [
        i
        for i in items + carried
        if i["status"] == DossierStatus.RESOLVED and lo <= i["resolved_at"] < hi
    ]
    rng.shuffle(resolved)
    resolved.sort(key=lambda i: 0 if i["channel"] == Channel.ONLINE and rng.random() < 0.6 else 1)
    for item in take(resolved, profile.digitized_results, "digitized results"):
        item["result_digitized"] = True

    payable = [i for i in online if i["fee"]] + [i for i in others if i["fee"]]
    paid = take(payable, profile.payments, "online payments")
    for item in paid:
        item["paid_online"] = True
    if profile.payment_amount is not None and paid:
        _adjust_fees(rng, paid, profile.payment_amount)

    out = []
    for item in carried + items:
        spec = item.pop("spec")
        item.update(
            procedure_code=spec.code,
            procedure_name=spec.name,
            online_level=spec.level,
        )
        out.append(item)
    out.sort(key=lambda i: i["received_at"])
    return out


def _adjust_fees(rng: random.Random, paid: list[dict], target: int) -> None:
    """Make the fees of the paid dossiers sum exactly to `target` by changing the page count of
    certified copies (2 000 đ a page), never below one page."""
    per_page = [i for i in paid if i["spec"].code in PER_PAGE]
    step = BY_CODE["2.000815"].fee
    delta = target - sum(i["fee"] for i in paid)
    if delta % step or not per_page:
        raise ProfileError(f"payment amount {target} cannot be reached in steps of {step}")
    pages = delta // step
    guard = 0
    while pages:
        item = rng.choice(per_page)
        if pages > 0 and item["fee"] < 30 * step:
            item["fee"] += step
            pages -= 1
        elif pages < 0 and item["fee"] > step:
            item["fee"] -= step
            pages += 1
        guard += 1
        if guard > 1_000_000:
            raise ProfileError("payment amount out of reach")
