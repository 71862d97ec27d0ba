"""A clerk keeps the staff list in a real browser: adds a person and sees the totals change,
edits, reads the history; a stale edit made after another session's save is refused."""

import pytest
from django.test import Client
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from staff.models import Person
from tests.helpers.browser import click_to_load, find, wait

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_person(driver, name: str, position: str) -> None:
    driver.find_element(By.NAME, "full_name").clear()
    driver.find_element(By.NAME, "full_name").send_keys(name)
    Select(driver.find_element(By.NAME, "category")).select_by_visible_text("Công chức")
    driver.find_element(By.NAME, "position").clear()
    driver.find_element(By.NAME, "position").send_keys(position)
    Select(driver.find_element(By.NAME, "education")).select_by_visible_text("Đại học")
    Select(driver.find_element(By.NAME, "political_theory")).select_by_visible_text("Trung cấp")


def totals_text(driver) -> str:
    return driver.find_element(By.ID, "totals").text


def test_clerk_adds_edits_and_reads_history_and_a_stale_edit_is_refused(
    live_server, browser_login, cast
):
    driver = browser_login("clerk.a")
    driver.get(live_server.url + "/u/21073/2023/staff/people/")
    assert "Tổng số: 0" in totals_text(driver)

    # Add a person with "save and add another": the form stays, the totals refresh (htmx).
    click_to_load(driver, driver.find_element(By.ID, "add-record"))
    fill_person(driver, "Nguyễn Thị Hoa", "Công chức Tư pháp - Hộ tịch")
    driver.find_element(By.NAME, "save_add").click()
    find(driver, By.ID, "saved-message")
    wait(driver).until(lambda d: "Tổng số: 1" in totals_text(d))
    assert "Công chức: 1" in totals_text(driver)
    assert driver.find_element(By.NAME, "full_name").get_attribute("value") == ""

    # Back to the list, open the person, change the position.
    driver.get(live_server.url + "/u/21073/2023/staff/people/")
    click_to_load(driver, driver.find_element(By.LINK_TEXT, "Nguyễn Thị Hoa"))
    position = driver.find_element(By.NAME, "position")
    position.clear()
    position.send_keys("Công chức Văn hóa - Xã hội")
    click_to_load(driver, driver.find_element(By.NAME, "save"))
    wait(driver).until(EC.url_to_be(live_server.url + "/u/21073/2023/staff/people/"))
    assert "Đã lưu «Nguyễn Thị Hoa»" in driver.find_element(By.CLASS_NAME, "messages").text

    # The history tells who changed what.
    person = Person.objects.get()
    driver.get(live_server.url + f"/u/21073/2023/staff/people/{person.pk}/history/")
    history = driver.find_element(By.ID, "history").text
    assert "Công chức Tư pháp - Hộ tịch → Công chức Văn hóa - Xã hội" in history
    assert "clerk.a" in history

    # The clerk opens the form; meanwhile the approver saves from another session.
    driver.get(live_server.url + f"/u/21073/2023/staff/people/{person.pk}/")
    other = Client()
    other.force_login(cast.approver_a)
    saved = other.post(
        f"/u/21073/2023/staff/people/{person.pk}/",
        {
            "full_name": "Nguyễn Thị Hoa",
            "category": "civil_servant",
            "position": "Văn phòng - Thống kê",
            "education": "university",
            "political_theory": "intermediate",
            "version": "2",
        },
    )
    assert saved.status_code == 302
    position = driver.find_element(By.NAME, "position")
    position.clear()
    position.send_keys("Địa chính - Xây dựng")
    driver.find_element(By.NAME, "save").click()  # htmx swaps the form in place
    conflict = find(driver, By.ID, "conflict")
    assert "Văn phòng - Thống kê" in conflict.text
    assert "CHƯA được lưu" in driver.find_element(By.ID, "record-form").text
    person.refresh_from_db()
    assert person.position == "Văn phòng - Thống kê" and person.version == 3


def test_money_input_echoes_the_parsed_amount_while_typing(live_server, browser_login, cast):
    driver = browser_login("clerk.a")
    driver.get(live_server.url + "/u/21073/2023/finance/budget/new/")
    driver.find_element(By.NAME, "plan").send_keys("1.500")
    slot = driver.find_element(By.CSS_SELECTOR, "#id_plan + .echo-slot")
    wait(driver).until(lambda d: "= 1.500 đồng" in slot.text)
    driver.find_element(By.NAME, "plan").send_keys(",5")
    wait(driver).until(lambda d: "Chỉ nhập số nguyên" in slot.text)
