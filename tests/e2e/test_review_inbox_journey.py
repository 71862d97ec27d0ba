"""Browser journey of issue 11 points 1 and 6: the approver submits through the confirmation
page (which says what will happen) and the message names the new state; the reviewer finds the
report in the inbox's «Chờ duyệt», returns it with a reason, then accepts the resubmission; the
approver's sign page refuses a document without a number and a date of issue."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By

from reports.models import Report, ReportState, ReportTransition
from tests.helpers.browser import click_to_load as _click_to_load
from tests.helpers.sending import ready_to_send

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def click_to_load(driver, element) -> None:
    # Submitting recomputes the figures: generous on a loaded machine.
    _click_to_load(driver, element, timeout=60)


def flash(driver) -> list[str]:
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, "ul.messages li")]


def button(driver, text: str):
    return driver.find_element(By.XPATH, f"//button[normalize-space()='{text}']")


def confirm_transition(driver, label: str, expected_text: str, comment: str = "") -> None:
    """From the workspace: the action's button, then the confirmation page, then «Xác nhận»."""
    click_to_load(driver, button(driver, label))
    assert "/confirm/" in driver.current_url
    assert expected_text in driver.find_element(By.ID, "what-happens").text
    if comment:
        driver.find_element(By.NAME, "comment").send_keys(comment)
    click_to_load(driver, button(driver, f"Xác nhận: {label}"))


def test_submit_review_return_accept_with_confirmations(live_server, browser_login, cast):
    url = live_server.url + "/u/21073/2023/"
    ready_to_send(cast.commune_a, cast.period)  # a signer; warnings (figures not entered) explained
    driver = browser_login("approver.a")
    driver.get(url)
    click_to_load(driver, button(driver, "Gửi báo cáo"))
    # The confirmation changes nothing: cancel goes back, still a draft.
    assert "Đang soạn → Đã gửi" in driver.find_element(By.ID, "state-change").text
    click_to_load(driver, driver.find_element(By.LINK_TEXT, "Hủy"))
    assert driver.find_element(By.ID, "report-state").text == "Đang soạn"
    assert not ReportTransition.objects.exists()
    confirm_transition(driver, "Gửi báo cáo", "Sau khi gửi, số liệu kỳ này bị khóa")
    assert flash(driver) == ["Đã gửi báo cáo. Trạng thái mới: «Đã gửi» — số liệu kỳ này đã khóa."]
    assert driver.find_element(By.ID, "report-state").text == "Đã gửi"

    driver = browser_login("reviewer.d")
    waiting = driver.find_element(By.ID, "group-submitted")
    assert "Xã Bình Phước" in waiting.text
    assert "Xã Bình Trị" in driver.find_element(By.ID, "group-draft").text
    click_to_load(driver, waiting.find_element(By.LINK_TEXT, "Duyệt"))
    assert driver.current_url == url
    confirm_transition(driver, "Trả lại", "Báo cáo được trả lại cho đơn vị", "Thiếu giải trình")
    assert flash(driver) == ["Đã trả lại báo cáo cho đơn vị. Trạng thái mới: «Bị trả lại»."]
    driver.get(live_server.url + "/?state=returned")
    assert "Xã Bình Phước" in driver.find_element(By.ID, "group-returned").text
    assert not driver.find_elements(By.ID, "group-submitted")

    driver = browser_login("approver.a")
    driver.get(url)
    confirm_transition(driver, "Gửi báo cáo", "Sau khi gửi, số liệu kỳ này bị khóa")
    driver = browser_login("reviewer.d")
    row = driver.find_element(By.CSS_SELECTOR, "#group-submitted tr[data-unit='21073']")
    assert row.find_elements(By.TAG_NAME, "td")[2].text == "2"  # the second submission
    click_to_load(driver, row.find_element(By.LINK_TEXT, "Duyệt"))
    confirm_transition(driver, "Tiếp nhận", "Sau khi tiếp nhận, báo cáo không trả lại được nữa")
    assert flash(driver) == ["Đã tiếp nhận báo cáo. Trạng thái mới: «Đã tiếp nhận»."]
    assert Report.objects.get(unit=cast.commune_a).state == ReportState.ACCEPTED

    # No number or date of issue: the sign page says so and offers no form.
    driver = browser_login("approver.a")
    driver.get(url + "report/sign/")
    assert (
        "Chưa ký số được: báo cáo chưa có số văn bản và ngày ban hành."
        in driver.find_element(By.ID, "sign-refused").text
    )
    assert not driver.find_elements(By.NAME, "certificate")
    assert Report.objects.get(unit=cast.commune_a).state == ReportState.ACCEPTED
