"""The streaming XLSX reader: the same values as python-calamine, in flat memory."""

from __future__ import annotations

import datetime as dt
import io
import tracemalloc
import zipfile

import pytest
from django.utils import timezone
from python_calamine import CalamineWorkbook

from imports import xlsx_stream
from imports.base import ImportRefused
from imports.reader import open_table
from imports.xlsx_stream import StreamingSheet, format_kind
from tests.imports.xlsxparts import prefixed, workbook
from tests.tthc.importdata import HEADERS, row, upload
from tthc.importing import dossiers_import
from tthc.models import Dossier

SHARED = [
    "<t>Mã hồ sơ</t>",
    "<t>Hình thức &amp; nơi nộp</t>",
    "<t>東京</t><rPh sb='0' eb='2'><t>トウキョウ</t></rPh>",  # phonetic guide left out
    '<t xml:space="preserve">  cách  </t>',
    "<t>dòng 1_x000D_\ndòng 2</t>",  # OOXML escape of a carriage return
    "<t/>",
]
ROWS = (
    '<row r="1" spans="1:9">'
    + "".join(f'<c r="{c}1" t="s"><v>{i}</v></c>' for i, c in enumerate("ABCDEF"))
    + "</row>"
    '<row r="2"><c r="A2" s="1"><v>45056</v></c><c r="B2" s="2"><v>45056.354166666664</v></c>'
    '<c r="C2" s="3"><v>0.5</v></c><c r="D2" s="4"><v>1.25</v></c><c r="E2" s="5"><v>1234.5</v></c>'
    '<c r="F2" s="6"><v>45000</v></c><c r="G2" s="7"><v>45001</v></c><c r="H2" s="8"><v>45002.75</v></c></row>'
    # attributes in another order, formulas with cached values, booleans, empty and inline cells
    '<row r="4"><c t="s" r="A4" s="1"><v>1</v></c><c r="C4" t="str"><f>A4&amp;"x"</f><v>Hình &amp; x</v></c>'
    '<c r="E4" t="b"><v>0</v></c><c r="F4"><f>1+1</f><v>2</v></c><c r="G4" s="1"/>'
    '<c r="H4" t="inlineStr"><is><t>a &lt; b</t></is></c>'
    '<c r="I4" t="inlineStr"><is><r><t>x</t></r><r><t>y</t></r></is></c></row>'
    '<row r="5"/>'
    # a row and cells without references follow their predecessors
    '<row><c t="n"><v>7</v></c><c><v>-0.125</v></c>'
    '<c r="E6" t="inlineStr"><is><t xml:space="preserve"> sp </t></is></c></row>'
    '<row r="7"><c r="A7" s="9"><v>45056</v></c><c r="B7" s="10"><v>45056</v></c>'
    '<c r="C7" s="11"><v>45056.5</v></c><c r="D7" t="d"><v>2023-05-10T08:30:00</v></c>'
    '<c r="E7" t="n"><v>1E-3</v></c><c r="F7" cm="1" s="1"><v>45057</v></c></row>'
)
FORMATS = {
    164: "dd/mm/yyyy",
    165: "[$-vi-VN]dd/mm/yyyy h:mm;@",
    166: '"Ngày "dd" tháng "mm',
    167: "#,##0.00",
    168: "0.0%",
    169: "[h]:mm",
    170: "[Red]#,##0;[Blue]-#,##0",
    172: "yyyy\\-mm\\-dd",
}
STYLES = [164, 22, 21, 46, 167, 14, 166, 165, 168, 170, 172]


def streamed(data: bytes) -> dict[int, list]:
    return dict(StreamingSheet(io.BytesIO(data)).rows())


def assert_same_as_calamine(data: bytes) -> dict[int, list]:
    """Row by row and cell by cell (value and type), rows numbered as in the spreadsheet."""
    ours = streamed(data)
    left = dict(ours)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    for number, theirs in enumerate(sheet.iter_rows(), start=1):
        mine = left.pop(number, [])
        mine = mine + [""] * (len(theirs) - len(mine))
        assert mine == theirs, number
        assert [type(v) for v in mine] == [type(v) for v in theirs], number
    assert not left
    return ours


@pytest.mark.parametrize("variant", ["plain", "date1904", "prefixed"])
def test_same_cells_as_calamine_for_excel_style_parts(variant):
    rows, shared, kw = ROWS, SHARED, {}
    if variant == "date1904":
        kw["date1904"] = True
    if variant == "prefixed":  # <x:row>, <x:c>, … as some .NET generators write
        rows, shared, kw = prefixed(ROWS, "x"), [prefixed(s, "x") for s in SHARED], {"prefix": "x"}
    data = workbook(rows, shared=shared, num_fmts=FORMATS, xfs=STYLES, **kw)
    ours = assert_same_as_calamine(data)
    assert ours[1] == [
        "Mã hồ sơ",
        "Hình thức & nơi nộp",
        "東京",
        "  cách  ",
        "dòng 1\r\ndòng 2",
        "",
    ]
    base = dt.date(2023, 5, 10) if variant != "date1904" else dt.date(2027, 5, 11)
    assert ours[2][:4] == [
        base,
        dt.datetime.combine(base, dt.time(8, 30)),
        dt.time(12, 0),
        dt.timedelta(days=1, hours=6),
    ]
    assert ours[2][4] == 1234.5 and isinstance(ours[2][6], dt.date)  # "Ngày "dd" tháng "mm
    assert ours[4][2:] == ["Hình & x", "", False, 2.0, "", "a < b", "xy"]
    assert ours[5] == [] and ours[6] == [7.0, -0.125, "", "", " sp "]
    assert ours[7][:2] == [45056.0, 45056.0]  # a percentage and a coloured number stay numbers


def test_where_it_reads_more_faithfully_than_calamine():
    data = workbook(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>',
        shared=['<r><rPr><b/></rPr><t>Trực </t></r><r><t xml:space="preserve">tuyến</t></r>'],
    )
    # The space that ends a bold run is kept (Excel shows it); an error cell shows its code,
    # so the import can say which value is wrong instead of calling the cell empty.
    assert streamed(data)[1] == ["Trực tuyến", "#DIV/0!"]


def test_openpyxl_workbook_first_sheet_same_as_calamine():
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Hồ sơ"
    ws.append(HEADERS)
    ws.append(row("HS-1", **{"Ngày tiếp nhận": dt.datetime(2023, 4, 3, 9, 15)}))
    ws.append(
        row("HS-2", **{"Hạn xử lý": dt.date(2023, 4, 5), "Phí, lệ phí": 15000, "Nguồn": True})
    )
    ws.cell(row=6, column=3, value="sau dòng trống")
    wb.create_sheet("Khác").append(["không đọc"])
    buf = io.BytesIO()
    wb.save(buf)
    ours = assert_same_as_calamine(buf.getvalue())
    assert ours[2][4] == dt.datetime(2023, 4, 3, 9, 15) and ours[3][5] == dt.date(2023, 4, 5)
    assert sorted(ours) == [1, 2, 3, 6]


@pytest.mark.parametrize("chunk", [7, 64, 1000])
def test_chunk_boundaries_never_cut_a_row_or_a_character(monkeypatch, chunk):
    data = workbook(prefixed(ROWS, "x"), shared=[prefixed(s, "x") for s in SHARED],
                    num_fmts=FORMATS, xfs=STYLES, prefix="x")  # fmt: skip
    whole = streamed(data)
    monkeypatch.setattr(xlsx_stream, "CHUNK", chunk)
    assert streamed(data) == whole


@pytest.mark.parametrize(
    "code, kind",
    [
        ("dd/mm/yyyy", "date"),
        ("[$-42A]dd/mm/yyyy hh:mm", "date"),
        ('"Ngày "dd', "date"),
        ("[h]:mm:ss", "duration"),
        ("#,##0", None),
        ('#,##0 "đ"', None),  # literal text with a 'd' is not a day
        ("0.00%", None),
        ("General", None),
        ("@", None),
    ],
)
def test_number_format_kinds(code, kind):
    assert format_kind(code) == kind


def big_sheet(rows: int) -> bytes:
    """A dossier sheet of `rows` rows of 13 inline-string cells, written part by part."""
    cells = "".join(
        f'<c r="{chr(65 + i)}{{n}}" t="inlineStr"><is><t>Trực tuyến {i}</t></is></c>'
        for i in range(13)
    )
    xml = "".join(f'<row r="{n}">{cells.format(n=n)}</row>' for n in range(1, rows + 1))
    return workbook(xml)


def peak_while_reading(data: bytes) -> tuple[int, int]:
    tracemalloc.start()
    try:
        count = 0
        for _n, _values in StreamingSheet(io.BytesIO(data)).rows():
            count += 1
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_as_the_sheet_grows():
    small, large = big_sheet(4_000), big_sheet(32_000)
    n_small, peak_small = peak_while_reading(small)
    n_large, peak_large = peak_while_reading(large)
    assert (n_small, n_large) == (4_000, 32_000)
    # Eight times the rows, (almost) the same peak: one chunk, never the whole sheet. Holding
    # the rows would need well over 8 x the small file's peak.
    assert peak_large < peak_small * 1.5, (peak_small, peak_large)
    sheet = StreamingSheet(io.BytesIO(large))
    next(sheet.rows())
    assert 0 < sheet.fraction() < 0.2  # the first row came out after reading a fraction


def test_broken_workbooks_are_refused_with_a_message():
    out_of_order = workbook(
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>1</v></c></row>'
        '<row r="3"><c r="B3"><v>1</v></c><c r="A3"><v>2</v></c></row>'
    )
    with pytest.raises(ImportRefused, match="Không đọc được tệp Excel") as refused:
        list(open_table(io.BytesIO(out_of_order), name="a.xlsx").rows)
    assert refused.value.line == 3  # where it broke
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:  # a ZIP that is no workbook
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(ImportRefused, match="Không đọc được tệp Excel"):
        open_table(io.BytesIO(buf.getvalue()), name="a.xlsx")


@pytest.mark.django_db
def test_excel_workbook_with_shared_strings_and_date_cells_imports(cast):
    strings = [f"<t>{h}</t>" for h in HEADERS] + [
        "<t>HS-X1</t>",
        "<t>1.000894</t>",
        "<t>Đăng ký khai sinh</t>",
        "<t>Trực tuyến</t>",
        "<t>Đã giải quyết</t>",
        "<t>Có</t>",
        "<t>Không</t>",
        "<t>Một cửa tỉnh</t>",
        "<t>HS-X2</t>",
        "<t>qua mạng</t>",
    ]
    s = {text[3:-4]: i for i, text in enumerate(strings)}

    def sst(col: str, r: int, text: str) -> str:
        return f'<c r="{col}{r}" t="s"><v>{s[text]}</v></c>'

    header = "".join(sst(chr(65 + i), 1, h) for i, h in enumerate(HEADERS))

    def dossier(r: int, code: str, channel: str) -> str:
        return (
            f'<row r="{r}">{sst("A", r, code)}{sst("B", r, "1.000894")}'
            f"{sst('C', r, 'Đăng ký khai sinh')}{sst('D', r, channel)}"
            f'<c r="E{r}" s="2"><v>45019.385416666664</v></c>'  # 03/04/2023 09:15
            f'<c r="F{r}" s="1"><v>45021</v></c>'  # 05/04/2023, a deadline: end of day
            f'<c r="G{r}" s="2"><v>45021.666666666664</v></c>'
            f"{sst('H', r, 'Đã giải quyết')}{sst('I', r, 'Có')}{sst('J', r, 'Có')}"
            f'{sst("K", r, "Có")}<c r="L{r}"><v>15000</v></c>{sst("M", r, "Một cửa tỉnh")}</row>'
        )

    def import_rows(*rows: str):
        data = workbook(
            f'<row r="1">{header}</row>' + "".join(rows),
            shared=strings,
            num_fmts={164: "dd/mm/yyyy"},
            xfs=[164, 22],
        )
        return dossiers_import(
            file=upload(data, "hoso.xlsx"), unit=cast.commune_a, by=cast.clerk_a, commit=True
        )

    result = import_rows(dossier(2, "HS-X1", "Trực tuyến"))
    assert result.ok, result.errors
    d = Dossier.objects.get(unit=cast.commune_a, code="HS-X1")
    tz = timezone.get_default_timezone()  # Asia/Ho_Chi_Minh: cells are local times
    assert d.received_at == dt.datetime(2023, 4, 3, 9, 15, tzinfo=tz)
    assert d.due_at == dt.datetime(2023, 4, 5, 23, 59, 59, 999999, tzinfo=tz)
    assert (d.channel, d.fee, d.paid_online) == ("online", 15000, True)

    # The error names the row as the spreadsheet numbers it (row 9 after a gap).
    result = import_rows(dossier(2, "HS-X1", "Trực tuyến"), dossier(9, "HS-X2", "qua mạng"))
    assert not result.ok
    assert [(e.line, e.column) for e in result.errors] == [(9, "Hình thức nộp")]
    assert not Dossier.objects.filter(code="HS-X2").exists()


def test_progress_of_an_xlsx_table_grows_to_one():
    table = open_table(io.BytesIO(big_sheet(12_000)), name="lon.xlsx")
    seen = []
    for line, _values in table.rows:
        if line % 3_000 == 0:
            seen.append(table.fraction())
    assert line == 12_000 and len(seen) == 4
    assert 0 < seen[0] < seen[1] < seen[2] <= seen[3] <= 1
    assert table.fraction() == 1.0
