"""Formula injection (OWASP "CSV Injection"): no exported text cell is ever evaluated by a
spreadsheet; numbers stay numbers."""

import csv
import datetime as dt
import io

import openpyxl
import pytest

from finance.models import InvestmentLine
from records.exports import spreadsheet_safe

pytestmark = pytest.mark.django_db

INVEST = "/u/21073/2023/finance/investment/"

PAYLOADS = [
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3",
    "\tled by a tab",
    "\rled by a carriage return",
]


@pytest.fixture
def clerk(client, cast):
    client.force_login(cast.clerk_a)
    return client


@pytest.fixture
def lines(cast):
    for i, text in enumerate(PAYLOADS):
        InvestmentLine.objects.create(
            unit=cast.commune_a,
            period=cast.period,
            project=text,
            allocated=1000 + i,
            disbursed=10,
            as_of=dt.date(2023, 10, 31),
        )
    InvestmentLine.objects.create(
        unit=cast.commune_a,
        period=cast.period,
        project="Điều chỉnh giảm",
        allocated=-1_500_000,
        disbursed=0,
        as_of=dt.date(2023, 10, 31),
    )


@pytest.mark.parametrize("text", PAYLOADS)
def test_a_text_that_starts_a_formula_gets_a_leading_quote(text):
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("value", [-2, 0, 15, -1.5, None, "Ủy ban", "a=b", "", dt.date(2023, 1, 2)])
def test_numbers_and_other_values_are_left_alone(value):
    assert spreadsheet_safe(value) == value


def test_the_xlsx_export_has_no_formula_and_keeps_a_negative_number_numeric(clerk, lines):
    response = clerk.get(INVEST + "export.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert cells and all(c.data_type != "f" for c in cells)
    texts = {c.value for c in cells if c.data_type == "s"}
    for text in PAYLOADS:
        assert "'" + text in texts
        assert text not in texts
    numbers = [c.value for c in cells if c.data_type == "n"]
    assert -1_500_000 in numbers
    negative = next(c for c in cells if c.value == -1_500_000)
    assert isinstance(negative.value, int)


def test_the_csv_export_quotes_every_formula_and_keeps_a_negative_number(clerk, lines):
    response = clerk.get(INVEST + "export.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    cells = [v for row in rows for v in row]
    for text in PAYLOADS:
        assert "'" + text in cells
    assert not [
        v for v in cells if v and v[0] in "=+@\t\r" or v.startswith("-") and v != "-1500000"
    ]
    assert "-1500000" in cells
