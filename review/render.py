"""The comparison table's body as HTML built in Python: a province after 2025 has up to ~170
communes (the benchmark: 500), and rendering 500 rows × 13 cells through the template engine
costs seconds; this costs milliseconds. The markup is the same as a template would write; every
text goes through django.utils.html escaping (format_html / conditional_escape)."""

from __future__ import annotations

from functools import lru_cache

from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from common.formatting import format_figure
from orgs.models import Period

from .comparison import Cell, Row


def _cells(cells: list[Cell], fmt: object, rank_code: str | None) -> str:
    """The figures, in the order of the columns (the header cells carry the codes: data-key); the rank (1 = highest) beside the figure of the sorted column only, and a
    value below its target marked by class and by a text for screen readers."""
    below_note = conditional_escape(_("dưới mục tiêu"))
    out = []
    for c in cells:
        text = conditional_escape(fmt(c.value, c.kind))  # type: ignore[operator]
        rank = f' <span class="rank">({c.rank})</span>' if c.code == rank_code and c.rank else ""
        if c.below_target:
            out.append(
                f'<td class="num below-target">{text}{rank}'
                f'<span class="visually-hidden"> — {below_note}</span></td>'
            )
        else:
            out.append(f'<td class="num">{text}{rank}</td>')
    return "".join(out)


def rows_html(items: list[dict], period: Period, rank_code: str | None = None) -> SafeString:
    """<tr>s of the child units: a checkbox (form="bulk-accept") where the report may be
    accepted, the unit linked to its workspace, the key figures with rank and target marks, the
    report state and the open errors."""
    fmt = lru_cache(maxsize=4096)(format_figure)
    link = reverse("workspace", args=["__UNIT__", period.code])
    out = []
    for item in items:
        r: Row = item["row"]
        code = conditional_escape(r.unit.code)
        box = ""
        if item["acceptable"] and item.get("report_id"):
            box = format_html(
                '<input type="checkbox" name="report" value="{}" form="bulk-accept" '
                'aria-label="{}">',
                item["report_id"],
                _("Chọn báo cáo của %(u)s") % {"u": r.unit.name},
            )
        out.append(
            f'<tr data-unit="{code}"><td>{box}</td>'
            + format_html(
                '<th scope="row" class="nowrap"><a href="{}">{}</a></th>',
                link.replace("__UNIT__", str(r.unit.code)),
                r.unit.name,
            )
            + _cells(r.cells, fmt, rank_code)
            + format_html(
                '<td><span class="badge state-{}">{}</span></td>', r.state.value, r.state.label
            )
            + f'<td class="num{" sev-error" if r.errors else ""}">{r.errors}</td></tr>'
        )
    return mark_safe("\n".join(out))  # noqa: S308 - every piece escaped above


def total_html(row: Row) -> SafeString:
    fmt = lru_cache(maxsize=64)(format_figure)
    return mark_safe(  # noqa: S308 - every piece escaped
        format_html('<tr class="total-row" data-unit="{}"><td></td>', row.unit.code)
        + format_html('<th scope="row">{}</th>', _("Toàn %(u)s") % {"u": row.unit.name})
        + _cells(row.cells, fmt, None)
        + format_html(
            '<td><span class="badge state-{}">{}</span></td>', row.state.value, row.state.label
        )
        + f'<td class="num">{row.errors}</td></tr>'
    )
