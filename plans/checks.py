"""Validation finders over the plans app's records (registered in PlansConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext as _

from orgs.models import Period, Unit
from reports.indicators import registry
from reports.validation import WARNING, Finding, Values, register_finder

from .models import EnteredFigure


@register_finder
def approximate_findings(*, unit: Unit, period: Period, values: Values) -> list[Finding]:
    """V16: an entered figure marked approximate ("trên 80 lượt") is a warning to explain."""
    codes = EnteredFigure.objects.filter(
        unit__path__startswith=unit.path, period=period, approximate=True
    ).values_list("code", flat=True)
    return [
        Finding(
            f"approximate.{code}",
            WARNING,
            _(
                "%(label)s là số ước tính (ví dụ «trên 80»): cần ghi rõ cách ước tính hoặc nhập số chính xác."
            )
            % {"label": registry.get(code).label},
            (code,),
        )
        for code in sorted(set(codes))
        if code in registry
    ]
