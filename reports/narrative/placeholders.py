"""Placeholders of the narrative: parsing `{{ code }}` and printing it with its value.

A section's text is plain text, one paragraph per line, with `*italic*` and `**bold**` as in
the seed, and placeholders `{{ tthc.total }}` that print the live indicator value in
Vietnamese style. A few document placeholders (`{{ period.label }}`, `{{ unit.kind }}` …) name
the period and the unit. An unknown placeholder is an error on save and a visible marker when
rendered (never a crash).

    parse_placeholders(text)            -> ["tthc.total", ...]
    unknown_placeholders(text)          -> names neither in the registry nor document placeholders
    document_values(unit=, period=)     -> {"period.label": "năm 2023", ...}
    render_runs(text, values=, doc_values=) -> [[Run, ...], ...]  one list per paragraph
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils import translation
from django.utils.translation import gettext_lazy

from common.formatting import format_date

from ..indicators import registry
from ..rendering.formatting import document_figure
from .level import format_level_placeholder, is_level_placeholder

if TYPE_CHECKING:
    from orgs.models import Period, Unit

PLACEHOLDER_RE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
CODE_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
EMPHASIS_RE = re.compile(r"(\*\*[^*\n]+?\*\*|\*[^*\n]+?\*)")

# Document placeholders (not indicators): the period and the unit the report is about.
DOCUMENT_PLACEHOLDERS: dict[str, object] = {
    "period.label": gettext_lazy("kỳ báo cáo, ví dụ «năm 2023»"),
    "period.start": gettext_lazy("ngày đầu kỳ, dd/mm/yyyy"),
    "period.end": gettext_lazy("ngày cuối kỳ, dd/mm/yyyy"),
    "period.year": gettext_lazy("năm của kỳ báo cáo"),
    "period.next_year": gettext_lazy("năm sau"),
    "unit.name": gettext_lazy("tên đơn vị, ví dụ «Xã Bình Phước»"),
    "unit.kind": gettext_lazy("loại đơn vị viết thường, ví dụ «xã»"),
}


def normalize(text: str) -> str:
    """NFC, Unix line ends, no trailing spaces: what is stored and what is printed."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def marker(name: str) -> str:
    """How a placeholder is written: '{{ tthc.total }}'."""
    return "{{ " + name + " }}"


def parse_placeholders(text: str) -> list[str]:
    return [m.group(1) for m in PLACEHOLDER_RE.finditer(text or "")]


def is_known(name: str) -> bool:
    return (
        name in DOCUMENT_PLACEHOLDERS
        or (bool(CODE_RE.match(name)) and name in registry)
        or is_level_placeholder(name)
    )


def unknown_placeholders(text: str) -> list[str]:
    seen: list[str] = []
    for name in parse_placeholders(text):
        if not is_known(name) and name not in seen:
            seen.append(name)
    return seen


def document_values(*, unit: Unit, period: Period) -> dict[str, str]:
    """Printed values of the document placeholders (Vietnamese whatever the interface
    language: the editor's preview shows what the document prints)."""
    with translation.override("vi"):
        label = str(period.label)
    return {
        "period.label": label,
        "period.start": format_date(period.start),
        "period.end": format_date(period.end),
        "period.year": str(period.year),
        "period.next_year": str(period.year + 1),
        "unit.name": unit.name,
        "unit.kind": unit.kind_word.lower(),
    }


def format_placeholder(
    name: str, values: Mapping[str, Any], doc_values: Mapping[str, str]
) -> str | None:
    """The printed value of a placeholder, or None when the name is unknown."""
    if name in doc_values:
        return doc_values[name]
    if (level_value := format_level_placeholder(name, values)) is not None:
        return level_value  # own./area. scoped figures, breakdowns (reports/narrative/level.py)
    if CODE_RE.match(name) and name in registry:
        kind = registry.get(name).kind
        value = values.get(name)
        # The register of official reports writes small counts with two digits ("02 nhiệm vụ").
        if kind == "count" and isinstance(value, int) and 0 < value < 10:
            return f"{value:02d}"
        return document_figure(value, kind)
    return None


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph: plain text, a resolved value, or an unknown-placeholder marker."""

    text: str
    bold: bool = False
    italic: bool = False
    kind: str = "text"  # "text" | "value" | "unknown"


def render_runs(
    text: str, *, values: Mapping[str, Any], doc_values: Mapping[str, str]
) -> list[list[Run]]:
    """Paragraphs (one per non-empty line) as runs, placeholders resolved."""
    paragraphs: list[list[Run]] = []
    for line in normalize(text).split("\n"):
        if not line.strip():
            continue
        runs: list[Run] = []
        for segment in EMPHASIS_RE.split(line):
            if not segment:
                continue
            bold = italic = False
            if segment.startswith("**") and segment.endswith("**") and len(segment) > 4:
                segment, bold = segment[2:-2], True
            elif segment.startswith("*") and segment.endswith("*") and len(segment) > 2:
                segment, italic = segment[1:-1], True
            pos = 0
            for m in PLACEHOLDER_RE.finditer(segment):
                if m.start() > pos:
                    runs.append(Run(segment[pos : m.start()], bold, italic))
                printed = format_placeholder(m.group(1), values, doc_values)
                if printed is None:
                    runs.append(Run(marker(m.group(1)), bold, italic, "unknown"))
                else:
                    runs.append(Run(printed, bold, italic, "value"))
                pos = m.end()
            if pos < len(segment):
                runs.append(Run(segment[pos:], bold, italic))
        paragraphs.append(runs)
    return paragraphs
