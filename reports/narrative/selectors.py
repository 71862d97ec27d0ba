"""Reads of the narrative: the stored sections of a (unit, period) and the text of each."""

from __future__ import annotations

from orgs.models import Period, Unit

from ..models import NarrativeSection
from ..sections import SECTION_KEYS
from .defaults import DEFAULT_TEXTS
from .level import default_texts_for


def stored_sections(*, unit: Unit, period: Period) -> dict[str, NarrativeSection]:
    return {
        s.key: s
        for s in NarrativeSection.objects.filter(unit=unit, period=period, key__in=SECTION_KEYS)
    }


def section_texts(*, unit: Unit, period: Period) -> dict[str, str]:
    """The text of every section: the stored one, or the default when no row exists."""
    stored = stored_sections(unit=unit, period=period)
    defaults = default_texts_for(unit, period) or DEFAULT_TEXTS  # a higher level has its own
    return {
        key: (stored[key].text if key in stored else defaults.get(key, "")) for key in SECTION_KEYS
    }
