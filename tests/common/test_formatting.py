"""One formatting module (common.formatting): a figure follows the active language on every
page, the report document stays Vietnamese, dates read dd/mm/yyyy in both languages."""

from __future__ import annotations

import datetime as dt
import subprocess
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from common.formatting import (
    DASH,
    format_change,
    format_count,
    format_date,
    format_datetime,
    format_figure,
    format_moment,
    format_number,
    format_rate,
    format_vnd,
)
from finance.models import InvestmentLine
from reports.models import RenderedDocument
from reports.rendering.services import document_render
from reports.services import report_get_or_create
from tests.factories import PASSWORD

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
INDICATORS = "/u/21073/2023/indicators/"
INVEST = "/u/21073/2023/finance/investment/"


# --- the module ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "count", "rate", "number"),
    [("vi", "1.962", "99,05%", "1.005,8"), ("en", "1,962", "99.05%", "1,005.8")],
)
def test_numbers_follow_the_active_language(language, count, rate, number):
    with translation.override(language):
        assert format_count(1962) == count
        assert format_figure(1962, "count") == count
        assert format_rate(Decimal("99.05")) == rate
        assert format_figure("99.05", "percent") == rate
        assert format_number(1005.8) == number


def test_vnd_and_fixed_places_in_both_languages():
    with translation.override("vi"):
        assert format_vnd(5158000) == "5.158.000"
        assert format_number("1029.70") == "1.029,7"
        assert format_number("97.70", 1) == "97,7"
        assert format_number(-1234567) == "-1.234.567"
    with translation.override("en"):
        assert format_vnd(5158000) == "5,158,000"
        assert format_figure(278399000, "vnd") == "278,399,000"
        assert format_number("1029.70") == "1,029.7"


def test_rates_keep_the_registrys_two_places_without_re_rounding():
    with translation.override("vi"):
        assert format_rate("43.6") == "43,60%"
        assert format_rate(Decimal("100.00")) == "100%"  # officials drop ",00" only
        assert format_rate(Decimal("0.01")) == "0,01%"
        assert format_rate(Decimal("99.99")) == "99,99%"  # not 100,00%


def test_a_missing_value_is_a_dash_in_every_language():
    for language in ("vi", "en"):
        with translation.override(language):
            for fn in (format_count, format_vnd, format_rate, format_number, format_date):
                assert fn(None) == DASH
            assert format_datetime(None) == DASH
            assert format_figure(None, "percent") == DASH
            assert format_date(None, default="") == ""


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_read_dd_mm_yyyy_in_both_languages(language):
    with translation.override(language):
        assert format_date(dt.date(2024, 1, 5)) == "05/01/2024"
        moment = dt.datetime(2024, 1, 5, 1, 30, 9, tzinfo=dt.UTC)  # 08:30 in Hà Nội
        assert format_datetime(moment) == "05/01/2024 08:30"
        assert format_datetime(moment, seconds=True, offset=True) == "05/01/2024 08:30:09 +07:00"
        assert format_date(moment) == "05/01/2024"
        assert format_datetime(dt.datetime(2024, 12, 31, 23, 5)) == "31/12/2024 23:05"  # naive
        assert format_moment(dt.datetime(2024, 1, 5, tzinfo=HCM), tz=HCM) == "05/01/2024"
        assert (
            format_moment(dt.datetime(2024, 1, 5, 9, 0, tzinfo=HCM), tz=HCM) == "05/01/2024 09:00"
        )


def test_change_against_last_year():
    with translation.override("vi"):
        assert format_change(1962, 1767, "count") == "+195"
        assert format_change(2962, 1000, "count") == "+1.962"
        assert format_change(Decimal("99.05"), Decimal("98.54"), "percent") == "+0,51 điểm %"
        assert format_change(3, 3, "count") == "0"
        assert format_change(None, 3, "count") == DASH


# --- pages: the same figure, the same style ------------------------------------------------


def _seed_investment(cast) -> None:
    InvestmentLine.objects.create(
        unit=cast.commune_a,
        period=cast.period,
        project="Đường liên xã",
        allocated=1_962_000,
        disbursed=1_943_361,  # 99,05% of the allocation
        as_of=dt.date(2023, 10, 31),
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "amount", "rate", "other"),
    [("vi", "1.962.000", "99,05%", "1,962,000"), ("en", "1,962,000", "99.05%", "1.962.000")],
)
def test_the_same_figure_reads_the_same_on_the_indicators_page_and_a_list_s_totals(
    cast, client, language, amount, rate, other
):
    _seed_investment(cast)
    client.login(username=cast.clerk_a.username, password=PASSWORD)
    if language == "en":
        assert client.post("/i18n/setlang/", {"language": "en", "next": "/"}).status_code == 302
    for url in (INDICATORS, INVEST):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'lang="{language}"' in html
        assert amount in html, url
        assert rate in html, url
        assert other not in html, url


@pytest.mark.django_db
def test_a_pdf_exported_from_the_english_interface_prints_vietnamese_figures_and_dates(
    cast, client, django_capture_on_commit_callbacks
):
    _seed_investment(cast)
    client.login(username=cast.clerk_a.username, password=PASSWORD)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/u/21073/2023/report/export/pdf/")
    assert response.status_code == 200
    doc = RenderedDocument.objects.get(report__unit=cast.commune_a, report__period=cast.period)
    with doc.file.open("rb") as fh:
        data = fh.read()
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode("utf-8")
    assert "1.962.000" in text and "99,05%" in text
    assert "1,962,000" not in text and "99.05%" not in text


@pytest.mark.django_db
def test_a_docx_rendered_while_english_is_active_prints_vietnamese_figures(cast):
    from io import BytesIO

    from docx import Document

    _seed_investment(cast)
    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    with translation.override("en"):
        doc = document_render(report=report, fmt="docx", by=cast.clerk_a)
    with doc.file.open("rb") as fh:
        document = Document(BytesIO(fh.read()))
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert "1.962.000" in cells and "99,05%" in cells
    assert "1,962,000" not in cells
