"""Browser journey (issue 12 point 1): the editor shows a typed figure that contradicts its
indicator as an error with a one-click fix; the clerk clicks it and the section prints the
records' count through its placeholder."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from reports.models import NarrativeSection
from tests.helpers.browser import click_to_load
from tests.helpers.documents import load_seed_commune

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_fixes_a_contradicting_figure_with_one_click(live_server, browser_login, cast):
    load_seed_commune(cast)
    NarrativeSection.objects.update_or_create(
        unit=cast.commune_a,
        period=cast.period,
        key="limitations",
        defaults={"text": "Trong năm, có 17 hồ sơ trễ hạn trên hệ thống.", "version": 1},
    )
    driver = browser_login("clerk.a")
    driver.get(live_server.url + "/u/21073/2023/report/")
    section = driver.find_element(By.ID, "sec-limitations")
    finding = section.find_element(By.CSS_SELECTOR, ".msg-error.finding-fix")
    assert "«17 hồ sơ trễ hạn»" in finding.text and "= 18" in finding.text
    click_to_load(driver, finding.find_element(By.CSS_SELECTOR, "button[value=fix]"))
    WebDriverWait(driver, 30).until(EC.presence_of_element_located((By.CLASS_NAME, "msg-success")))
    section = driver.find_element(By.ID, "sec-limitations")
    assert "có 18 hồ sơ trễ hạn" in section.find_element(By.CLASS_NAME, "preview-doc").text
    assert not section.find_elements(By.CSS_SELECTOR, ".msg-error")
    text = NarrativeSection.objects.get(key="limitations").text
    assert text == "Trong năm, có {{ tthc.resolved_late }} hồ sơ trễ hạn trên hệ thống."
