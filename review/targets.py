"""Targets of the key indicators (IndicatorTarget): which floor holds for a unit's children in a
period, and the reviewer's form to set them.

    targets_for(unit, period)          -> {code: Decimal}  what the dashboard of `unit` highlights
    own_targets(unit, period)          -> {code: Decimal}  what `unit` itself set (the form)
    targets_save(unit, period, values, by, this_period_only)  one transaction
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from orgs.models import Period, Unit

from .comparison import KEY_COLUMNS
from .models import IndicatorTarget


def _ancestor_ids(unit: Unit) -> list[int]:
    """The unit's id and its ancestors' ids, nearest first (from the materialised path)."""
    ids = [int(p) for p in unit.path.strip("/").split("/") if p]
    if unit.pk not in ids:
        ids.append(unit.pk)
    return list(reversed(ids))


def targets_for(unit: Unit, period: Period) -> dict[str, Decimal]:
    """The targets that hold for the children of `unit` in `period`: set on the unit or an
    ancestor, the nearest unit's first; within a unit, the period's own before the general one.
    One query."""
    order = {uid: i for i, uid in enumerate(_ancestor_ids(unit))}
    rows = IndicatorTarget.objects.filter(
        Q(period=period) | Q(period__isnull=True), unit__in=list(order)
    ).values_list("unit_id", "code", "value", "period_id")
    best: dict[str, tuple[tuple[int, int], Decimal]] = {}
    for unit_id, code, value, period_id in rows:
        rank = (order[unit_id], 0 if period_id is not None else 1)
        if code not in best or rank < best[code][0]:
            best[code] = (rank, value)
    return {code: value for code, (_rank, value) in best.items()}


def own_targets(unit: Unit, period: Period) -> dict[str, Decimal]:
    """The targets `unit` itself set that hold in `period` (the period's own first)."""
    out: dict[str, Decimal] = {}
    for code, value, _period_id in (
        IndicatorTarget.objects.filter(Q(period=period) | Q(period__isnull=True), unit=unit)
        .order_by(F("period_id").desc(nulls_last=True))
        .values_list("code", "value", "period_id")
    ):
        out.setdefault(code, value)
    return out


class TargetsForm(forms.Form):
    """One optional floor per key indicator; empty removes it."""

    this_period_only = forms.BooleanField(
        label=_("Chỉ áp dụng cho kỳ này"),
        required=False,
        help_text=_("Bỏ chọn để áp dụng cho mọi kỳ chưa có mục tiêu riêng."),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for code, title in KEY_COLUMNS:
            self.fields[code] = forms.DecimalField(
                label=str(title),
                required=False,
                min_value=Decimal(0),
                max_digits=18,
                decimal_places=2,
                localize=True,
            )

    def targets(self) -> dict[str, Decimal | None]:
        return {code: self.cleaned_data.get(code) for code, _title in KEY_COLUMNS}


def targets_save(
    *,
    unit: Unit,
    period: Period,
    values: dict[str, Decimal | None],
    by: User,
    this_period_only: bool,
) -> None:
    """Store the unit's targets (for the period or for every period); a None value removes it."""
    scope = period if this_period_only else None
    with transaction.atomic():
        for code, value in values.items():
            if value is None:
                IndicatorTarget.objects.filter(unit=unit, code=code, period=scope).delete()
            else:
                IndicatorTarget.objects.update_or_create(
                    unit=unit, code=code, period=scope, defaults={"value": value, "set_by": by}
                )
