"""The reviewer's dashboard in headless Chromium: reached from the sub-navigation, sorted by a
click on a column heading (on the server), the chart drawn with one bar per commune, a value
below target highlighted, and two reports accepted in bulk with the one with errors skipped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC

from orgs.models import Role
from reports.models import IndicatorSnapshot, Report, ReportState
from reports.services import report_get_or_create, report_transition
from reports.snapshots import snapshot_refresh
from review.models import IndicatorTarget
from tests.factories import UnitFactory, member
from tests.helpers.browser import click_to_load, find, wait
from tests.helpers.dossiers import dossier, local, make
from tthc.models import DossierStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _resolved(unit, day):
    return dossier(
        unit,
        received=local(2023, 3, 1),
        status=DossierStatus.RESOLVED,
        resolved=local(2023, 3, day),
    )


def _submit(cast, unit):
    from tests.helpers.sending import name_signer

    name_signer(unit, cast.period)  # a report without a signer cannot be sent
    approver = member(f"approver.{unit.code}", unit, Role.APPROVER)
    report = report_get_or_create(unit=unit, period=cast.period)
    return report_transition(report=report, name="submit", by=approver)


def _rows(driver) -> list[str]:
    return [
        tr.get_attribute("data-unit")
        for tr in driver.find_elements(By.CSS_SELECTOR, "#comparison-table tbody tr")
    ]


def test_reviewer_sorts_reads_the_chart_and_accepts_in_bulk(live_server, browser_login, cast):
    third = UnitFactory(code="21062", name="Xã Bình Thạnh", parent=cast.district)
    # on-time rates: A 50 %, B 100 %, third 0 %
    make(
        _resolved(cast.commune_a, 2),
        _resolved(cast.commune_a, 25),
        _resolved(cast.commune_b, 2),
        _resolved(third, 25),
    )
    for u in (cast.commune_a, cast.commune_b, third):
        snapshot_refresh(unit=u, period=cast.period)
    IndicatorTarget.objects.create(unit=cast.district, code="tthc.on_time_rate", value=60)
    a = _submit(cast, cast.commune_a)
    b = _submit(cast, cast.commune_b)
    _submit(cast, third)
    snap = IndicatorSnapshot.objects.get(unit=third, period=cast.period)
    snap.validation = [{"rule": "r", "severity": "error", "message": "Sai", "codes": []}]
    snap.save()

    driver = browser_login("reviewer.d")
    driver.get(f"{live_server.url}/u/{cast.district.code}/{cast.period.code}/")
    link = find(driver, By.LINK_TEXT, "Bảng điều khiển")
    click_to_load(driver, link)
    assert "/dashboard/" in driver.current_url
    assert _rows(driver) == [cast.commune_a.code, third.code, cast.commune_b.code]  # by name

    # sort by the on-time rate: the first click sorts descending, the second ascending
    heading = driver.find_element(By.CSS_SELECTOR, 'th[data-key="tthc.on_time_rate"] a')
    click_to_load(driver, heading)
    assert _rows(driver) == [cast.commune_b.code, cast.commune_a.code, third.code]
    th = driver.find_element(By.CSS_SELECTOR, 'th[data-key="tthc.on_time_rate"]')
    assert th.get_attribute("aria-sort") == "descending"
    click_to_load(driver, th.find_element(By.TAG_NAME, "a"))
    assert _rows(driver) == [third.code, cast.commune_a.code, cast.commune_b.code]

    # below the 60 % target: A and the third commune, highlighted
    column = [
        th.get_attribute("data-key")
        for th in driver.find_elements(By.CSS_SELECTOR, "#comparison-table thead th[data-key]")
    ].index("tthc.on_time_rate")  # the unit's name is column 0, as the <th> of each row
    flagged = [
        tr.get_attribute("data-unit")
        for tr in driver.find_elements(By.CSS_SELECTOR, "#comparison-table tbody tr")
        if "below-target"
        in tr.find_elements(By.CSS_SELECTOR, "td.num")[column - 1].get_attribute("class")
    ]
    assert sorted(flagged) == sorted([cast.commune_a.code, third.code])
    bg = driver.find_element(By.CSS_SELECTOR, "td.below-target").value_of_css_property(
        "background-color"
    )
    assert bg != "rgba(0, 0, 0, 0)"

    # the chart follows the sort column: one drawn bar per commune, widths in proportion
    bars = driver.find_elements(By.CSS_SELECTOR, "#bar-chart svg g.bar")
    assert [g.get_attribute("data-key") for g in bars] == _rows(driver)
    widths = {
        g.get_attribute("data-key"): driver.execute_script(
            "return arguments[0].querySelector('rect').getBBox().width", g
        )
        for g in bars
    }
    assert widths[third.code] == 0
    assert abs(widths[cast.commune_a.code] * 2 - widths[cast.commune_b.code]) < 1
    assert len(driver.find_elements(By.CSS_SELECTOR, "#trend-chart svg g.point")) == 1

    if os.environ.get("CCHC_SCREENSHOTS"):
        out = Path(os.environ["CCHC_SCREENSHOTS"])
        out.mkdir(parents=True, exist_ok=True)
        driver.set_window_size(1280, 2400)
        driver.save_screenshot(str(out / "dashboard.png"))

    # the commune with an open error offers no checkbox; accept the two others
    boxes = driver.find_elements(By.CSS_SELECTOR, 'input[name="report"]')
    assert sorted(int(x.get_attribute("value")) for x in boxes) == sorted([a.pk, b.pk])
    for box in boxes:
        box.click()
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.CSS_SELECTOR, "#bulk-accept button[type=submit]").click()
    wait(driver).until(EC.alert_is_present()).accept()  # the confirmation says what happens
    wait(driver).until(EC.staleness_of(page))
    message = find(driver, By.CSS_SELECTOR, ".msg-success").text
    assert "Đã tiếp nhận 2 báo cáo" in message
    states = dict(
        Report.objects.filter(unit__parent=cast.district).values_list("unit__code", "state")
    )
    assert states == {
        cast.commune_a.code: ReportState.ACCEPTED,
        cast.commune_b.code: ReportState.ACCEPTED,
        third.code: ReportState.SUBMITTED,
    }
    badges = {
        tr.get_attribute("data-unit"): tr.find_element(By.CSS_SELECTOR, ".badge").text
        for tr in driver.find_elements(By.CSS_SELECTOR, "#comparison-table tbody tr")
    }
    assert badges[cast.commune_a.code] == "Đã tiếp nhận"
