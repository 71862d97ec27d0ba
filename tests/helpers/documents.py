"""The seed commune's records, the report's headings, and the text of a PDF."""

from __future__ import annotations

import datetime as dt
import subprocess
from collections import defaultdict

from tests.factories import PeriodFactory

HEADINGS = [
    "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
    "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
    "1. Cải cách thể chế",
    "2. Cải cách thủ tục hành chính",
    "3. Cải cách tổ chức bộ máy hành chính nhà nước",
    "4. Cải cách chế độ công vụ",
    "5. Cải cách tài chính công",
    "6. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số",
    "III. ĐÁNH GIÁ CHUNG",
    "1. Ưu điểm",
    "2. Tồn tại, hạn chế",
    "3. Nguyên nhân của những tồn tại, hạn chế",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM",
]


def load_seed_commune(cast) -> dict:
    """Commune A of the cast gets the demo data of Xã Bình Phước (the seed's raw records)
    for 2023 and 2022, through the demo loader's own writers."""
    from demo import binh_phuoc, catalogue
    from demo.records import _document_settings, _write_unit

    periods = {
        "2022": PeriodFactory(
            code="2022",
            start=dt.date(2021, 12, 15),
            end=dt.date(2022, 10, 31),
            deadline=dt.date(2022, 11, 15),
        ),
        "2023": cast.period,
    }
    created: dict = defaultdict(int)
    data = binh_phuoc.build(periods=periods)
    _write_unit(cast.commune_a, data, periods, catalogue.ensure_catalogue(), created)
    _document_settings(cast.commune_a, data, created)
    return periods


def pdf_text(data: bytes, *args: str) -> str:
    return subprocess.run(
        ["pdftotext", *args, "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")
