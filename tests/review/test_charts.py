"""Server-side SVG charts: parsed as XML, one bar per unit with its value."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal

from review.charts import Bar, Point, bar_chart, trend_chart

NS = {"svg": "http://www.w3.org/2000/svg"}


def _bars(svg: str) -> list[ET.Element]:
    root = ET.fromstring(svg)
    return root.findall(".//svg:g[@class]", NS)


def test_bar_chart_has_one_bar_per_unit_with_its_value_and_width():
    bars = [
        Bar("Xã Bình Phước", Decimal("75.00"), key="21073"),
        Bar("Xã Bình Trị", Decimal("100.00"), key="21061"),
        Bar("Xã <Mới> & Co", None, key="21099"),
    ]
    svg = bar_chart(bars, title="Tỷ lệ đúng hạn", kind="percent")
    root = ET.fromstring(svg)  # well-formed, the label's < and & escaped
    assert root.get("role") == "img" and root.get("aria-label") == "Tỷ lệ đúng hạn"
    marks = [
        g for g in root.iter("{http://www.w3.org/2000/svg}g") if "bar" in g.get("class", "").split()
    ]
    assert [(g.get("data-key"), g.get("data-value")) for g in marks] == [
        ("21073", "75.00"),
        ("21061", "100.00"),
        ("21099", ""),
    ]
    widths = [float(g.find("svg:rect", NS).get("width")) for g in marks]
    # a percentage is drawn on a 0–100 scale: 75 % is three quarters of 100 %
    assert widths[2] == 0.0
    assert abs(widths[0] / widths[1] - 0.75) < 0.01
    # the printed value uses Vietnamese separators, the hover title names the unit
    texts = ["".join(t.itertext()) for t in marks[0].findall("svg:text", NS)]
    assert "75%" in texts
    assert marks[0].find("svg:title", NS).text == "Xã Bình Phước: 75%"


def test_bars_below_the_target_are_marked_and_the_target_line_drawn():
    svg = bar_chart(
        [Bar("A", 10, key="a"), Bar("B", 30, key="b"), Bar("C", 20, key="c")],
        title="Hồ sơ",
        target=20,
    )
    root = ET.fromstring(svg)
    marks = {
        g.get("data-key"): g.get("class")
        for g in root.iter("{http://www.w3.org/2000/svg}g")
        if g.get("data-key")
    }
    assert marks == {"a": "bar below-target", "b": "bar", "c": "bar"}
    target = root.find(".//svg:line[@class='target']", NS)
    assert target is not None and target.get("data-value") == "20"
    # counts scale to the largest value: B's bar is the longest
    widths = {
        g.get("data-key"): float(g.find("svg:rect", NS).get("width"))
        for g in root.iter("{http://www.w3.org/2000/svg}g")
        if g.get("data-key")
    }
    assert widths["b"] > widths["c"] > widths["a"] > 0


def test_trend_chart_has_one_point_per_period_and_breaks_on_missing_values():
    svg = trend_chart(
        [Point("2023", 5), Point("2024", None), Point("2025", 8), Point("2026", 9)],
        title="Hồ sơ của Xã Bình Phước",
    )
    root = ET.fromstring(svg)
    points = [
        g
        for g in root.iter("{http://www.w3.org/2000/svg}g")
        if "point" in g.get("class", "").split()
    ]
    assert [(p.get("data-label"), p.get("data-value")) for p in points] == [
        ("2023", "5"),
        ("2024", ""),
        ("2025", "8"),
        ("2026", "9"),
    ]
    assert [len(p.findall("svg:circle", NS)) for p in points] == [1, 0, 1, 1]
    lines = root.findall(".//svg:polyline", NS)
    assert len(lines) == 1  # 2023 stands alone; 2025–2026 joined
    assert len(lines[0].get("points").split()) == 2
    # a higher value is drawn higher (smaller y)
    ys = [
        float(p.find("svg:circle", NS).get("cy"))
        for p in points
        if p.find("svg:circle", NS) is not None
    ]
    assert ys[0] > ys[1] > ys[2]
