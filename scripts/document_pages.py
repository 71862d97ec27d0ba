"""PNG pages of the demo documents for docs/images and the README (not a test).

    DATABASE_URL=... DEBUG=1 .venv/bin/python manage.py load_demo
    DATABASE_URL=... DEBUG=1 .venv/bin/python scripts/document_pages.py

Renders the commune 21073/2023, the district 524/2023 and the province 51/2025S2 reports as the
portal prints them (PDF through WeasyPrint), and writes chosen pages at 60 dpi with poppler's
pdftoppm."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc_portal.settings")

import django  # noqa: E402

django.setup()

from pypdf import PdfReader  # noqa: E402

from orgs.models import Period, Unit  # noqa: E402
from reports.rendering.context import build_context  # noqa: E402
from reports.rendering.services import render_bytes  # noqa: E402
from reports.services import report_get_or_create  # noqa: E402

OUT = ROOT / "docs" / "images"


def page_of(pdf: bytes, needle: str) -> int:
    """The first page (1-based) whose text holds `needle`."""
    from io import BytesIO

    for number, page in enumerate(PdfReader(BytesIO(pdf)).pages, start=1):
        if needle in " ".join((page.extract_text() or "").split()):
            return number
    raise SystemExit(f"{needle!r} not found")


def png(pdf: bytes, page: int, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.pdf"
        src.write_bytes(pdf)
        stem = Path(tmp) / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page), "-singlefile",
             str(src), str(stem)],
            check=True,
        )  # fmt: skip
        (OUT / name).write_bytes(stem.with_suffix(".png").read_bytes())
    print("wrote", OUT / name)


def document(code: str, period: str) -> bytes:
    p = Period.objects.get(code=period)
    unit = Unit.objects.valid_during(p.start, p.end).get(code=code)
    report = report_get_or_create(unit=unit, period=p)
    pdf, _pages = render_bytes(build_context(report=report), "pdf")
    return pdf


def main() -> None:
    commune = document("21073", "2023")
    png(commune, 1, "report-page-1.png")
    png(commune, page_of(commune, "Nơi nhận"), "report-signature-page.png")
    png(
        commune, page_of(commune, "KẾT QUẢ CÁC CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH"), "report-appendix.png"
    )
    district = document("524", "2023")
    png(district, 1, "report-district-page-1.png")
    png(district, page_of(district, "Xếp hạng các chỉ tiêu chủ yếu"), "report-district-ranking.png")
    png(
        district,
        page_of(district, "KẾT QUẢ CÁC CHỈ TIÊU CHỦ YẾU CỦA CÁC"),
        "report-district-communes.png",
    )
    province = document("51", "2025S2")
    png(province, 1, "report-province-page-1.png")
    png(
        province,
        page_of(province, "KẾT QUẢ CÁC CHỈ TIÊU CHỦ YẾU CỦA CÁC"),
        "report-province-communes.png",
    )


if __name__ == "__main__":
    main()
