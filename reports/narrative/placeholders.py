"""Placeholders of the narrative: parsing `{{ code }}` and printing it with its value.

A section's text is plain text, one paragraph per line, with `*italic*` and `**bold**` as in
the seed, and placeholders `{{ tthc.total }}` that print the live indicator value in
Vietnamese style. A few document placeholders (`{{ period.label }}`, `{{ unit.kind }}` …) name
the period and the unit. An unknown placeholder is an error on save and a visible marker when
rendered (never a crash). An optional clause `[[, Cao đẳng {{ staff.edu.college }} người]]`
prints only when a count inside is not 0; `[[có {{ discipline.cases }} …||không có …]]` prints
its alternative instead (the document never says "0 hồ sơ"). Printing also unifies the spelling
("hoá" -> "hóa").

    parse_placeholders(text)            -> ["tthc.total", ...]
    unknown_placeholders(text, doc_values) -> names neither in the registry, nor document
                                           placeholders, nor citations of the register
    document_values(unit=, period=)     -> {"period.label": "năm 2023", "vb:18/KH-UBND": …}
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

from common.formatting import format_doc_count, format_doc_date

from ..indicators import registry
from ..rendering.formatting import document_figure
from .citations import PLACEHOLDERS as CITATION_PLACEHOLDERS
from .citations import citation_values, is_citation, resolve
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
    "budget.as_of": gettext_lazy("ngày số liệu thu, chi ngân sách được tính đến"),
    "invest.as_of": gettext_lazy("ngày số liệu giải ngân vốn đầu tư công được tính đến"),
    **CITATION_PLACEHOLDERS,
}

# An optional clause: `[[ … ]]` prints only when a count placeholder inside is not 0;
# `[[ … || … ]]` prints its first part then, its second part otherwise ("không có …").
# Clauses nest: the innermost are resolved first, and a clause left without any count (all its
# inner clauses dropped) is dropped too.
OPTIONAL_RE = re.compile(r"\[\[((?:(?!\[\[).)*?)\]\]")
# Old-style tone marks on "oa", "oe", "uy" at the end of a syllable ("hoá", "toả", "thuỷ") are
# printed in the one style the document uses ("hóa", "tỏa", "thủy").
_TONES = {
    "á": "ó", "à": "ò", "ả": "ỏ", "ã": "õ", "ạ": "ọ",
    "é": "ó", "è": "ò", "ẻ": "ỏ", "ẽ": "õ", "ẹ": "ọ",
}  # fmt: skip
_Y_TONES = {"ý": "ú", "ỳ": "ù", "ỷ": "ủ", "ỹ": "ũ", "ỵ": "ụ"}
_OA_RE = re.compile(r"([oO])([áàảãạéèẻẽẹ])(?![\wÀ-ỹ])")
_UY_RE = re.compile(r"(?<![qQ])([uU])([ýỳỷỹỵ])(?![\wÀ-ỹ])")


def one_spelling(text: str) -> str:
    """'hoá' -> 'hóa', 'lan toả' -> 'lan tỏa', 'thuỷ' -> 'thủy' (the tone on the first vowel of
    an open "oa/oe/uy", the spelling of the rest of the document)."""

    def oa(m: re.Match[str]) -> str:
        tone = m.group(2)
        base = "a" if tone in "áàảãạ" else "e"
        o = _TONES[tone]
        return (o.upper() if m.group(1).isupper() else o) + base

    def uy(m: re.Match[str]) -> str:
        u = _Y_TONES[m.group(2)]
        return (u.upper() if m.group(1).isupper() else u) + "y"

    return _UY_RE.sub(uy, _OA_RE.sub(oa, unicodedata.normalize("NFC", text)))


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


def unknown_placeholders(text: str, doc_values: Mapping[str, str] | None = None) -> list[str]:
    """Names that print nothing: neither an indicator nor a document placeholder, nor a
    citation (`{{ vb:18/KH-UBND }}`) of the register whose values `doc_values` holds."""
    seen: list[str] = []
    for name in parse_placeholders(text):
        if is_citation(name):
            known = doc_values is not None and resolve(name, dict(doc_values)) is not None
        else:
            known = is_known(name)
        if not known and name not in seen:
            seen.append(name)
    return seen


def document_values(*, unit: Unit, period: Period) -> dict[str, str]:
    """Printed values of the document placeholders (Vietnamese whatever the interface
    language: the editor's preview shows what the document prints), with what the records say
    beside a figure (notes.figure_notes: "~code" approximate, "@code" as-of date)."""
    from .notes import figure_notes

    with translation.override("vi"):
        label = str(period.label)
    return {
        **figure_notes(unit=unit, period=period),
        "period.label": label,
        "period.start": format_doc_date(period.start),
        "period.end": format_doc_date(period.end),
        "period.year": str(period.year),
        "period.next_year": str(period.year + 1),
        "unit.name": unit.name,
        "unit.kind": unit.kind_word.lower(),
        # the register of documents: {{ vb:18/KH-UBND }}, {{ vbs:… }}, {{ vb.plan }}
        **citation_values(unit=unit, period=period),
    }


def format_placeholder(
    name: str, values: Mapping[str, Any], doc_values: Mapping[str, str]
) -> str | None:
    """The printed value of a placeholder, or None when the name is unknown."""
    if name in doc_values:
        return doc_values[name]
    if is_citation(name):
        return resolve(name, dict(doc_values))
    if (level_value := format_level_placeholder(name, values, format_placeholder)) is not None:
        return level_value  # own./area. scoped figures, breakdowns (reports/narrative/level.py)
    if CODE_RE.match(name) and name in registry:
        kind = registry.get(name).kind
        value = values.get(name)
        # The register of official reports writes small counts with two digits ("02 nhiệm vụ").
        printed = format_doc_count(value) if kind == "count" else document_figure(value, kind)
        qualifier = doc_values.get(f"~{name}")
        if qualifier and value is not None:
            printed = f"{qualifier} {printed}"  # an approximate figure: "trên 120"
        return printed
    return None


def _all_zero(body: str, values: Mapping[str, Any]) -> bool:
    """Every count placeholder of an optional clause is 0 (a missing value is not 0: it prints
    "—" where it stands)."""
    names = [n for n in parse_placeholders(body) if CODE_RE.match(n) and n in registry]
    counts = [values.get(n) for n in names if registry.get(n).kind != "percent"]
    return all(v == 0 for v in counts)


_CLEANUPS = [
    (re.compile(r"\(\s*\*?\s*\*?\s*\)"), ""),  # "()" or "(**)" left by dropped clauses
    (re.compile(r"([:(])\s*[,;]\s*"), r"\1 "),  # "trong đó: , X" -> "trong đó: X"
    (re.compile(r"\s*[,;]\s*([.,;)])"), r"\1"),  # "X, ." -> "X."
    (re.compile(r"\s*:\s*([.;)])"), r"\1"),  # "chuyên môn: ." -> "chuyên môn."
    (re.compile(r"\(\s+"), "("),
    (re.compile(r" {2,}"), " "),
    (re.compile(r"\s+([.,;)])"), r"\1"),
]


def resolve_optional(line: str, values: Mapping[str, Any]) -> str:
    """A paragraph with its optional clauses resolved (before placeholders are printed): a
    clause whose counts are all 0 is left out, or replaced by its "không có …" alternative, so
    the document never says "0 hồ sơ" or "Cao đẳng 0 người"."""
    if "[[" not in line:
        return line

    def choose(m: re.Match[str]) -> str:
        body, _sep, otherwise = m.group(1).partition("||")
        if _all_zero(body, values):
            return otherwise.strip()
        return body

    out, previous = line, None
    while out != previous:
        previous, out = out, OPTIONAL_RE.sub(choose, out)
    for pattern, repl in _CLEANUPS:
        out = pattern.sub(repl, out)
    return out.strip()


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
        line = one_spelling(resolve_optional(line, values))
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
