"""Vietnamese number style of the template filters shared by the pages and the report."""

from decimal import Decimal

from django.template import Context, Template

from reports.templatetags.cchc_format import count, rate, vn_number, vnd


def test_count_groups_thousands_with_dots():
    assert count(1962) == "1.962"
    assert count(1234567) == "1.234.567"
    assert count(0) == "0"


def test_rate_prints_two_places_with_a_comma_and_percent_sign():
    assert rate(Decimal("99.05")) == "99,05%"
    assert rate("43.6") == "43,60%"
    assert rate(Decimal("100.00")) == "100%"
    assert rate(Decimal("98.50")) == "98,50%"


def test_a_missing_figure_or_zero_denominator_rate_prints_a_dash():
    assert rate(None) == "—"
    assert count(None) == "—"
    assert vnd(None) == "—"


def test_vnd_amounts_group_thousands():
    assert vnd(5158000) == "5.158.000"


def test_general_numbers_keep_their_decimals_in_vietnamese_style():
    assert vn_number(1005.8) == "1.005,8"
    assert vn_number("1029.70") == "1.029,7"
    assert vn_number("97.70", 1) == "97,7"


def test_figure_formats_by_indicator_kind_in_a_template():
    out = Template(
        "{% load cchc_format %}{{ a|figure:'count' }} {{ b|figure:'percent' }} {{ c|figure:'vnd' }}"
    ).render(Context({"a": 1886, "b": "99.05", "c": 278399000}))
    assert out == "1.886 99,05% 278.399.000"
