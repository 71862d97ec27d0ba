"""The indicator registry: the one place where every figure is defined (SPEC §5).

    from reports.indicators import compute, compute_many, registry

    compute(unit, period)            -> {code: value}   one unit, or a parent as the sum of its subtree
    compute_many(units, period)      -> {unit_id: {code: value}}   many units, one grouped query per source
    registry.get("tthc.on_time_rate") -> Indicator (label, unit, section, formula, numerator, denominator)

Values: counts and VND as int, rates as Decimal (2 places, half-up) or None on a zero denominator.
Each app contributes its definitions in its own `indicators.py` (loaded by `registry.load()`).
"""

from .base import Indicator, Kind, Section, change_pct, pct
from .compute import compute, compute_many, compute_own, derive, from_json, raw_counts, to_json
from .registry import registry

__all__ = [
    "Indicator",
    "Kind",
    "Section",
    "change_pct",
    "compute",
    "compute_many",
    "compute_own",
    "derive",
    "from_json",
    "pct",
    "raw_counts",
    "registry",
    "to_json",
]
