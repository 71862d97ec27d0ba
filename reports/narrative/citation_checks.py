"""The check of citations before submission: a section citing a document that is not in the
unit's register of the period (deleted, renumbered) is an error — the document would print a
marker instead of the reference."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from ..validation import ERROR, Finding, Values, register_finder
from .citations import citation_values, is_citation, resolve
from .placeholders import parse_placeholders
from .selectors import section_texts

if TYPE_CHECKING:
    from orgs.models import Period, Unit


def unknown_citations(text: str, *, unit: Unit, period: Period) -> list[str]:
    values = citation_values(unit=unit, period=period)
    seen: list[str] = []
    for name in parse_placeholders(text):
        if is_citation(name) and resolve(name, values) is None and name not in seen:
            seen.append(name)
    return seen


@register_finder
def citation_findings(*, unit: Unit, period: Period, values: Values) -> list[Finding]:
    """A citation of a document missing from the register (deleted, renumbered) is an error:
    the document would print a marker instead of the reference."""
    from ..sections import SECTIONS

    titles = {key: str(title) for key, _part, title in SECTIONS}
    findings = []
    for key, text in section_texts(unit=unit, period=period).items():
        for name in unknown_citations(text, unit=unit, period=period):
            findings.append(
                Finding(
                    f"citation.{key}.{name}",
                    ERROR,
                    _(
                        "Mục «%(section)s» trích dẫn văn bản %(name)s không có trong sổ văn bản "
                        "của kỳ: thêm văn bản vào sổ hoặc sửa trích dẫn."
                    )
                    % {"section": titles.get(key, key), "name": "{{ " + name + " }}"},
                )
            )
    return findings
