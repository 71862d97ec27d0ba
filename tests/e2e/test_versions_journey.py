"""A reviewer, in headless Chromium, opens a resubmitted report, follows the workspace's link to
what changed since the previous submission, reads the changed figure and the highlighted text
diff, and accepts exactly that version."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.conf import settings
from selenium.webdriver.common.by import By

from reports.models import NarrativeSection, ReportState, ReportTransition
from reports.services import report_get_or_create, report_transition
from tests.helpers.browser import click_to_load, find
from tests.helpers.documents import load_seed_commune
from tthc.models import Dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _resubmitted(cast):
    load_seed_commune(cast)
    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    report = report_transition(report=report, name="submit", by=cast.approver_a)
    report = report_transition(report=report, name="return", by=cast.reviewer, comment="Sửa II.2")
    extra = Dossier.objects.filter(unit=cast.commune_a).order_by("pk").first()
    extra.pk = extra.id = None
    extra.code = "LATE-1"
    extra.received_at = dt.datetime(2023, 6, 1, 9, tzinfo=dt.UTC)
    extra.save()
    NarrativeSection.objects.update_or_create(
        unit=cast.commune_a,
        period=cast.period,
        key="direction",
        defaults={"text": "UBND xã đã ban hành Kế hoạch số 18/KH-UBND."},
    )
    return report_transition(report=report, name="submit", by=cast.approver_a)


def test_the_reviewer_sees_what_changed_and_accepts_that_version(live_server, browser_login, cast):
    report = _resubmitted(cast)
    driver = browser_login("reviewer.d")
    driver.get(f"{live_server.url}/u/{cast.commune_a.code}/{cast.period.code}/")
    link = find(driver, By.LINK_TEXT, "Thay đổi so với lần gửi trước")
    click_to_load(driver, link)
    assert find(driver, By.TAG_NAME, "h1").text == "Lần gửi 2 so với lần 1"
    rows = driver.find_elements(By.CSS_SELECTOR, "#figures-changed tbody tr")
    total = [r.text for r in rows if "tthc.total" in r.text]
    assert total, [r.text for r in rows]
    inserted = driver.find_element(By.CSS_SELECTOR, "#diff-direction ins")
    assert "Kế hoạch" in driver.find_element(By.ID, "diff-direction").text
    assert inserted.value_of_css_property("background-color") == "rgba(215, 245, 221, 1)"
    assert driver.find_elements(By.CSS_SELECTOR, "#diff-direction del")
    if os.environ.get("CCHC_SCREENSHOTS"):  # the README's picture of the page
        driver.set_window_size(1280, 1400)
        driver.save_screenshot(str(Path(settings.BASE_DIR) / "docs/images/version-diff.png"))

    driver.get(f"{live_server.url}/u/{cast.commune_a.code}/{cast.period.code}/")
    accept = find(driver, By.CSS_SELECTOR, "button[value=accept]")
    click_to_load(driver, accept)
    assert find(driver, By.ID, "report-state").text == "Đã tiếp nhận"
    report.refresh_from_db()
    assert report.state == ReportState.ACCEPTED
    step = ReportTransition.objects.get(report=report, to_state=ReportState.ACCEPTED)
    assert step.version_number == 2
