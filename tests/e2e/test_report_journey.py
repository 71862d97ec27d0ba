"""Browser journey: a clerk edits a section with a live preview, saves it, exports the PDF
(rendered by a real Celery worker) and gets the download link."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from reports.models import NarrativeSection, RenderedDocument
from tests.helpers.browser import click_to_load
from tests.helpers.documents import load_seed_commune

pytestmark = [pytest.mark.browser, pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_clerk_edits_the_narrative_and_exports_the_pdf(
    live_server, browser_login, cast, celery_worker
):
    load_seed_commune(cast)
    driver = browser_login("clerk.a")
    driver.get(live_server.url + "/u/21073/2023/")
    click_to_load(driver, driver.find_element(By.LINK_TEXT, "Soạn báo cáo"))
    wait = WebDriverWait(driver, 30)
    section = driver.find_element(By.ID, "sec-strengths")
    assert "III.1. Ưu điểm" in section.find_element(By.TAG_NAME, "h2").text
    editor = section.find_element(By.CSS_SELECTOR, "textarea.editor")
    editor.clear()
    editor.send_keys("Tỷ lệ giải quyết đúng hạn đạt {{ tthc.on_time_rate }}.")
    wait.until(
        EC.text_to_be_present_in_element(
            (By.ID, "preview-strengths"), "Tỷ lệ giải quyết đúng hạn đạt 99,05%."
        )
    )
    section.find_element(By.CSS_SELECTOR, "button[value=save]").click()
    wait.until(EC.presence_of_element_located((By.CLASS_NAME, "msg-success")))
    assert NarrativeSection.objects.get(key="strengths").text.endswith("{{ tthc.on_time_rate }}.")

    driver.find_element(By.XPATH, "//button[normalize-space()='Xuất PDF']").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#jobs progress")))
    link = WebDriverWait(driver, 90).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "#jobs .job-done a.button"))
    )
    doc = RenderedDocument.objects.get()
    assert link.get_attribute("href").endswith(f"/u/21073/2023/report/files/{doc.pk}/")
    assert doc.pages >= 5 and len(doc.sha256) == 64
