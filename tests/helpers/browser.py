"""Selenium waits, done one way: explicit `WebDriverWait`s. The driver has no implicit wait
(Selenium's documentation warns against mixing the two): a test waits for a page it loads by a
click (`click_to_load`) and for what the page's scripts change (`wait(driver).until(...)`)."""

from __future__ import annotations

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

TIMEOUT = 10.0


def wait(driver: WebDriver, timeout: float = TIMEOUT) -> WebDriverWait:
    # htmx swaps fragments while a condition reads them: a stale read is retried, not fatal.
    return WebDriverWait(driver, timeout, ignored_exceptions=[StaleElementReferenceException])


def page_loaded(driver: WebDriver) -> bool:
    return driver.execute_script("return document.readyState") == "complete"


def find(driver: WebDriver, by: str, value: str, *, timeout: float = TIMEOUT) -> WebElement:
    """The element once it is in the page."""
    return wait(driver, timeout).until(EC.presence_of_element_located((by, value)))


def click_to_load(driver: WebDriver, element: WebElement, *, timeout: float = TIMEOUT) -> None:
    """Click a link or a submit button that loads another page; return once the old page is
    gone and the new one is loaded, so that no lookup can find an element of the old page."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    wait(driver, timeout).until(EC.staleness_of(page))
    wait(driver, timeout).until(page_loaded)
