"""What validation produces and how a rule is written: Finding, Rule, the two severities.

A finding is what the user sees beside the figures (and what a written explanation answers,
keyed by `rule`): errors block submission, warnings need an explanation (SPEC §6).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from common.formatting import format_figure

from ..indicators import registry

ERROR = "error"
WARNING = "warning"

Values = Mapping[str, Any]


@dataclass(frozen=True)
class Finding:
    """One problem found in a unit's figures for a period.

    `rule` identifies it (explanations are stored against it, so it must stay stable), `codes`
    are the indicators it concerns (the page shows it beside them)."""

    rule: str
    severity: str
    message: str
    codes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": str(self.message),
            "codes": list(self.codes),
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Finding:
        return cls(d["rule"], d["severity"], d["message"], tuple(d.get("codes") or ()))


@dataclass(frozen=True)
class Rule:
    """One check over indicator values. `check(values)` is True when the figures are
    consistent; `message(values)` explains a failure naming the figures and their values."""

    code: str
    severity: str
    codes: tuple[str, ...]
    check: Callable[[Values], bool] = field(compare=False)
    message: Callable[[Values], str] = field(compare=False)
    description: str = ""

    def run(self, values: Values) -> Finding | None:
        if any(c not in values for c in self.codes):
            return None
        if self.check(values):
            return None
        return Finding(self.code, self.severity, self.message(values), self.codes)


def value_of(values: Values, code: str) -> int:
    """A count as an int, a missing one as 0."""
    return int(values.get(code) or 0)


def quote(code: str, values: Values) -> str:
    """An indicator as a message names it: 'Hồ sơ đã giải quyết (1.886)'."""
    ind = registry.get(code)
    return f"{ind.label} ({format_figure(values.get(code), ind.kind)})"
