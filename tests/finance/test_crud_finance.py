"""Money inputs: Vietnamese thousands separators parsed and echoed; budget/investment rules."""

import pytest

from finance.models import BudgetLine, InvestmentLine
from records.forms import parse_amount

pytestmark = pytest.mark.django_db

BUDGET = "/u/21073/2023/finance/budget/"
INVEST = "/u/21073/2023/finance/investment/"


@pytest.fixture
def clerk(client, cast):
    client.force_login(cast.clerk_a)
    return client


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1500", 1500),
        ("1.500", 1500),
        ("1.500.000", 1_500_000),
        (" 2 000 000 ", 2_000_000),
        ("0", 0),
    ],
)
def test_amounts_accept_plain_digits_and_dot_separators(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["1.5", "1,5", "1.50.000", "abc", "1.500,25"])
def test_ambiguous_or_decimal_amounts_are_refused(text):
    with pytest.raises(ValueError):
        parse_amount(text)


def test_budget_line_is_saved_in_vnd_from_dotted_input(clerk, cast):
    response = clerk.post(
        BUDGET + "new/",
        {"kind": "revenue", "plan": "1.500", "actual": "1500000", "as_of": "2023-10-31"},
    )
    assert response.status_code == 302
    line = BudgetLine.objects.get()
    assert (line.plan, line.actual) == (1500, 1_500_000)
    # The edit form shows the stored value formatted back.
    html = clerk.get(f"{BUDGET}{line.pk}/").content.decode()
    assert 'value="1.500.000"' in html


def test_negative_or_malformed_money_is_refused(clerk, cast):
    response = clerk.post(
        BUDGET + "new/", {"kind": "revenue", "plan": "-5", "actual": "1,5", "as_of": "2023-10-31"}
    )
    html = response.content.decode()
    assert "Giá trị không được nhỏ hơn 0." in html and "Chỉ nhập số nguyên" in html
    assert not BudgetLine.objects.exists()


def test_one_budget_line_per_kind_and_period(clerk, cast):
    data = {"kind": "revenue", "plan": "10", "actual": "5", "as_of": "2023-10-31"}
    assert clerk.post(BUDGET + "new/", data).status_code == 302
    again = clerk.post(BUDGET + "new/", data)
    assert "Loại thu, chi này đã được nhập cho kỳ báo cáo" in again.content.decode()
    assert BudgetLine.objects.count() == 1


def test_disbursed_above_allocated_is_refused(clerk, cast):
    response = clerk.post(
        INVEST + "new/",
        {"project": "Đường", "allocated": "1.000", "disbursed": "2.000", "as_of": "2023-10-31"},
    )
    assert "Số đã giải ngân không được lớn hơn kế hoạch vốn được giao." in response.content.decode()
    assert not InvestmentLine.objects.exists()


def test_amount_echo_formats_the_parsed_value(clerk, cast):
    url = "/u/21073/2023/tasks/amount/"
    ok = clerk.get(url, {"f": "plan", "u": "đồng", "plan": "1500000"}).content.decode()
    assert "= 1.500.000 đồng" in ok
    bad = clerk.get(url, {"f": "plan", "plan": "1.5"}).content.decode()
    assert "không phải là số hợp lệ" in bad


def test_money_inputs_ask_for_the_echo(clerk, cast):
    html = clerk.get(BUDGET + "new/").content.decode()
    assert 'hx-get="/u/21073/2023/tasks/amount/?f=plan' in html and "echo-slot" in html


def test_budget_totals_show_plan_and_actual(clerk, cast):
    clerk.post(
        BUDGET + "new/",
        {"kind": "expenditure", "plan": "2.000.000", "actual": "1.000.000", "as_of": "2023-10-31"},
    )
    html = clerk.get(BUDGET).content.decode()
    assert "1.000.000 đ" in html and "2.000.000 đ" in html
