"""The one context builder of the report document (DESIGN habit 10).

`build_context(report=...)` gathers everything the document prints — header data, the
generated numbering of parts and sections, the narrative with placeholders resolved, the
appendix of every registry indicator with last year's value — as plain strings and lists.
The HTML preview, the PDF and the DOCX all read this one dict, so they never diverge.
`data_hash` is the SHA-256 of that content: an unchanged report is not rendered twice.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import asdict
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from common.formatting import DASH, format_change, format_doc_date
from orgs.models import Period, Unit

from ..docsettings import default_settings, settings_for
from ..indicators import compute, from_json, registry, to_json
from ..indicators.base import Section
from ..models import DocumentSettings, Report, SignerTitle
from ..narrative.placeholders import document_values, one_spelling, render_runs
from ..narrative.selectors import section_texts
from ..sections import PARTS, SECTIONS, section_numbers
from ..versions import frozen_inputs
from ..workflow import is_final
from .formatting import doc_number, document_figure, vn_date_line
from .level import apply_level, frozen_higher, level_values

# Bump when the layout changes in a way the template hash would not see.
RENDER_VERSION = "1"
TEMPLATE_DIR = Path(settings.BASE_DIR) / "templates" / "reports" / "document"
PRINT_CSS = Path(settings.BASE_DIR) / "static" / "css" / "report-print.css"


def nfc(text: str) -> str:
    """NFC, in the document's one spelling ("hóa", not "hoá")."""
    return one_spelling(unicodedata.normalize("NFC", text or ""))


def _lines(text: str) -> list[str]:
    return [nfc(line).strip() for line in (text or "").splitlines() if line.strip()]


# Per (unit, period), drafted from the previous period's: reports/docsettings.py.
__all__ = ["build_context", "default_settings", "settings_for"]


def recipient_lines(text: str, *, addressee: str = "") -> list[str]:
    """Decree 30 box 9b: each recipient '- …;', the last one '- …​.'; a report with a
    Kính gửi lists its addressee first as '- Như trên;' (and not again by name)."""
    items = [line.lstrip("-–• ").rstrip(";.,") for line in _lines(text)]
    items = [i for i in items if i]
    if addressee.strip():
        named = addressee.strip().lower()
        items = ["Như trên"] + [
            i for i in items if i.lower() != "như trên" and not named.startswith(i.lower())
        ]
    return [f"- {item}{'.' if n == len(items) - 1 else ';'}" for n, item in enumerate(items)]


def basis_lines(text: str) -> list[str]:
    """Box 6 căn cứ: one per line, each ending with ';', the last with '.'."""
    items = [line.rstrip(";.,") for line in _lines(text)]
    return [f"{item}{'.' if n == len(items) - 1 else ';'}" for n, item in enumerate(items)]


def signature_titles(doc: DocumentSettings, body_first_line: str) -> list[str]:
    first = f"TM. {body_first_line}" if body_first_line else "TM. ỦY BAN NHÂN DÂN"
    if doc.signer_title == SignerTitle.VICE_CHAIRMAN:
        return [first, "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    return [first, "CHỦ TỊCH"]


def _section_label(code: str) -> str:
    try:
        return str(Section(code).label)
    except ValueError:
        return code


def _noted(value: Any, kind: str, code: str, notes: dict[str, str] | None) -> str:
    """A value as the document prints it, "trên 120" when the record is approximate."""
    printed = document_figure(value, kind)
    word = (notes or {}).get(f"~{code}")
    return f"{word} {printed}" if word and value is not None else printed


def appendix_groups(
    values: dict,
    last: dict | None,
    notes: dict[str, str] | None = None,
    last_notes: dict[str, str] | None = None,
) -> list[dict]:
    """Every indicator of the registry, grouped by report section in document order; an
    approximate figure prints as such, an amount with its as-of date (`notes`,
    narrative.notes.figure_notes)."""
    order = {key: n for n, (key, _p, _t) in enumerate(SECTIONS)}
    groups: dict[str, list[dict]] = {}
    for ind in registry.all():
        value = values.get(ind.code)
        previous = last.get(ind.code) if last is not None else None
        label = nfc(str(ind.label))
        as_of = (notes or {}).get(f"@{ind.code}")
        groups.setdefault(str(ind.section), []).append(
            {
                "code": ind.code,
                "label": f"{label} (tính đến ngày {as_of})" if as_of else label,
                "sub": label.startswith("…"),
                "value": _noted(value, ind.kind, ind.code, notes),
                "last": _noted(previous, ind.kind, ind.code, last_notes)
                if last is not None
                else DASH,
                "change": format_change(value, previous, ind.kind) if last is not None else DASH,
                # an amount prints its own unit word ("6,648 tỷ đồng")
                "unit": _("%") if ind.kind == "percent" else "",
            }
        )
    out = []
    number = 0
    for section in sorted(groups, key=lambda s: order.get(s, len(order))):
        rows = groups[section]
        for row in rows:
            number += 1
            row["number"] = number
        out.append({"title": _section_label(section), "rows": rows})
    return out


def build_parts(texts: dict[str, str], values: dict, doc_values: dict) -> list[dict]:
    """Parts I–IV with generated numbers; a part with one section prints no sub-heading."""
    numbers = section_numbers()
    parts: list[dict] = []
    by_part: dict[str, dict] = {}
    for key, part, title in SECTIONS:
        if part not in by_part:
            by_part[part] = {"numeral": part, "title": nfc(str(PARTS[part])), "sections": []}
            parts.append(by_part[part])
        number = numbers[key]
        paragraphs = render_runs(texts.get(key, ""), values=values, doc_values=doc_values)
        by_part[part]["sections"].append(
            {
                "key": key,
                "number": number.split(".", 1)[1] if "." in number else "",
                "title": nfc(str(title)),
                "paragraphs": [[asdict(run) for run in p] for p in paragraphs],
            }
        )
    return parts


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    return value


@lru_cache(maxsize=1)
def layout_hash() -> str:
    """Hash of the document templates and the print stylesheet (files change during dev)."""
    h = hashlib.sha256(RENDER_VERSION.encode())
    for path in sorted(TEMPLATE_DIR.glob("*.html")) + [PRINT_CSS]:
        if path.exists():
            h.update(path.read_bytes())
    return h.hexdigest()


@translation.override("vi")
def build_context(
    *, report: Report, values: dict | None = None, last_values: dict | None = None
) -> dict:
    """Everything the document prints, as strings and lists (no model objects inside the
    printed parts), plus `data_hash`.

    The document is an official Vietnamese text whatever language the user interface is in:
    every translatable label it prints (period, sections, indicators) is taken in Vietnamese."""
    unit, period = report.unit, report.period
    previous_period = period.same_period_last_year()
    # A submitted, accepted or signed report prints its frozen version, never live data.
    frozen = frozen_inputs(report)
    extras = frozen.extras if frozen is not None and frozen.extras else None
    if frozen is not None:
        values, last_values, texts, doc = (
            frozen.values,
            frozen.last_values,
            frozen.texts,
            frozen.doc,
        )
        doc_no, doc_symbol, issued_on = frozen.doc_number, frozen.doc_symbol, frozen.issued_on
    else:
        if values is None:
            values = compute(unit, period)
        if last_values is None and previous_period is not None:
            last_values = compute(unit, previous_period)
        texts = section_texts(unit=unit, period=period)
        doc = settings_for(unit, period)
        doc_no, doc_symbol, issued_on = report.doc_number, report.doc_symbol, report.issued_on
    body_lines = [line.upper() for line in _lines(doc.issuing_body)] or ["ỦY BAN NHÂN DÂN"]
    draft = not is_final(report.state)
    number = doc_number(doc_no)
    symbol = nfc(doc_symbol or "BC-UBND")
    issued_year = (issued_on or period.deadline or period.end).year
    kind = unit.kind_word.lower()
    unit_phrase = f"UBND {kind} {unit.short_name}"
    if extras is not None:
        doc_values = dict(extras.get("doc_values") or {})
        last_doc_values = extras.get("last_doc_values")
        scoped = {**values, **from_json(extras.get("level_values"))}
    else:
        doc_values = document_values(unit=unit, period=period)
        last_doc_values = (
            document_values(unit=unit, period=previous_period) if previous_period else None
        )
        scoped = level_values(unit, period, values)
    if issued_on:
        annex_ref = f"{number}/{symbol} ngày {format_doc_date(issued_on)}"
    else:
        annex_ref = (
            f"{number}/{symbol} ngày\u00a0\u00a0\u00a0\u00a0/\u00a0\u00a0\u00a0\u00a0/{issued_year}"
        )
    printed = {
        "draft": draft,
        "body_lines": body_lines,
        "number_line": f"Số: {number}/{symbol}",
        "date_line": nfc(vn_date_line(doc.place_name or unit.short_name, issued_on, issued_year)),
        "doc_type": "BÁO CÁO",
        "subject": nfc(f"Kết quả thực hiện công tác cải cách hành chính {period.label}"),
        "addressee": nfc(doc.addressee),
        "basis": basis_lines(doc.basis),
        "intro": nfc(
            f"{unit_phrase} báo cáo kết quả thực hiện công tác cải cách hành chính "
            f"{period.label}, cụ thể như sau:"
        ),
        "parts": build_parts(texts, scoped, doc_values),
        "closing": nfc(
            f"Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính {period.label}. "
            f"{unit_phrase} kính báo cáo./."
        ),
        "recipients": recipient_lines(doc.recipients, addressee=doc.addressee),
        "signature_titles": signature_titles(doc, body_lines[0]),
        "signer_name": nfc(doc.signer_name),
        "organisation": nfc(doc.organisation_name or unit_phrase),
        "appendix": {
            "heading": "Phụ lục",
            "title": nfc(f"KẾT QUẢ CÁC CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH {str(period.label).upper()}"),
            "note": nfc(f"(Kèm theo Báo cáo số {annex_ref} của {unit_phrase})"),
            "period_label": nfc(f"Kỳ {period.code}"),
            "last_label": nfc(
                f"Kỳ {previous_period.code}" if previous_period else _("Cùng kỳ năm trước")
            ),
            "groups": appendix_groups(
                values,
                last_values,
                doc_values,
                last_doc_values,
            ),
        },
        "title": nfc(f"Báo cáo CCHC {period.label} — {unit.name}"),
    }
    # Higher level: area section, annex II (frozen with a submitted version).
    apply_level(printed, unit=unit, period=period, frozen=extras)
    payload = json.dumps(
        {
            "printed": printed,
            "values": {k: _jsonable(v) for k, v in values.items()},
            "layout": layout_hash(),
        },
        sort_keys=True,
        ensure_ascii=False,
        default=str,
    )
    printed["data_hash"] = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    printed["values"] = values
    printed["report_id"] = report.pk
    printed["version_number"] = frozen.number if frozen is not None else None
    return printed


def document_extras(*, unit: Unit, period: Period, values: dict[str, Any]) -> dict[str, Any]:
    """What `build_context` computes beyond the unit's own figures, as JSON: frozen with each
    submitted version (reports.versions) so that the document of a submitted, accepted or
    signed report never reads live data — the records' notes, and for a district or province
    its own and area figures (the units under it change after it sent its report), the section
    on its units and annex II."""
    previous = period.same_period_last_year()
    scoped = level_values(unit, period, values)
    return {
        "doc_values": document_values(unit=unit, period=period),
        "last_doc_values": document_values(unit=unit, period=previous) if previous else None,
        "level_values": to_json({k: v for k, v in scoped.items() if k not in values}),
        "higher": frozen_higher(unit, period),
    }
