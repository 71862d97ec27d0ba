"""Property-based tests of every import kind of the registry (issue 10, guard rail): random
bytes, and random valid-looking spreadsheets (CSV and XLSX) with mutations (huge references,
missing parts, wrong types, broken zip) always end in a clean result — a correct import, or
problems in Vietnamese with nothing written — never an unexpected exception, memory bounded.

Hypothesis profiles (tests/imports/conftest.py): `ci` is derandomized (the same examples on
every run); elsewhere the examples vary from run to run.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from finance.models import BudgetLine, InvestmentLine
from imports.base import ImportResult
from imports.registry import import_kinds
from imports.services import run_import
from plans.models import RegisteredDocument
from staff.models import Person
from tests.imports.xlsxparts import workbook
from tthc.models import Dossier, Procedure

pytestmark = pytest.mark.django_db

# The rows each kind writes; a kind added to the registry must be added here.
WRITES = {
    "dossiers": Dossier,
    "procedures": Procedure,
    "staff": Person,
    "budget": BudgetLine,
    "investment": InvestmentLine,
    "documents": RegisteredDocument,
}
KINDS = sorted(WRITES)
MEMORY_MB = 30  # traced peak of one import of a small file, whatever its content

PROPERTY = settings(
    # max_examples from the profile (tests/imports/conftest.py): 15 per kind, 75 a property
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Values that look like the portal's cells: dates, amounts, choice words, texts, noise.
WORDS = [
    "Có",
    "Không",
    "Trực tuyến",
    "truc tiep",
    "Đã giải quyết",
    "Đang giải quyết",
    "Một cửa tỉnh",
    "national",
    "Cán bộ",
    "cong chuc",
    "KCT",
    "Đại học",
    "Chủ tịch UBND",
    "Toàn trình",
    "Một phần",
    "Tổng thu ngân sách nhà nước trên địa bàn",
    "expenditure",
    "Đường bê tông thôn 3",
    "1.000894",
    "HS-1",
    "HS-2",
    "Kế hoạch",
    "KH-UBND",
    "61/2018",
    "=HYPERLINK(1)",
]
CELL = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(["01/03/2023", "2023-03-05", "31/02/2023", "01/03/2023 08:00", "45000"]),
    st.sampled_from(["1.200.000.000", "50000", "-5", "1e308", "abc", "0"]),
    st.just(""),
    st.text(max_size=12),
)


def _headers(kind: str) -> list[str]:
    return import_kinds.get(kind).headers()


def _check(cast, kind: str, data: bytes, name: str) -> ImportResult:
    """The property: a clean result, and rows written only by a correct, committed import."""
    model = WRITES[kind]
    before = model.objects.count()
    tracemalloc.start()
    try:
        result = run_import(
            kind=kind,
            file=io.BytesIO(data),
            unit=cast.commune_a,
            period=cast.period,
            by=cast.clerk_a,
            commit=True,
            name=name,
        )
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    after = model.objects.count()
    assert isinstance(result, ImportResult)
    assert peak < MEMORY_MB << 20, peak
    if result.committed:
        assert result.ok
        assert after - before == result.created, (after, before, result.as_dict())
    else:
        assert after == before, "a refused or failed import wrote rows"
        if not result.ok:
            assert result.errors and all(str(e.message).strip() for e in result.errors)
    return result


@st.composite
def table_rows(draw, kind: str) -> tuple[list[str], list[list[str]]]:
    """The kind's headers (sometimes shuffled, cut or with an unknown one) and random rows."""
    headers = list(_headers(kind))
    if draw(st.booleans()):
        headers = draw(st.permutations(headers))
    if draw(st.integers(0, 4)) == 0:
        headers = headers[: draw(st.integers(0, len(headers)))]
    if draw(st.integers(0, 4)) == 0:
        headers.insert(draw(st.integers(0, len(headers))), draw(st.sampled_from(["Ghi chú", ""])))
    n = len(headers)
    rows = draw(
        st.lists(
            st.lists(CELL, min_size=max(n - 2, 0), max_size=n + 2),
            max_size=6,
        )
    )
    return headers, rows


def _csv(headers: list[str], rows: list[list[str]], sep: str) -> bytes:
    def cell(v: str) -> str:
        if sep in v or '"' in v or "\n" in v or "\r" in v:
            return '"' + v.replace('"', '""') + '"'
        return v

    lines = [sep.join(cell(h) for h in headers)] + [sep.join(cell(v) for v in r) for r in rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8", "surrogatepass")


def _col(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


@st.composite
def xlsx_cell(draw, ref: str, value: str, n_shared: int) -> str:
    """One <c> of a random form: the usual types, wrong types, odd or huge references."""
    ref = draw(
        st.sampled_from(
            [ref, ref, ref, ref, "", "AAAAAA" + ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")]
        )
        | st.sampled_from(["XFD9", "XFE9", "ZZZZZZZZ1", "A0", "a1", "1A"])
    )
    r = f' r="{ref}"' if ref else ""
    v = escape(value)
    form = draw(st.integers(0, 9))
    if form == 0:
        return f'<c{r} t="s"><v>{draw(st.integers(-2, n_shared + 2))}</v></c>'
    if form == 1:
        return f'<c{r} t="s"><v>{v}</v></c>'  # a text where an index belongs
    if form == 2:
        return f"<c{r}><v>{v}</v></c>"  # a number cell holding anything
    if form == 3:
        return f'<c{r} t="b"><v>{v}</v></c>'
    if form == 4:
        return f'<c{r} t="d"><v>{v}</v></c>'
    if form == 5:
        return f'<c{r} s="{draw(st.integers(0, 9))}"><v>{draw(st.floats(allow_nan=True))}</v></c>'
    if form == 6:
        return f'<c{r} t="e"><v>#N/A</v></c>'
    if form == 7:
        return f"<c{r}/>"
    return f'<c{r} t="inlineStr"><is><t>{v}</t></is></c>'


@st.composite
def xlsx_file(draw, kind: str) -> bytes:
    headers, rows = draw(table_rows(kind))
    shared = [escape(h) for h in headers]
    xml_rows = []
    for number, cells in enumerate([headers, *rows], start=1):
        out = []
        for i, value in enumerate(cells):
            if number == 1 or draw(st.integers(0, 3)):
                out.append(
                    f'<c r="{_col(i)}{number}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
                )
            else:
                out.append(draw(xlsx_cell(f"{_col(i)}{number}", value, len(shared))))
        xml_rows.append(f'<row r="{number}">{"".join(out)}</row>')
    data = workbook(
        "".join(xml_rows), shared=[f"<t>{s}</t>" for s in shared], xfs=[14, 22, 46, 0, 3]
    )
    return draw(mutated(data))


@st.composite
def mutated(draw, data: bytes) -> bytes:
    """The workbook as is, or with a part missing or replaced, truncated, or bytes flipped."""
    how = draw(st.sampled_from(["none", "none", "drop", "replace", "truncate", "flip"]))
    if how == "none":
        return data
    if how == "truncate":
        return data[: draw(st.integers(0, len(data)))]
    if how == "flip":
        raw = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            at = draw(st.integers(0, len(raw) - 1))
            raw[at] = draw(st.integers(0, 255))
        return bytes(raw)
    src = zipfile.ZipFile(io.BytesIO(data))
    names = src.namelist()
    victim = draw(st.sampled_from(names))
    garbage = draw(
        st.binary(max_size=200)
        | st.sampled_from([b"", b"<worksheet><sheetData><row><c r='A1'>", b"<sst><si>"])
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name in names:
            if name != victim:
                z.writestr(name, src.read(name))
            elif how == "replace":
                z.writestr(name, garbage)
    return out.getvalue()


@pytest.mark.parametrize("kind", KINDS)
def test_every_registered_kind_is_covered(kind):
    assert {k.key for k in import_kinds.all()} == set(WRITES)


@pytest.mark.parametrize("kind", KINDS)
@PROPERTY
@given(
    data=st.binary(max_size=2048) | st.binary(max_size=2048).map(lambda b: b"PK\x03\x04" + b),
    name=st.sampled_from(["tep.csv", "tep.xlsx", "tep.txt", ""]),
)
def test_random_bytes_never_crash_nor_write(cast, kind, data, name):
    result = _check(cast, kind, data, name)
    assert not result.committed or name != "tep.xlsx"  # random bytes are no workbook


@pytest.mark.parametrize("kind", KINDS)
@PROPERTY
@given(data=st.data())
def test_random_csv_files_import_cleanly_or_not_at_all(cast, kind, data):
    headers, rows = data.draw(table_rows(kind))
    sep = data.draw(st.sampled_from([",", ";", "\t"]))
    _check(cast, kind, _csv(headers, rows, sep), "tep.csv")


@pytest.mark.parametrize("kind", KINDS)
@PROPERTY
@given(data=st.data())
def test_random_mutated_xlsx_files_import_cleanly_or_not_at_all(cast, kind, data):
    _check(cast, kind, data.draw(xlsx_file(kind)), "tep.xlsx")
