"""How an indicator is computed, as a sentence (the indicators page, the editor's help)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .indicators import Indicator, registry


def formula_text(ind: Indicator) -> str:
    if ind.numerator is not None and ind.denominator is not None:  # a rate
        num, den = registry.get(ind.numerator), registry.get(ind.denominator)
        return _("%(formula)s — %(num)s / %(den)s × 100, làm tròn 2 chữ số (nửa lên)") % {
            "formula": ind.formula or ind.label,
            "num": f"{num.label} [{num.code}]",
            "den": f"{den.label} [{den.code}]",
        }
    return str(ind.formula or ind.label)
