"""The hook every writer calls after changing records: keeps indicator snapshots fresh.

    from reports.recompute import records_changed
    records_changed(unit=unit, period=period)   # period=None: every period the change may touch

Call it once per logical change (after an import of 100 000 rows: once, not per row), inside or
outside a transaction: the recomputation is enqueued on commit and debounced.
"""

from __future__ import annotations


def records_changed(*, unit, period=None) -> None:
    """Schedule a debounced recomputation of the unit's indicator snapshots (and its ancestors')."""
    # Implemented with the snapshot job of the indicator registry.
    return None
