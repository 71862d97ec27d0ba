"""Every import reader is bounded (issue 10, point 4): columns, cell length, row length, the
decompressed size and ratio of an XLSX's parts, rows and time. Past a bound: a Vietnamese
refusal naming the limit, memory and time bounded, nothing written."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports.base import ImportRefused
from imports.reader import implied_work, open_table
from imports.services import import_is_async, run_import
from reports.models import Job
from tests.factories import PASSWORD
from tests.imports.xlsxparts import workbook
from tests.tthc.importdata import HEADERS, csv_bytes, good_rows
from tests.tthc.importdata import xlsx_bytes as dossier_xlsx
from tthc.models import Dossier

MB = 1 << 20
SHEET = "xl/worksheets/data.xml"


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _header_row() -> str:
    return '<row r="1">' + "".join(_inline(f"{c}1", f"h{c}") for c in "ABC") + "</row>"


def with_part(xlsx: bytes, name: str, write) -> bytes:
    """The same workbook with one part written by `write(stream)` (streamed, never whole)."""
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename == name:
                part = zipfile.ZipInfo(name)
                part.compress_type = zipfile.ZIP_DEFLATED
                with z.open(part, "w", force_zip64=True) as w:
                    write(w)
            else:
                z.writestr(info, src.read(info))
    return out.getvalue()


def _peak(fn) -> tuple[float, float, BaseException | None]:
    """(peak traced MB, seconds, the exception raised) of fn()."""
    tracemalloc.start()
    started = time.perf_counter()
    error = None
    try:
        fn()
    except BaseException as exc:  # noqa: BLE001 - returned for the caller's assertions
        error = exc
    seconds = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / MB, seconds, error


def _read_all(data: bytes, name: str) -> None:
    table = open_table(io.BytesIO(data), name=name)
    for _row in table.rows:
        pass


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """200 MB of zeros in the sheet part, about 200 KB compressed."""
    base = workbook(_header_row())

    def write(w):
        w.write(b'<?xml version="1.0"?><worksheet><sheetData>')
        block = b"0" * MB
        for _ in range(200):
            w.write(block)
        w.write(b"</sheetData></worksheet>")

    return with_part(base, SHEET, write)


def test_a_huge_column_reference_is_refused_with_bounded_memory():
    data = workbook(_header_row() + '<row r="2"><c r="AAAAAA2"><v>1</v></c></row>')
    assert len(data) < 3000
    peak, seconds, error = _peak(lambda: _read_all(data, "a.xlsx"))
    assert isinstance(error, ImportRefused), error
    assert "16.384 cột" in error.message and error.line == 2
    assert peak < 20 and seconds < 2, (peak, seconds)


def test_unknown_trailing_columns_are_ignored_not_materialised():
    """Cells far right of the headers (within Excel's columns) are skipped, never padded to."""
    rows = "".join(
        f'<row r="{r}">{_inline(f"A{r}", "x")}<c r="XFD{r}"><v>1</v></c></row>'
        for r in range(2, 1002)
    )
    data = workbook(_header_row() + rows)
    seen = []

    def read():
        table = open_table(io.BytesIO(data), name="a.xlsx")
        for _line, values in table.rows:
            seen.append(len(values))

    peak, _seconds, error = _peak(read)
    assert error is None, error
    assert len(seen) == 1000 and max(seen) <= 3 + 8  # the headers' width plus the margin
    assert peak < 20, peak  # padded, 1 000 rows x 16 384 cells would be 130 MB


def test_a_zip_bomb_part_is_refused_before_decompressing(bomb):
    assert len(bomb) < 1 * MB
    peak, seconds, error = _peak(lambda: _read_all(bomb, "bomb.xlsx"))
    assert isinstance(error, ImportRefused), error
    assert "tỉ lệ nén" in error.message and "100 lần" in error.message
    assert seconds < 1 and peak < 20, (seconds, peak)
    # The work a file implies is judged the same way, at upload time.
    with pytest.raises(ImportRefused, match="tỉ lệ nén"):
        implied_work(io.BytesIO(bomb), name="bomb.xlsx")


def test_a_zip_part_whose_header_lies_is_counted_while_streaming(settings):
    """A part that declares a small size cannot make the reader decompress more than that,
    and the bytes streamed are counted against the part's bound."""
    settings.CCHC_IMPORT_MAX_PART_BYTES = 2 * MB
    rows = "".join(
        f'<row r="{r}">{_inline(f"A{r}", f"giá trị {r * 7919 % 10007}")}</row>'
        for r in range(2, 60_000)
    )
    data = workbook(_header_row() + rows)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.getinfo(SHEET).file_size > 2 * MB
    with pytest.raises(ImportRefused, match="giải nén quá lớn"):
        _read_all(data, "a.xlsx")
    # The header rewritten to claim 1 MB: the reader stops there (and the CRC fails).
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(SHEET)
    lying = _declare_size(data, info, MB)
    with pytest.raises(ImportRefused):
        _read_all(lying, "a.xlsx")


def _declare_size(data: bytes, info: zipfile.ZipInfo, size: int) -> bytes:
    """The zip with the central-directory entry of `info` declaring `size` bytes."""
    raw = bytearray(data)
    name = info.filename.encode()
    at = raw.find(b"PK\x01\x02")
    while at >= 0:
        n = int.from_bytes(raw[at + 28 : at + 30], "little")
        if bytes(raw[at + 46 : at + 46 + n]) == name:
            raw[at + 24 : at + 28] = size.to_bytes(4, "little")
            return bytes(raw)
        at = raw.find(b"PK\x01\x02", at + 4)
    raise AssertionError("entry not found")


@pytest.mark.parametrize("where", ["inline", "shared"])
def test_one_huge_cell_is_refused(where):
    text = "".join(chr(0x61 + (i * 7) % 26) for i in range(40_000))
    if where == "inline":
        data = workbook(_header_row() + f'<row r="2">{_inline("A2", text)}</row>')
    else:
        data = workbook(
            _header_row() + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>',
            shared=[f"<t>{text}</t>"],
        )
    with pytest.raises(ImportRefused, match="vượt giới hạn 32.767 ký tự một ô"):
        _read_all(data, "a.xlsx")


def test_a_100_mb_cell_is_refused_with_bounded_memory():
    base = workbook(_header_row())

    def write(w):
        w.write(b'<?xml version="1.0"?><worksheet><sheetData>')
        w.write(b'<row r="2"><c r="A2" t="inlineStr"><is><t>')
        block = bytes(range(0x61, 0x61 + 26)) * (MB // 26)
        for _ in range(100):
            w.write(block)
        w.write(b"</t></is></c></row></sheetData></worksheet>")

    data = with_part(base, SHEET, write)
    peak, seconds, error = _peak(lambda: _read_all(data, "a.xlsx"))
    assert isinstance(error, ImportRefused), error
    assert peak < 20 and seconds < 2, (peak, seconds)


def test_a_huge_csv_cell_is_refused():
    data = csv_bytes([["x" * 40_000, "b", "c"]], headers=["a", "b", "c"])
    with pytest.raises(ImportRefused, match="32.767 ký tự một ô") as refused:
        _read_all(data, "a.csv")
    assert refused.value.line == 2


def test_a_csv_with_a_million_columns_is_refused_quickly_with_bounded_memory():
    data = b"a,b,c\r\n" + b",".join(b"%07d" % i for i in range(1_000_000)) + b"\r\n"
    assert len(data) > 7 * MB
    peak, seconds, error = _peak(lambda: _read_all(data, "a.csv"))
    assert isinstance(error, ImportRefused), error
    assert "Dòng 2 quá dài" in error.message
    assert peak < 20 and seconds < 2, (peak, seconds)
    # Short cells: too many columns, within the row's length.
    wide = b"a,b,c\r\n" + b"," * 20_000 + b"\r\n"
    with pytest.raises(ImportRefused, match="vượt giới hạn 16.384 cột"):
        _read_all(wide, "a.csv")


def test_a_csv_record_spanning_lines_is_bounded_too(settings):
    settings.CCHC_IMPORT_MAX_ROW_CHARS = 1000
    data = b'a,b\r\n"' + b"x\n" * 2000 + b'",1\r\n'
    with pytest.raises(ImportRefused, match="Dòng 2 quá dài"):
        _read_all(data, "a.csv")


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_too_many_rows_are_refused_and_nothing_is_written(settings, cast, fmt):
    settings.CCHC_IMPORT_MAX_ROWS = 3
    rows = good_rows(4)
    data = csv_bytes(rows) if fmt == "csv" else dossier_xlsx(rows)
    result = run_import(
        kind="dossiers",
        file=io.BytesIO(data),
        unit=cast.commune_a,
        period=cast.period,
        by=cast.clerk_a,
        commit=True,
        name=f"hoso.{fmt}",
    )
    assert not result.ok and not result.committed
    assert any("hơn 3 dòng" in e.message for e in result.errors), result.errors
    assert not Dossier.objects.exists()
    settings.CCHC_IMPORT_MAX_ROWS = 4
    data = csv_bytes(rows) if fmt == "csv" else dossier_xlsx(rows)
    ok = run_import(
        kind="dossiers",
        file=io.BytesIO(data),
        unit=cast.commune_a,
        period=cast.period,
        by=cast.clerk_a,
        commit=True,
        name=f"hoso.{fmt}",
    )
    assert ok.ok, ok.errors
    assert Dossier.objects.count() == 4


def test_reading_past_the_time_limit_is_refused(settings):
    settings.CCHC_IMPORT_MAX_SECONDS = 0
    data = csv_bytes(good_rows(1) * 600, headers=HEADERS)
    with pytest.raises(ImportRefused, match="quá 0 giây"):
        _read_all(data, "a.csv")


@pytest.mark.django_db
def test_the_async_threshold_follows_the_decompressed_size(settings, cast):
    """A small XLSX that expands a lot is read by a worker; a CSV by its own size."""
    settings.CCHC_IMPORT_ASYNC_BYTES = 200_000
    rows = "".join(
        f'<row r="{r}">{_inline(f"A{r}", "Mã hồ sơ")}{_inline(f"B{r}", "x")}</row>'
        for r in range(2, 5000)
    )
    data = workbook(_header_row() + rows)
    assert len(data) < 200_000 < implied_work(io.BytesIO(data), name="a.xlsx")
    job = Job(params={"size": len(data), "work": implied_work(io.BytesIO(data), name="a.xlsx")})
    assert import_is_async(job)
    small = csv_bytes(good_rows(3))
    assert implied_work(io.BytesIO(small), name="a.csv") == len(small)
    assert not import_is_async(Job(params={"size": len(small), "work": len(small)}))
    assert import_is_async(Job(params={"size": 300_000}))  # jobs stored before: by their size


@pytest.mark.django_db
def test_a_web_upload_of_the_bomb_gets_the_message_and_no_job(client, cast, bomb):
    assert client.login(username=cast.clerk_a.username, password=PASSWORD)
    url = reverse(
        "import_upload",
        kwargs={"code": cast.commune_a.code, "period": cast.period.code, "kind": "dossiers"},
    )
    started = time.perf_counter()
    resp = client.post(url, {"file": SimpleUploadedFile("bomb.xlsx", bomb)})
    assert time.perf_counter() - started < 5
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "tỉ lệ nén bất thường" in html
    assert not Job.objects.exists() and not Dossier.objects.exists()


@pytest.mark.django_db
def test_a_web_upload_of_a_huge_reference_gets_the_message(client, cast):
    """Refused at the preview: a clean job with the message, no crash, nothing written."""
    assert client.login(username=cast.clerk_a.username, password=PASSWORD)
    header = "".join(_inline(f"{chr(65 + i)}1", h) for i, h in enumerate(HEADERS))
    data = workbook(f'<row r="1">{header}</row><row r="2"><c r="AAAAAA2"><v>1</v></c></row>')
    url = reverse(
        "import_upload",
        kwargs={"code": cast.commune_a.code, "period": cast.period.code, "kind": "dossiers"},
    )
    resp = client.post(url, {"file": SimpleUploadedFile("hoso.xlsx", data)})
    assert resp.status_code == 302
    job = Job.objects.get()
    assert job.status == "done"
    assert not job.params["preview"]["committed"]
    assert "16.384 cột" in job.params["preview"]["errors"][0]["message"]
    page = client.get(resp["Location"]).content.decode()
    assert "16.384 cột" in page
    assert not Dossier.objects.exists()
