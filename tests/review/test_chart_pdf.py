"""The dashboard's SVG chart goes into a PDF as it is: WeasyPrint (the report renderer) draws it,
and the PDF's text holds every unit and value."""

from __future__ import annotations

import io
from decimal import Decimal

from pypdf import PdfReader
from weasyprint import HTML

from review.charts import Bar, bar_chart


def test_the_bar_chart_svg_renders_into_a_pdf_with_its_labels_and_values():
    svg = bar_chart(
        [
            Bar("Xã Bình Phước", Decimal("75.00"), key="a"),
            Bar("Xã Bình Trị", Decimal("100.00"), key="b"),
        ],
        title="Tỷ lệ đúng hạn",
        kind="percent",
        target=Decimal("80"),
    )
    pdf = HTML(string=f"<html><body>{svg}</body></html>").write_pdf()
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    for expected in ("Tỷ lệ đúng hạn", "Xã Bình Phước", "Xã Bình Trị", "75%", "100%"):
        assert expected in text
