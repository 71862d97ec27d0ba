"""Dates read dd/mm/yyyy with a 24-hour time whatever the browser's locale: an English-locale
Chromium (which would show 10/05/2023, 02:00 PM in its own date pickers) enters a dossier."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from tests.helpers.browser import click_to_load, wait
from tthc.models import Dossier

pytestmark = [
    pytest.mark.browser,
    pytest.mark.browser_lang("en-US"),
    pytest.mark.django_db(transaction=True),
]

URL = "/u/21073/2023/tthc/dossiers/"


def type_into(driver, name: str, text: str) -> None:
    box = driver.find_element(By.NAME, name)
    box.clear()
    box.send_keys(text)


def test_an_english_browser_enters_and_reads_dates_as_dd_mm_yyyy(live_server, browser_login, cast):
    driver = browser_login("clerk.a")
    assert driver.execute_script("return navigator.language") == "en-US"
    driver.get(live_server.url + URL + "new/")
    received = driver.find_element(By.NAME, "received_at")
    # A text box in the portal's format, not the browser's locale-dependent picker.
    assert received.get_attribute("type") == "text"
    assert received.get_attribute("placeholder") == "dd/mm/yyyy hh:mm"
    type_into(driver, "code", "HS-EN-1")
    type_into(driver, "procedure_code", "1.001234")
    Select(driver.find_element(By.NAME, "channel")).select_by_value("direct")
    Select(driver.find_element(By.NAME, "status")).select_by_value("resolved")
    type_into(driver, "received_at", "05/10/2023 14:30")  # 5 October, 2:30 pm
    type_into(driver, "due_at", "10/10/2023 17:00")
    type_into(driver, "resolved_at", "09/10/2023 08:05")
    click_to_load(driver, driver.find_element(By.NAME, "save"))
    wait(driver).until(EC.url_to_be(live_server.url + URL))

    dossier = Dossier.objects.get(code="HS-EN-1")
    tz = timezone.get_default_timezone()
    assert dossier.received_at == dt.datetime(2023, 10, 5, 14, 30, tzinfo=tz)
    assert dossier.resolved_at == dt.datetime(2023, 10, 9, 8, 5, tzinfo=tz)

    # Opened again, the form shows the same day-first, 24-hour text.
    driver.get(live_server.url + URL + f"{dossier.pk}/")
    assert driver.find_element(By.NAME, "received_at").get_attribute("value") == "05/10/2023 14:30"
    assert driver.find_element(By.NAME, "due_at").get_attribute("value") == "10/10/2023 17:00"


def test_file_chooser_and_required_message_speak_the_portal_language(
    live_server, browser_login, cast
):
    driver = browser_login("clerk.a")
    driver.get(live_server.url + "/u/21073/2023/import/dossiers/")
    wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, ".file-pick .file-button"))
    assert driver.find_element(By.CSS_SELECTOR, ".file-button").text == "Chọn tệp…"
    assert driver.find_element(By.CSS_SELECTOR, ".file-name").text == "Chưa chọn tệp"
    message = driver.execute_script(
        "const f = document.getElementById('id_file'); f.checkValidity();"
        " return f.validationMessage;"
    )
    assert message == "Trường này là bắt buộc."
