"""A clerk enters figures like in a spreadsheet: types, Enter moves down, each cell is saved
with the section's validation; a bad value is marked in its cell; arrows move between rows."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from plans.entered import ENTERED_CODES
from plans.models import EnteredFigure
from tests.helpers.browser import find, wait

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def value_cell(driver, row: int):
    return driver.find_elements(By.CSS_SELECTOR, "#entry-grid tbody tr")[row].find_element(
        By.CSS_SELECTOR, "[data-field=value]"
    )


def test_clerk_enters_figures_with_the_keyboard(live_server, browser_login, cast):
    driver = browser_login("clerk.a")
    driver.get(live_server.url + "/u/21073/2023/tasks/figures/")
    find(driver, By.ID, "grid-entry").click()
    find(driver, By.ID, "entry-grid")
    first = value_cell(driver, 0)
    first.click()
    first.send_keys("1.250", Keys.ENTER)
    # Enter moved the cursor to the next row's cell, and the first cell was saved.
    wait(driver).until(lambda d: d.switch_to.active_element == value_cell(d, 1))
    wait(driver).until(
        lambda d: EnteredFigure.objects.filter(code=ENTERED_CODES[0], value=1250).exists()
    )
    assert EnteredFigure.objects.get(code=ENTERED_CODES[0]).updated_by == cast.clerk_a

    second = value_cell(driver, 1)
    second.send_keys("12,5", Keys.TAB)  # not a whole number
    error = driver.find_element(By.ID, second.get_attribute("aria-describedby"))
    wait(driver).until(lambda d: "Chỉ nhập số nguyên" in error.text)
    assert second.get_attribute("aria-invalid") == "true"
    assert not EnteredFigure.objects.filter(code=ENTERED_CODES[1]).exists()

    # Fix it: ArrowUp/ArrowDown move between rows in the same column.
    second.click()
    second.send_keys(Keys.ARROW_UP)
    assert driver.switch_to.active_element == value_cell(driver, 0)
    driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    fix = driver.switch_to.active_element
    assert fix == value_cell(driver, 1)
    fix.clear()
    fix.send_keys("13", Keys.ENTER)
    wait(driver).until(
        lambda d: EnteredFigure.objects.filter(code=ENTERED_CODES[1], value=13).exists()
    )
    wait(driver).until(lambda d: value_cell(d, 1).get_attribute("aria-invalid") is None)
    assert "Đã lưu" in driver.find_element(By.ID, "grid-status").text
