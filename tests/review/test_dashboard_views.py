"""The dashboard pages through the test client: who may see them, server-side sorting, targets
highlighted, completeness, the charts, the export, bulk acceptance and the targets form."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from orgs.models import Role
from reports.models import IndicatorSnapshot, Report, ReportState
from reports.snapshots import snapshot_refresh
from review.comparison import KEY_CODES
from review.models import IndicatorTarget
from tests.factories import PASSWORD, PeriodFactory, member
from tests.helpers.dossiers import dossier, local, make
from tests.review.conftest import move
from tthc.models import DossierStatus

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def _client(user) -> Client:
    c = Client()
    assert c.login(username=user.username, password=PASSWORD)
    return c


def _url(cast, name="review_dashboard", unit=None) -> str:
    return reverse(name, args=[(unit or cast.district).code, cast.period.code])


@pytest.fixture
def figures(cast):
    """A: 2 resolved, 1 on time (50 %); B: 1 resolved on time (100 %)."""

    def resolved(unit, day):
        return dossier(
            unit,
            received=local(2023, 3, 1),
            status=DossierStatus.RESOLVED,
            resolved=local(2023, 3, day),
        )

    make(resolved(cast.commune_a, 2), resolved(cast.commune_a, 25), resolved(cast.commune_b, 2))
    for u in (cast.commune_a, cast.commune_b):
        snapshot_refresh(unit=u, period=cast.period)
    return cast


def _rows(html: str) -> list[str]:
    body = html.split('id="comparison-table"', 1)[1].split("<tfoot>", 1)[0]
    return re.findall(r'<tr data-unit="(\d+)"', body)


def _cell(html: str, unit_code: str, code: str) -> tuple[bool, str]:
    """(below target?, text) of one figure: the row's figure cells follow the header order."""
    row = re.search(rf'<tr data-unit="{unit_code}">(.*?)</tr>', html, re.S)[1]
    cells = re.findall(r'<td class="num( below-target)?">([^<]*)', row)
    return bool(cells[KEY_CODES.index(code)][0]), cells[KEY_CODES.index(code)][1].strip()


def test_only_reviewers_of_the_unit_or_an_ancestor_see_the_dashboard(cast):
    province_reviewer = member("reviewer.p", cast.province, Role.REVIEWER)
    assert _client(cast.reviewer).get(_url(cast)).status_code == 200
    assert _client(province_reviewer).get(_url(cast)).status_code == 200
    assert _client(cast.admin).get(_url(cast)).status_code == 200
    # in scope but not a reviewer: 403; outside the scope: 404
    district_clerk = member("clerk.d", cast.district, Role.CLERK)
    assert _client(district_clerk).get(_url(cast)).status_code == 403
    assert _client(cast.approver_a).get(_url(cast, unit=cast.commune_a)).status_code == 403
    assert _client(cast.other_reviewer).get(_url(cast)).status_code == 404
    assert _client(cast.clerk_a).get(_url(cast)).status_code == 404
    for name in ("review_dashboard_export", "review_dashboard_targets"):
        assert _client(district_clerk).get(_url(cast, name)).status_code == 403
    report = move(cast, cast.commune_a, "submit")
    r = _client(district_clerk).post(_url(cast, "review_dashboard_accept"), {"report": report.pk})
    assert r.status_code == 403
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_the_reviewer_navigation_links_to_the_dashboard(cast):
    workspace = reverse("workspace", args=[cast.district.code, cast.period.code])
    assert _url(cast) in _client(cast.reviewer).get(workspace).content.decode()
    district_clerk = member("clerk.d", cast.district, Role.CLERK)
    assert _url(cast) not in _client(district_clerk).get(workspace).content.decode()


def test_sorting_on_the_server_by_query_parameter(figures):
    cast = figures
    c = _client(cast.reviewer)
    html = c.get(_url(cast), {"sort": "tthc.on_time_rate", "dir": "desc"}).content.decode()
    assert _rows(html) == [cast.commune_b.code, cast.commune_a.code]
    assert re.search(r'aria-sort="descending" data-key="tthc.on_time_rate"', html)
    html = c.get(_url(cast), {"sort": "tthc.on_time_rate", "dir": "asc"}).content.decode()
    assert _rows(html) == [cast.commune_a.code, cast.commune_b.code]
    assert re.search(r'aria-sort="ascending" data-key="tthc.on_time_rate"', html)
    # the parent's total row is the district's own snapshot: 2 of 3 on time
    foot = html.split("<tfoot>", 1)[1]
    assert 'data-unit="524"' in foot and "66,67%" in foot
    # an unknown sort key falls back to the names
    html = c.get(_url(cast), {"sort": "drop table"}).content.decode()
    assert _rows(html) == [cast.commune_a.code, cast.commune_b.code]


def test_values_below_the_target_are_highlighted(figures):
    cast = figures
    IndicatorTarget.objects.create(unit=cast.district, code="tthc.on_time_rate", value=80)
    html = _client(cast.reviewer).get(_url(cast)).content.decode()
    assert _cell(html, cast.commune_a.code, "tthc.on_time_rate") == (True, "50%")
    assert _cell(html, cast.commune_b.code, "tthc.on_time_rate") == (False, "100%")
    assert _cell(html, cast.commune_a.code, "tthc.total") == (False, "2")
    assert "1 ô dưới mục tiêu" in html


def test_completeness_counts_and_rates_per_state(cast):
    move(cast, cast.commune_a, "submit", "accept")
    html = _client(cast.reviewer).get(_url(cast)).content.decode()
    assert re.search(r'data-kpi="expected">2<', html)
    assert re.search(r'data-kpi="submitted">1 <span class="muted">\(50%\)', html)
    states = dict(re.findall(r'<tr data-state="(\w+)">.*?<td class="num">(\d+)</td>', html, re.S))
    assert states == {
        "draft": "1",
        "submitted": "0",
        "returned": "0",
        "accepted": "1",
        "signed": "0",
    }


def test_the_bar_chart_follows_the_chosen_indicator_and_the_trend_one_unit(figures):
    cast = figures
    earlier = PeriodFactory(code="2022", start="2021-12-15", end="2022-10-31", deadline=None)
    IndicatorSnapshot.objects.create(
        unit=cast.commune_b,
        period=earlier,
        values={"tthc.total": 7},
        computed_at=IndicatorSnapshot.objects.first().computed_at,
    )
    html = (
        _client(cast.reviewer)
        .get(_url(cast), {"chart": "tthc.total", "trend": cast.commune_b.code})
        .content.decode()
    )
    bar = ET.fromstring(
        re.search(r'<figure class="chart" id="bar-chart">(.*?)</figure>', html, re.S)[1]
    )
    bars = {
        g.get("data-key"): g.get("data-value") for g in bar.iter(SVG + "g") if g.get("data-key")
    }
    assert bars == {cast.commune_a.code: "2", cast.commune_b.code: "1"}
    trend = ET.fromstring(
        re.search(r'<figure class="chart" id="trend-chart">(.*?)</figure>', html, re.S)[1]
    )
    points = [
        (g.get("data-label"), g.get("data-value"))
        for g in trend.iter(SVG + "g")
        if g.get("data-label")
    ]
    assert points == [("2022", "7"), ("2023", "1")]


def test_export_downloads_the_sorted_table(figures):
    cast = figures
    r = _client(cast.reviewer).get(
        _url(cast, "review_dashboard_export"), {"sort": "tthc.on_time_rate", "dir": "desc"}
    )
    assert r.status_code == 200
    assert r["Content-Disposition"].endswith('.xlsx"')
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert [row[0] for row in rows] == [
        cast.commune_b.code,
        cast.commune_a.code,
        cast.district.code,
    ]
    assert rows[0][3] == 100 and rows[1][3] == 50


def test_bulk_accept_from_the_page_skips_the_report_with_errors(figures):
    cast = figures
    a = move(cast, cast.commune_a, "submit")
    b = move(cast, cast.commune_b, "submit")
    snap = IndicatorSnapshot.objects.get(unit=cast.commune_b, period=cast.period)
    snap.validation = [{"rule": "r", "severity": "error", "message": "Sai", "codes": []}]
    snap.save()
    c = _client(cast.reviewer)
    html = c.get(_url(cast)).content.decode()
    # only the report without errors offers a checkbox
    assert f'name="report" value="{a.pk}"' in html and f'value="{b.pk}"' not in html
    r = c.post(_url(cast, "review_dashboard_accept"), {"report": [a.pk, b.pk]}, follow=True)
    text = r.content.decode()
    assert "Đã tiếp nhận 1 báo cáo: Xã Bình Phước." in text
    assert "Bỏ qua Xã Bình Trị: còn 1 lỗi số liệu chưa sửa." in text
    assert dict(Report.objects.values_list("unit__code", "state")) == {
        cast.commune_a.code: ReportState.ACCEPTED,
        cast.commune_b.code: ReportState.SUBMITTED,
    }


def test_bulk_accept_with_nothing_chosen_says_so(cast):
    r = _client(cast.reviewer).post(
        _url(cast, "review_dashboard_accept"), {"report": "x"}, follow=True
    )
    assert "Chưa chọn báo cáo nào" in r.content.decode()


def test_the_targets_form_sets_a_target_and_refuses_bad_input(cast):
    c = _client(cast.reviewer)
    assert c.get(_url(cast, "review_dashboard_targets")).status_code == 200
    r = c.post(_url(cast, "review_dashboard_targets"), {"tthc.on_time_rate": "-5"})
    assert r.status_code == 200 and not IndicatorTarget.objects.exists()
    r = c.post(
        _url(cast, "review_dashboard_targets"),
        {"tthc.on_time_rate": "85,5", "this_period_only": "on"},
    )
    assert r.status_code == 302
    t = IndicatorTarget.objects.get()
    assert (t.unit, t.code, t.value, t.period) == (
        cast.district,
        "tthc.on_time_rate",
        Decimal("85.5"),
        cast.period,
    )


def test_the_cached_page_follows_every_change_at_once(figures):
    cast = figures
    c = _client(cast.reviewer)

    def on_time_cell(html, code):
        return _cell(html, code, "tthc.on_time_rate")

    html = c.get(_url(cast)).content.decode()
    assert on_time_cell(html, cast.commune_a.code) == (False, "50%")
    # a target set: highlighted on the next view
    IndicatorTarget.objects.create(unit=cast.district, code="tthc.on_time_rate", value=80)
    html = c.get(_url(cast)).content.decode()
    assert on_time_cell(html, cast.commune_a.code) == (True, "50%")
    # new figures: the refreshed snapshot shows
    make(
        dossier(
            cast.commune_a,
            received=local(2023, 3, 1),
            status=DossierStatus.RESOLVED,
            resolved=local(2023, 3, 2),
        )
    )
    snapshot_refresh(unit=cast.commune_a, period=cast.period)
    html = c.get(_url(cast)).content.decode()
    assert on_time_cell(html, cast.commune_a.code) == (True, "66,67%")
    # a report submitted: its state and the completeness change
    move(cast, cast.commune_a, "submit")
    html = c.get(_url(cast)).content.decode()
    assert re.search(r'data-kpi="submitted">1 ', html)
    assert re.search(rf'<tr data-unit="{cast.commune_a.code}">.*?state-submitted', html, re.S)
