"""Guard rail of issue 10: under the Content Security Policy (no inline script) the main pages
load in Chromium without a single violation, and the scripted bits still work."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from tests.factories import PASSWORD, PeriodFactory
from tests.helpers.browser import find, page_loaded, wait

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Installed before any script of each new document: every violation is kept in window.
RECORDER = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push([e.violatedDirective, e.blockedURI, e.sourceFile + ':' + e.lineNumber].join(' '));
});
"""

PAGES = [
    "/",
    "/u/21073/2023/",
    "/u/21073/2023/staff/people/",
    "/u/21073/2023/import/",
    "/u/21073/2023/indicators/",
    "/u/21073/2023/report/",
    "/u/21073/2023/report/settings/",
    "/u/21073/2023/report/preview/",
    "/verify/",
    "/api/docs/",
]


def violations(driver) -> list:
    return driver.execute_script("return window.__csp || ['recorder missing']")


def test_main_pages_load_without_a_csp_violation(live_server, chromium_driver, cast):
    driver = chromium_driver
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
    driver.get(live_server.url + "/accounts/login/")
    wait(driver).until(page_loaded)
    assert violations(driver) == []
    driver.find_element(By.NAME, "username").send_keys("clerk.a")
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(driver, 20).until(lambda d: "/accounts/login/" not in d.current_url)
    for path in PAGES:
        driver.get(live_server.url + path)
        wait(driver, 20).until(page_loaded)
        if path == "/api/docs/":  # Swagger UI drew the operations from /api/schema/
            wait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".opblock-summary"))
        assert violations(driver) == [], path
    # htmx runs, without injecting its own inline <style>.
    driver.get(live_server.url + "/u/21073/2023/")
    wait(driver).until(lambda d: d.execute_script("return !!window.htmx"))
    assert driver.execute_script("return htmx.config.includeIndicatorStyles") is False
    # The recorder does see a violation: an inline script added to the page is blocked.
    driver.execute_script(
        "var s = document.createElement('script'); s.textContent = 'window.__ran = 1';"
        "document.body.appendChild(s);"
    )
    wait(driver).until(lambda d: violations(d))
    assert "script-src" in violations(driver)[0]
    assert driver.execute_script("return window.__ran") is None


def test_switchers_submit_on_change_without_inline_handlers(live_server, browser_login, cast):
    PeriodFactory(code="2024", start="2023-11-01", end="2024-10-31", deadline="2024-11-15")
    driver = browser_login("clerk.a")
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
    driver.get(live_server.url + "/u/21073/2023/")
    wait(driver).until(page_loaded)
    page = driver.find_element(By.TAG_NAME, "html")
    Select(find(driver, By.CSS_SELECTOR, "select[name=period][data-autosubmit]")).select_by_value(
        "2024"
    )
    wait(driver).until(lambda d: "/u/21073/2024/" in d.current_url)
    wait(driver).until(lambda d: page != d.find_element(By.TAG_NAME, "html"))
    wait(driver).until(page_loaded)
    assert violations(driver) == []
    # The language switcher too: the page comes back in English.
    Select(driver.find_element(By.CSS_SELECTOR, "select[name=language]")).select_by_value("en")
    wait(driver).until(lambda d: d.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en")
    assert violations(driver) == []
