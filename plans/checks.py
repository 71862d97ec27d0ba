"""Validation finders over the plans app's records (registered in PlansConfig.ready())."""

from __future__ import annotations

from django.utils.translation import gettext as _

from orgs.models import Period, Unit
from reports.indicators import registry
from reports.validation import WARNING, Finding, Values, register_finder

from .entered import ENTERED_CODES
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


@register_finder
def not_entered_findings(*, unit: Unit, period: Period, values: Values) -> list[Finding]:
    """SPEC §6: a figure entered by hand that was never entered is *not entered*, not zero: it
    prints "—" and is a warning until someone enters it (0 is a value someone typed)."""
    return [
        Finding(
            f"not_entered.{code}",
            WARNING,
            _(
                "«%(label)s» chưa được nhập số liệu (in là «—»): hãy nhập số liệu tại mục Số "
                "liệu nhập trực tiếp (nhập 0 nếu thực sự không có) hoặc giải trình."
            )
            % {"label": registry.get(code).label},
            (code,),
        )
        for code in ENTERED_CODES
        if code in registry and code in values and values.get(code) is None
    ]
