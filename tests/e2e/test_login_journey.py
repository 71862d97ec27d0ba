import pytest
from selenium.webdriver.common.by import By

from tests.helpers.browser import click_to_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_logs_in_and_opens_the_workspace(live_server, browser_login, cast):
    driver = browser_login("clerk.a")
    assert "Báo cáo của tôi" in driver.find_element(By.TAG_NAME, "h1").text
    table = driver.find_element(By.ID, "my-reports").text
    assert "Xã Bình Phước" in table and "Xã Bình Trị" not in table
    click_to_load(driver, driver.find_element(By.LINK_TEXT, "Mở"))
    assert driver.current_url.endswith("/u/21073/2023/")
    assert "Xã Bình Phước" in driver.find_element(By.CLASS_NAME, "contextbar").text


def test_wrong_password_shows_message_in_browser(live_server, browser_login, cast):
    driver = browser_login("clerk.a", "sai-mat-khau")
    assert "không đúng" in driver.find_element(By.CLASS_NAME, "msg-error").text
