"""Finders: the checks that need records, not just indicator values, registered by their app.

A finder reads the records of one app (finance's budget lines, the narrative's stored texts…)
and answers findings. The app that owns the records registers it, in its AppConfig.ready():

    # finance/checks.py
    from reports.validation import Finding, WARNING, register_finder

    @register_finder
    def as_of_findings(*, unit, period, values):
        ...
        return [Finding("as_of.budgetline.7", WARNING, message, ("budget.revenue_actual",))]

so validation itself imports no feature app. Findings keep the order of registration.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from .base import Finding, Values

if TYPE_CHECKING:
    from orgs.models import Period, Unit


class Finder(Protocol):
    def __call__(self, *, unit: Unit, period: Period, values: Values) -> Iterable[Finding]: ...


_finders: list[Finder] = []


def register_finder[F: Finder](finder: F) -> F:
    """Add a finder (usable as a decorator). Registering the same function twice is a no-op."""
    if finder not in _finders:
        _finders.append(finder)
    return finder


def unregister_finder(finder: Finder) -> None:
    """Remove a registered finder (tests that add one of their own take it out again)."""
    if finder in _finders:
        _finders.remove(finder)


def registered_finders() -> tuple[Finder, ...]:
    return tuple(_finders)


def run_finders(*, unit: Unit, period: Period, values: Values) -> list[Finding]:
    """Every registered finder's findings for the unit's records of the period."""
    out: list[Finding] = []
    for finder in _finders:
        out.extend(finder(unit=unit, period=period, values=values))
    return out
