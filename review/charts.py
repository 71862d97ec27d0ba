"""Charts drawn on the server as standalone SVG text: the same markup goes inline into a page
and into a PDF (WeasyPrint draws SVG), with no JavaScript and no font metrics needed.

    bar_chart(bars, title=, kind=, target=)    one horizontal bar per unit (scales to 170+ units)
    trend_chart(points, title=, kind=, target=) a line over periods

Every mark carries its data (`data-key`, `data-value`; a point also `data-label`) and a <title> for screen readers and
hover; the figure has role="img" and an aria-label. Colours are attributes (not CSS classes) so
that a PDF renderer without the page's stylesheet draws the same chart. Values are printed
through common.formatting (Vietnamese separators), never with Python's default formatting.

A small builder rather than a plotting library: matplotlib/pygal would add a heavy dependency
(or one that needs its own CSS and JavaScript for accessible output) for two chart types whose
geometry is a few lines; the output here is deterministic, so tests parse it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

from common.formatting import format_figure

BAR = "#2f6fb0"
BAR_BELOW = "#c0392b"
TARGET = "#e67e22"
AXIS = "#555555"
GRID = "#dddddd"
TEXT = "#222222"
FONT = "font-family=\"'Liberation Sans', Arial, sans-serif\""

Number = int | Decimal | float


@dataclass(frozen=True)
class Bar:
    label: str
    value: Number | None
    key: str = ""  # e.g. the unit code, for links and tests
    highlight: bool = False


@dataclass(frozen=True)
class Point:
    label: str
    value: Number | None
    key: str = ""


def _num(value: Number | None) -> float:
    return float(value) if value is not None else 0.0


def _fmt(value: Number | None, kind: str) -> str:
    return format_figure(value, kind)


def _raw(value: Number | None) -> str:
    """The machine value of a mark (data-value): plain digits, '.' as decimal point, '' if none."""
    if value is None:
        return ""
    if isinstance(value, float):
        value = Decimal(str(value))
    return str(value)


def _scale_max(values: list[float], target: float | None, kind: str) -> float:
    top = max([*values, target or 0.0, 0.0])
    if kind == "percent":
        return max(100.0, top)
    return top if top > 0 else 1.0


def _text(x: float, y: float, content: str, *, anchor: str = "start", size: int = 12) -> str:
    """Text; the font and its colour are inherited from the root <svg> (fewer bytes per bar)."""
    attrs = f' font-size="{size}"' if size != 11 else ""
    if anchor != "start":
        attrs += f' text-anchor="{anchor}"'
    return f'<text x="{x:.1f}" y="{y:.1f}"{attrs}>{escape(content)}</text>'


def _open(width: float, height: float, title: str, kind_of_chart: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind_of_chart}" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'role="img" aria-label={quoteattr(title)} {FONT} font-size="11" fill="{TEXT}">',
        f"<title>{escape(title)}</title>",
        f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
        _text(8, 20, title, size=14),
    ]


def bar_chart(
    bars: list[Bar],
    *,
    title: str,
    kind: str = "count",
    target: Number | None = None,
    target_label: str = "",
    width: int = 760,
    label_width: int = 220,
    row_height: int = 18,
) -> str:
    """Horizontal bars, one per item, in the given order; a value below `target` (or marked
    `highlight`) is drawn in the warning colour; a vertical line marks the target."""
    top, bottom, value_width = 34, 24, 80
    plot_w = width - label_width - value_width - 16
    height = top + bottom + row_height * max(len(bars), 1)
    scale = _scale_max([_num(b.value) for b in bars], _num(target) if target else None, kind)
    x0 = label_width + 8
    out = _open(width, height, title, "bar")
    # grid: 0, 25, 50, 75, 100 % of the scale
    for i in range(5):
        x = x0 + plot_w * i / 4
        out.append(
            f'<line x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" y2="{height - bottom + 2}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            _text(x, height - 8, _fmt(_tick(scale * i / 4, kind), kind), anchor="middle", size=10)
        )
    out.append('<g class="bars">')
    for i, b in enumerate(bars):
        y = top + i * row_height
        w = plot_w * _num(b.value) / scale if b.value is not None else 0.0
        below = b.highlight or (
            target is not None and b.value is not None and _num(b.value) < _num(target)
        )
        label = f"{b.label}: {_fmt(b.value, kind)}"
        out.append(
            f'<g class="bar{" below-target" if below else ""}" data-key={quoteattr(b.key)} '
            f"data-value={quoteattr(_raw(b.value))}>"
            f"<title>{escape(label)}</title>"
            + _text(
                label_width, y + row_height - 5, _clip(b.label, label_width), anchor="end", size=11
            )
            + f'<rect x="{x0:.1f}" y="{y + 3:.1f}" width="{w:.1f}" height="{row_height - 6}" '
            f'fill="{BAR_BELOW if below else BAR}"/>'
            + _text(x0 + w + 4, y + row_height - 5, _fmt(b.value, kind), size=11)
            + "</g>"
        )
    out.append("</g>")
    if target is not None:
        x = x0 + plot_w * _num(target) / scale
        out.append(
            f'<line class="target" x1="{x:.1f}" y1="{top - 4}" x2="{x:.1f}" '
            f'y2="{height - bottom + 2}" stroke="{TARGET}" stroke-width="2" '
            f'stroke-dasharray="5,3" data-value={quoteattr(_raw(target))}>'
            f"<title>{escape(target_label or _fmt(target, kind))}</title></line>"
        )
    out.append("</svg>")
    return "\n".join(out)


def trend_chart(
    points: list[Point],
    *,
    title: str,
    kind: str = "count",
    target: Number | None = None,
    target_label: str = "",
    width: int = 760,
    height: int = 260,
) -> str:
    """A line through the points (periods, oldest first); a missing value breaks the line."""
    left, right, top, bottom = 70, 20, 34, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    scale = _scale_max([_num(p.value) for p in points], _num(target) if target else None, kind)
    out = _open(width, height, title, "trend")
    for i in range(5):
        y = top + plot_h - plot_h * i / 4
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            _text(left - 6, y + 4, _fmt(_tick(scale * i / 4, kind), kind), anchor="end", size=10)
        )
    step = plot_w / max(len(points) - 1, 1)

    def xy(i: int, p: Point) -> tuple[float, float]:
        x = left + (step * i if len(points) > 1 else plot_w / 2)
        return x, top + plot_h - plot_h * _num(p.value) / scale

    segment: list[str] = []
    lines: list[str] = []
    for i, p in enumerate(points):
        if p.value is None:
            if len(segment) > 1:
                lines.append(" ".join(segment))
            segment = []
            continue
        x, y = xy(i, p)
        segment.append(f"{x:.1f},{y:.1f}")
    if len(segment) > 1:
        lines.append(" ".join(segment))
    for pts in lines:
        out.append(f'<polyline points="{pts}" fill="none" stroke="{BAR}" stroke-width="2"/>')
    out.append('<g class="points">')
    for i, p in enumerate(points):
        x, y = xy(i, p)
        below = target is not None and p.value is not None and _num(p.value) < _num(target)
        out.append(
            f'<g class="point{" below-target" if below else ""}" data-key={quoteattr(p.key)} '
            f"data-label={quoteattr(p.label)} data-value={quoteattr(_raw(p.value))}>"
            f"<title>{escape(f'{p.label}: {_fmt(p.value, kind)}')}</title>"
            + (
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{BAR_BELOW if below else BAR}"/>'
                + _text(x, y - 8, _fmt(p.value, kind), anchor="middle", size=10)
                if p.value is not None
                else ""
            )
            + _text(x, height - bottom + 16, p.label, anchor="middle", size=11)
            + "</g>"
        )
    out.append("</g>")
    if target is not None:
        y = top + plot_h - plot_h * _num(target) / scale
        out.append(
            f'<line class="target" x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            f'stroke="{TARGET}" stroke-width="2" stroke-dasharray="5,3" '
            f"data-value={quoteattr(_raw(target))}>"
            f"<title>{escape(target_label or _fmt(target, kind))}</title></line>"
        )
    out.append("</svg>")
    return "\n".join(out)


def _tick(value: float, kind: str) -> Number:
    """An axis tick: whole numbers for counts and amounts, one place for rates."""
    if kind == "percent":
        return Decimal(str(round(value, 1)))
    return int(round(value))


def _clip(label: str, width: int, char_px: float = 6.2) -> str:
    """A label short enough for its column (an ellipsis marks a cut; <title> keeps the whole)."""
    room = int(width / char_px)
    return label if len(label) <= room else label[: room - 1] + "…"
