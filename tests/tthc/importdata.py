"""Building dossier files for the import tests (CSV bytes or XLSX bytes)."""

from __future__ import annotations

from tests.imports.filedata import upload
from tests.imports.filedata import xlsx_bytes as _xlsx_bytes

__all__ = ["HEADERS", "csv_bytes", "good_rows", "row", "upload", "xlsx_bytes"]

HEADERS = [
    "Mã hồ sơ",
    "Mã TTHC",
    "Tên TTHC",
    "Hình thức nộp",
    "Ngày tiếp nhận",
    "Hạn xử lý",
    "Ngày có kết quả",
    "Trạng thái",
    "Số hóa hồ sơ",
    "Số hóa kết quả",
    "Thanh toán trực tuyến",
    "Phí, lệ phí",
    "Nguồn",
]


def row(code: str = "HS-1", **over) -> list:
    base = {
        "Mã hồ sơ": code,
        "Mã TTHC": "1.000894",
        "Tên TTHC": "Đăng ký khai sinh",
        "Hình thức nộp": "Trực tuyến",
        "Ngày tiếp nhận": "01/03/2023 08:00",
        "Hạn xử lý": "03/03/2023",
        "Ngày có kết quả": "02/03/2023 10:30",
        "Trạng thái": "Đã giải quyết",
        "Số hóa hồ sơ": "Có",
        "Số hóa kết quả": "Có",
        "Thanh toán trực tuyến": "Không",
        "Phí, lệ phí": "",
        "Nguồn": "Một cửa tỉnh",
    }
    base.update(over)
    return [base.get(h, "") for h in HEADERS]


def good_rows(n: int = 3) -> list[list]:
    rows = [row(f"HS-{i}") for i in range(1, n + 1)]
    if n >= 2:
        rows[1] = row(
            "HS-2",
            **{
                "Hình thức nộp": "truc tiep",
                "Ngày tiếp nhận": "2023-03-05",
                "Hạn xử lý": "2023-03-10",
                "Ngày có kết quả": "",
                "Trạng thái": "Đang giải quyết",
                "Phí, lệ phí": "50.000",
                "Nguồn": "national",
            },
        )
    return rows


def csv_bytes(rows: list[list], *, headers=None, sep: str = ",", bom: bool = False) -> bytes:
    def cell(v) -> str:
        v = "" if v is None else str(v)
        if sep in v or '"' in v or "\n" in v:
            v = '"' + v.replace('"', '""') + '"'
        return v

    lines = [sep.join(cell(h) for h in (headers or HEADERS))]
    lines += [sep.join(cell(v) for v in r) for r in rows]
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows: list[list], *, headers=None) -> bytes:
    return _xlsx_bytes(rows, headers=list(headers or HEADERS))
