"""The document of a higher level (a district before 1/7/2025; a province after the reform, its
communes directly under it): what it prints beyond the commune document.

    level_values(unit, period, values)   -> values + own.* + area.* (+ area.units, area.with.*)
    higher_document(unit, period, values) -> {"level", "words", "area_section", "annexes"} or None
    higher_default_settings(unit, period) -> DocumentSettings (not saved) in the level's words

- **own** figures: the records whose unit is the district (province) itself
  (`reports.indicators.compute_own`);
- **area** figures: the units under it, summed from their stored snapshots — the very values of
  the per-unit table (review.comparison, the reviewer's dashboard table), so the narrative's
  sums and the table can never disagree;
- the per-unit table (annex II) is `review.comparison.comparison_table`: one source for the
  dashboard and the document; the ranking of the key indicators comes from its ranks.

Every table is a plain dict (title, columns, rows of strings): the HTML template
(`_tables.html`) and the DOCX writer (`docx_tables.py`) draw the same thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from common.formatting import DASH
from orgs.models import Level

from ..docsettings import register_default_provider, settings_for
from ..indicators import compute_own, derive, registry
from ..models import DocumentSettings, SignerTitle
from ..narrative.level import LevelWords, child_units, higher_words, level_words
from ..validation import ERROR, Finding, Values, register_finder
from .formatting import document_figure

if TYPE_CHECKING:
    from orgs.models import Period, Unit
    from review.comparison import ComparisonTable


def _additive_codes() -> list[str]:
    return [c for s in registry.sources() if s.additive for c in s.codes]


def area_values(children: list[Unit], period: Period, values: dict[str, Any]) -> dict[str, Any]:
    """The units under a higher level, summed: raw counts of their stored snapshots added up,
    every derived figure and rate recomputed from the sums (never an average of rates)."""
    from ..snapshots import snapshot_values, snapshots_for

    snaps = snapshots_for(units=children, period=period)
    per_child = [snapshot_values(snaps.get(c.pk)) for c in children]
    additive = _additive_codes()
    summed: dict[str, Any] = {code: values.get(code) for code in registry.codes()}
    for code in additive:
        summed[code] = sum(int(v.get(code) or 0) for v in per_child)
    summed = derive(summed)
    out = {f"area.{code}": value for code, value in summed.items()}
    out["area.units"] = len(children)
    for code in registry.codes():
        out[f"area.with.{code}"] = sum(1 for v in per_child if v.get(code))
    return out


def level_values(unit: Unit, period: Period, values: dict[str, Any]) -> dict[str, Any]:
    """`values` plus the scoped figures a higher level's text quotes (unchanged for a commune)."""
    if higher_words(unit, period) is None:
        return values
    out = dict(values)
    out.update({f"own.{code}": value for code, value in compute_own(unit, period).items()})
    out.update(area_values(child_units(unit, period), period, values))
    return out


# --- tables -------------------------------------------------------------------------------------


def _column(label: str, align: str = "right", width: float = 1.3) -> dict[str, Any]:
    return {"label": label, "align": align, "width": f"{width:.1f}"}  # a CSS length, any locale


def _aligned(table: dict[str, Any]) -> dict[str, Any]:
    """Each cell as {"text", "align"} from its column (what the HTML and the DOCX both read)."""
    total = sum(float(c["width"]) for c in table["columns"]) or 1.0
    for c in table["columns"]:  # the HTML shares the page width out by these percentages
        c["percent"] = f"{float(c['width']) * 100 / total:.2f}"
    aligns = [c["align"] for c in table["columns"]]
    for row in table["rows"]:
        row["cells"] = [
            {"text": text, "align": align} for text, align in zip(row["cells"], aligns, strict=True)
        ]
    return table


def _figure(value: Any, kind: str) -> str:
    return document_figure(value, kind) if value is not None else DASH


def comparison(unit: Unit, period: Period) -> ComparisonTable:
    from review.comparison import comparison_table

    return comparison_table(unit, period, children=child_units(unit, period))


def per_unit_table(table: ComparisonTable, words: LevelWords) -> dict[str, Any]:
    """Annex II: every unit under the level, its key figures, then the level's total row."""
    columns = [_column("STT", "center", 0.8), _column("Đơn vị", "name", 3.0)]
    # Rates without their "%" (the column title says it): ten figures fit a portrait page.
    columns += [
        _column(c.title + (" (%)" if c.kind == "percent" else ""), width=1.2) for c in table.columns
    ]
    rows = []
    for n, row in enumerate(table.rows, start=1):
        cells = [str(n), row.unit.name]
        cells += [_figure(c.value, c.kind).removesuffix("%") for c in row.cells]
        rows.append({"cells": cells, "total": False})
    if table.total is not None:
        cells = ["", f"Toàn {words.kind}"]
        cells += [_figure(c.value, c.kind).removesuffix("%") for c in table.total.cells]
        rows.append({"cells": cells, "total": True})
    return _aligned(
        {
            "title": "",
            "columns": columns,
            "rows": rows,
            "notes": [
                f"Dòng «Toàn {words.kind}» gồm cả hồ sơ, nhiệm vụ và cán bộ, công chức của cấp "
                f"{words.kind}; tỷ lệ tính trên tổng số, không phải bình quân các tỷ lệ.",
                "Số liệu của từng đơn vị lấy từ số liệu đã tổng hợp của đơn vị đó trên Cổng.",
            ],
            "font_size": 9.5,
        }
    )


def _names(names: list[str]) -> str:
    """The units sharing a rank: named when few, counted when many."""
    return ", ".join(names) if len(names) <= 3 else f"{len(names):02d} đơn vị"


def ranking_table(table: ComparisonTable, words: LevelWords) -> dict[str, Any]:
    """For each key indicator: the level's value, the highest and the lowest unit(s) under it."""
    rows = []
    for n, column in enumerate(table.columns, start=1):
        present = [
            (row.unit.short_name, cell)
            for row in table.rows
            if (cell := row.cell(column.code)) is not None and cell.value is not None
        ]
        total_cell = table.total.cell(column.code) if table.total is not None else None
        if present:
            top = max(c.value for _n, c in present if c.value is not None)
            low = min(c.value for _n, c in present if c.value is not None)
            best = _names([name for name, c in present if c.value == top])
            worst = _names([name for name, c in present if c.value == low])
            best_text = f"{best}: {_figure(top, column.kind)}"
            worst_text = f"{worst}: {_figure(low, column.kind)}"
        else:
            best_text = worst_text = DASH
        rows.append(
            {
                "cells": [
                    str(n),
                    str(column.indicator.label),  # the document names the figure in full
                    _figure(total_cell.value if total_cell else None, column.kind),
                    best_text,
                    worst_text,
                    f"{len(present)}/{len(table.rows)}",
                ],
                "total": False,
            }
        )
    return _aligned(
        {
            "title": "Xếp hạng các chỉ tiêu chủ yếu",
            "columns": [
                _column("STT", "center", 0.8),
                _column("Chỉ tiêu", "left", 3.4),
                _column(f"Toàn {words.kind}", "right", 2.0),
                _column("Cao nhất", "left", 3.8),
                _column("Thấp nhất", "left", 3.8),
                _column("Số đơn vị có số liệu", "center", 2.0),
            ],
            "rows": rows,
            "notes": [],
            "font_size": 11,
        }
    )


def higher_document(unit: Unit, period: Period) -> dict[str, Any] | None:
    """What a higher level's document adds: its words, a section on the units in its area with
    the ranking, and annex II (the per-unit table). None for a commune."""
    words = higher_words(unit, period)
    if words is None:
        return None
    table = comparison(unit, period)
    ranking = ranking_table(table, words)
    n = len(table.rows)
    area_section = {
        "key": "area_comparison",
        "title": f"Kết quả của {words.children} trên địa bàn",
        "paragraphs": [
            [
                {
                    "text": (
                        f"Trên địa bàn {words.name} có {n:02d} đơn vị hành chính cấp xã. Kết quả "
                        f"các chỉ tiêu chủ yếu của {words.children} được xếp hạng dưới đây; số "
                        f"liệu chi tiết của từng đơn vị tại Phụ lục II."
                    ),
                    "bold": False,
                    "italic": False,
                    "kind": "text",
                }
            ]
        ],
        "tables": [ranking],
    }
    annex = {
        "heading": "Phụ lục II",
        "title": (
            f"KẾT QUẢ CÁC CHỈ TIÊU CHỦ YẾU CỦA {words.children.upper()} {str(period.label).upper()}"
        ),
        "tables": [per_unit_table(table, words)],
    }
    return {
        "level": str(unit.level),
        "words": words,
        "area_section": area_section,
        "annexes": [annex],
        "children": [row.unit.code for row in table.rows],
    }


# --- document settings --------------------------------------------------------------------------


@register_default_provider
def higher_default_settings(unit: Unit, period: Period | None = None) -> DocumentSettings | None:
    """Document settings in the level's words for a higher level that has none yet (not saved):
    the addressee one level up (Sở Nội vụ for a district, Bộ Nội vụ for a province), the party
    committee by its name (Huyện ủy, Tỉnh ủy), the level's agencies and units as recipients."""
    if period is not None:
        words = higher_words(unit, period)
    elif unit.level != Level.COMMUNE and unit.children.exists():
        words = level_words(unit, [c.kind_word for c in unit.children.all()])
    else:
        words = None
    if words is None:
        return None
    parent = unit.parent
    if words.province:
        addressee = "Bộ Nội vụ"
    elif parent is not None:
        addressee = f"Sở Nội vụ {parent.kind_word.lower()} {parent.short_name}"
    else:
        addressee = ""
    recipients = [
        "Như trên" if addressee else "",
        f"TT. {words.party}",
        f"TT. {words.council}",
        f"CT, các PCT UBND {words.kind}",
        words.agencies[:1].upper() + words.agencies[1:],
        f"UBND {words.children}",
        f"Lưu: VT, {'SNV' if words.province else 'NV'}",
    ]
    return DocumentSettings(
        unit=unit,
        issuing_body=f"ỦY BAN NHÂN DÂN\n{unit.name.upper()}",
        place_name=unit.short_name,
        addressee=addressee,
        basis="",
        recipients="\n".join(r for r in recipients if r),
        signer_title=SignerTitle.VICE_CHAIRMAN if words.province else SignerTitle.CHAIRMAN,
        signer_name="",
        organisation_name=f"UBND {words.name}",
    )


def signer_missing(signer_name: str | None) -> bool:
    return not (signer_name or "").strip()


SIGNER_RULE = "document.signer_name"


class SignerMissing(ValidationError):
    """The document for signing has no signer name (Decree 30 box 7b)."""


def ensure_signer_named(ctx: dict[str, Any]) -> None:
    """Refuse to render the copy for signing (final, sign) of a report without a signer name."""
    if signer_missing(ctx.get("signer_name")):
        raise SignerMissing(
            _(
                "Chưa có họ tên người ký: không tạo được bản báo cáo để ký. Ghi họ tên người ký "
                "tại mục Thông tin văn bản trước khi gửi báo cáo."
            )
        )


def apply_level(
    printed: dict[str, Any],
    *,
    unit: Unit,
    period: Period,
    frozen: dict[str, Any] | None = None,
) -> None:
    """Add to the printed context what the unit's level prints: for a higher level, the section
    on the units in its area (numbered after part II's last section) and annex II; for every
    level, whether the signer's name is missing (the preview flags it; a final rendering is
    refused)."""
    printed["signer_missing"] = signer_missing(printed.get("signer_name"))
    printed.setdefault("annexes", [])
    printed["level"] = str(unit.level)
    # A submitted report prints the parts frozen with its version (`frozen_higher`), else live.
    higher = frozen.get("higher") if frozen is not None else frozen_higher(unit, period)
    if higher is None:
        return
    printed["level"] = higher["level"]
    for part in printed["parts"]:
        if part["numeral"] == "II":
            section = dict(higher["area_section"])
            section["number"] = str(len(part["sections"]) + 1)
            part["sections"].append(section)
    printed["annexes"] = higher["annexes"]
    printed["appendix"]["heading"] = "Phụ lục I"
    # Annex I sums the whole area (the level's own records and its units'): say so.
    printed["appendix"]["title"] += f" TOÀN {higher['kind'].upper()}"


def frozen_higher(unit: Unit, period: Period) -> dict[str, Any] | None:
    """`higher_document` as JSON (printed parts and the level's word, no objects)."""
    higher = higher_document(unit, period)
    if higher is None:
        return None
    out = {k: v for k, v in higher.items() if k != "words"}
    out["kind"] = higher["words"].kind
    return out


@register_finder
def signer_findings(*, unit: Unit, period: Period, values: Values) -> list[Finding]:
    """An error before submission: the report names no signer (once submitted, the document
    settings are frozen and the accepted report could not be rendered for signing)."""
    # The period's settings, or the draft carried from the previous period (its signer).
    if not signer_missing(settings_for(unit, period).signer_name):
        return []
    return [
        Finding(
            SIGNER_RULE,
            ERROR,
            _(
                "Chưa có họ tên người ký báo cáo: ghi họ tên tại mục Thông tin văn bản (báo cáo "
                "không thể ký khi thiếu họ tên người ký)."
            ),
        )
    ]
