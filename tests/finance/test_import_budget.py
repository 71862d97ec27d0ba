"""Budget lines and public investment from spreadsheets: per (unit, period), all-or-nothing."""

import pytest

from finance.models import BudgetLine, InvestmentLine
from finance.resources import budget_import, investment_import
from tests.imports.filedata import upload, xlsx_bytes

pytestmark = pytest.mark.django_db

BUDGET = (
    "Loại,Kế hoạch (đồng),Thực hiện (đồng),Số liệu tính đến ngày,Số ước thực hiện\r\n"
    "Tổng thu ngân sách nhà nước trên địa bàn,1.200.000.000,1.350.500.000,30/09/2023,Có\r\n"
    "thu phap lenh,300000000,280000000,30/09/2023,Không\r\n"
    'expenditure,"5.000.000.000",4.100.000.000,30/09/2023,\r\n'
)


def run(cast, data: bytes, name="ngansach.csv", commit=True, period=None):
    return budget_import(
        file=upload(data, name),
        unit=cast.commune_a,
        period=period or cast.period,
        by=cast.clerk_a,
        commit=commit,
    )


def test_budget_file_imports_three_lines_for_the_period(cast):
    result = run(cast, BUDGET.encode())
    assert result.ok, result.errors
    lines = {b.kind: b for b in BudgetLine.objects.filter(unit=cast.commune_a, period=cast.period)}
    assert lines["revenue"].actual == 1_350_500_000 and lines["revenue"].estimated
    assert lines["ordinance_revenue"].plan == 300_000_000
    assert lines["expenditure"].plan == 5_000_000_000


def test_budget_re_import_changes_nothing(cast):
    run(cast, BUDGET.encode())
    again = run(cast, BUDGET.encode())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_budget_xlsx_with_numbers_reads_the_same(cast):
    rows = [
        ["Tổng thu", 1_200_000_000, 1_350_500_000, "30/09/2023", "Có"],
        ["Thu pháp lệnh", 300_000_000, 280_000_000, "30/09/2023", "Không"],
        ["Tổng chi", 5_000_000_000, 4_100_000_000, "30/09/2023", "Không"],
    ]
    headers = BUDGET.splitlines()[0].split(",")
    assert run(cast, xlsx_bytes(rows, headers=headers), name="ns.xlsx").created == 3
    assert run(cast, BUDGET.encode()).ok


def test_bad_amount_and_kind_are_reported_and_nothing_is_written(cast):
    bad = BUDGET.replace("300000000,280000000", "ba trăm triệu,280000000").replace(
        "expenditure", "chi khác"
    )
    result = run(cast, bad.encode())
    assert {(e.line, e.column) for e in result.errors} == {
        (3, "Kế hoạch (đồng)"),
        (4, "Loại"),
    }
    assert not BudgetLine.objects.exists()


def test_budget_import_refused_when_the_report_is_submitted(cast):
    from reports.models import Report, ReportState

    Report.objects.create(unit=cast.commune_a, period=cast.period, state=ReportState.SUBMITTED)
    result = run(cast, BUDGET.encode())
    assert not result.ok and "đã gửi" in result.errors[0].message
    assert not BudgetLine.objects.exists()


def test_investment_lines_import_by_project(cast):
    data = (
        "Dự án, công trình;Kế hoạch vốn giao (đồng);Đã giải ngân (đồng);Số liệu tính đến ngày\r\n"
        "Đường bê tông thôn 3;2.000.000.000;1.500.000.000;31/10/2023\r\n"
    ).encode()
    result = investment_import(
        file=upload(data, "dautu.csv"), unit=cast.commune_a, period=cast.period, by=cast.clerk_a
    )
    assert result.ok, result.errors
    assert InvestmentLine.objects.get().disbursed == 1_500_000_000


def test_same_kind_twice_in_one_file_is_an_error_naming_the_first_line(cast):
    data = BUDGET + "Tổng thu,1,2,30/09/2023,Có\r\n"
    result = run(cast, data.encode())
    assert [(e.line, e.column) for e in result.errors] == [(5, "Loại")]
    assert "Trùng với dòng 2" in result.errors[0].message
    assert not BudgetLine.objects.exists()
