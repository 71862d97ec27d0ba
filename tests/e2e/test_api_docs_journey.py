import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_signed_in_user_browses_the_api_in_swagger_ui(live_server, browser_login, cast):
    driver = browser_login("clerk.a")
    driver.get(live_server.url + "/api/docs/")
    # Swagger UI (served from our static files) fetched /api/schema/ and drew the operation.
    WebDriverWait(driver, 20).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".opblock-summary"))
    text = driver.find_element(By.CSS_SELECTOR, ".swagger-ui").text
    assert "CCHC Portal API" in text
    assert "/api/v1/units/{code}/periods/{period}/indicators" in text
    scripts = [s.get_attribute("src") for s in driver.find_elements(By.TAG_NAME, "script")]
    assert any("/static/drf_spectacular_sidecar/" in (src or "") for src in scripts)
    assert not any((src or "").startswith("https://") for src in scripts)  # no CDN
