"""Indicator definitions and the one rounding rule."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    COUNT = "count", _("số lượng")
    VND = "vnd", _("đồng")
    PERCENT = "percent", _("%")


class Section(models.TextChoices):
    """Report sections in the order of the document (SPEC §8)."""

    DIRECTION = "direction", _("I. Công tác chỉ đạo, điều hành")
    INSTITUTIONS = "institutions", _("II.1. Cải cách thể chế")
    PROCEDURES = "procedures", _("II.2. Cải cách thủ tục hành chính")
    APPARATUS = "apparatus", _("II.3. Cải cách tổ chức bộ máy")
    CIVIL_SERVICE = "civil_service", _("II.4. Cải cách chế độ công vụ")
    FINANCE = "finance", _("II.5. Cải cách tài chính công")
    EGOV = "egov", _("II.6. Xây dựng chính quyền điện tử, chính quyền số")


HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


def pct(numerator: int | None, denominator: int | None) -> Decimal | None:
    """numerator / denominator as a percentage, Decimal, rounded half-up to 2 places.

    The one rounding rule of the portal: 1868/1886 = 99.0456… → 99.05 (the seed's hand-typed
    99,04 truncated). A zero (or missing) denominator gives None, shown as "—"."""
    if not denominator or numerator is None:
        return None
    return (Decimal(numerator) * HUNDRED / Decimal(denominator)).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )


@dataclass(frozen=True)
class Indicator:
    """One figure. A count/VND indicator is produced by a source (raw counts summed over units);
    a rate is derived: numerator / denominator, recomputed from sums, never averaged."""

    code: str
    label: str
    kind: str = Kind.COUNT
    section: str = Section.PROCEDURES
    formula: str = ""
    numerator: str | None = None
    denominator: str | None = None
    # For derived counts (e.g. tthc.total = received_new + carried_over): a function of the
    # other values, evaluated after the sources.
    derive: Callable[[dict], int | None] | None = field(default=None, compare=False)
    depends: tuple[str, ...] = ()
    # Drill-down: name of a records view that lists what this count counts (optional).
    drilldown: str | None = None

    @property
    def is_rate(self) -> bool:
        return self.numerator is not None


class Source:
    """Computes raw counts of some indicators from one record type with ONE aggregate query.

    Subclasses implement `aggregate(queryset_filter, period, group_by_unit)`. `codes` are the
    indicator codes it produces (all counts or VND)."""

    codes: tuple[str, ...] = ()

    def counts(
        self, *, unit_filter: models.Q, period, group_by_unit: bool
    ) -> dict[int | None, dict[str, int]]:
        raise NotImplementedError

    @staticmethod
    def rows_to_counts(rows: Iterable[dict], codes: Iterable[str], group_by_unit: bool) -> dict:
        codes = tuple(codes)
        out: dict = {}
        for row in rows:
            key = row.get("unit_id") if group_by_unit else None
            out[key] = {c: int(row.get(c) or 0) for c in codes}
        if not group_by_unit and None not in out:
            out[None] = {c: 0 for c in codes}
        return out
