"""Browser journey of issue 11, 3: the reviewer comments beside one figure and returns the
report; the commune sees the banner on the report's pages and the comment beside the figure,
marks it addressed with a reply; the reviewer sees it addressed."""

from __future__ import annotations

import pytest
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from reports.models import Report, ReportComment, ReportState
from reports.services import report_transition
from tests.helpers.browser import find, page_loaded

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def click_to_load(driver, element) -> None:
    """tests.helpers.browser.click_to_load, also riding out chromedriver's «Node with given id
    does not belong to the document» (a WebDriverException) while the old page goes away."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    wait = WebDriverWait(
        driver, 10, ignored_exceptions=[StaleElementReferenceException, WebDriverException]
    )
    wait.until(EC.staleness_of(page))
    wait.until(page_loaded)


def test_reviewer_comments_on_a_figure_and_the_commune_addresses_it(
    live_server, browser_login, cast
):
    report = Report.objects.create(unit=cast.commune_a, period=cast.period)
    report_transition(report=report, name="submit", by=cast.approver_a)
    base = live_server.url + "/u/21073/2023/"

    driver = browser_login("reviewer.d")
    driver.get(base + "indicators/")
    row = find(driver, By.ID, "ind-tthctotal")
    row.find_element(By.CSS_SELECTOR, ".comment-new summary").click()
    row.find_element(By.CSS_SELECTOR, ".comment-new textarea").send_keys("Số hồ sơ chưa khớp sổ")
    click_to_load(driver, row.find_element(By.CSS_SELECTOR, ".comment-new button"))
    assert driver.current_url.endswith("/u/21073/2023/indicators/")
    assert "Số hồ sơ chưa khớp sổ" in find(driver, By.ID, "ind-tthctotal").text
    # Return with the reason box left empty: the comment on the figure is the reason.
    driver.get(base)
    click_to_load(driver, driver.find_element(By.CSS_SELECTOR, "button[value=return]"))
    assert find(driver, By.ID, "report-state").text == "Bị trả lại"
    report.refresh_from_db()
    assert report.state == ReportState.RETURNED

    driver.delete_all_cookies()
    driver = browser_login("clerk.a")
    for page in ("", "indicators/", "report/", "comments/"):
        driver.get(base + page)
        banner = find(driver, By.ID, "returned-banner")
        assert "Báo cáo bị trả lại: 1 ý kiến chưa xử lý" in banner.text, page
    driver.get(base + "indicators/")
    row = find(driver, By.ID, "ind-tthctotal")
    assert "Số hồ sơ chưa khớp sổ" in row.text and "Chưa xử lý" in row.text
    row.find_element(By.CSS_SELECTOR, ".comment-address textarea").send_keys("Đã đối chiếu sổ")
    click_to_load(driver, row.find_element(By.CSS_SELECTOR, ".comment-address button"))
    row = find(driver, By.ID, "ind-tthctotal")
    assert "Đã xử lý" in row.text and "Đã đối chiếu sổ" in row.text
    assert "mọi ý kiến đã được xử lý" in find(driver, By.ID, "returned-banner").text
    c = ReportComment.objects.get()
    assert c.addressed_by == cast.clerk_a and c.reply == "Đã đối chiếu sổ"

    report_transition(report=report, name="submit", by=cast.approver_a)
    driver.delete_all_cookies()
    driver = browser_login("reviewer.d")
    driver.get(base + "comments/")
    version = find(driver, By.CSS_SELECTOR, ".comments-version[data-version='1']")
    assert "1 đã xử lý, 0 chưa xử lý" in version.text
    assert "Đã đối chiếu sổ" in version.text
    assert not driver.find_elements(By.ID, "returned-banner")
