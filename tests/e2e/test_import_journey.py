"""A clerk imports a dossier file in a real browser: upload → preview → confirm; a bad file
shows its errors and imports nothing."""

import pytest
from selenium.webdriver.common.by import By

from tests.helpers.browser import click_to_load
from tests.tthc.importdata import csv_bytes, good_rows, row
from tthc.models import Dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UPLOAD = "form.import-upload button[type=submit]"


def test_clerk_uploads_previews_and_confirms_a_dossier_file(
    live_server, browser_login, cast, tmp_path
):
    bad = tmp_path / "hoso-loi.csv"
    rows = good_rows(3)
    rows[1] = row("HS-2", **{"Ngày tiếp nhận": "31/02/2023"})
    bad.write_bytes(csv_bytes(rows, sep=";"))
    good = tmp_path / "hoso.csv"
    good.write_bytes(csv_bytes(good_rows(3), sep=";", bom=True))

    driver = browser_login("clerk.a")
    driver.get(live_server.url + "/u/21073/2023/")
    click_to_load(driver, driver.find_element(By.LINK_TEXT, "Nhập từ tệp"))
    click_to_load(
        driver, driver.find_element(By.CSS_SELECTOR, ".import-kinds a[href$='/import/dossiers/']")
    )

    driver.find_element(By.ID, "id_file").send_keys(str(bad))
    click_to_load(driver, driver.find_element(By.CSS_SELECTOR, UPLOAD))
    assert driver.find_element(By.ID, "count-errors").text == "1"
    errors = driver.find_element(By.CSS_SELECTOR, "table.import-errors").text
    assert "3" in errors and "Ngày tiếp nhận" in errors and "31/02/2023" in errors
    assert not driver.find_elements(By.ID, "confirm-import")
    assert not Dossier.objects.exists()

    click_to_load(driver, driver.find_element(By.LINK_TEXT, "Tải lên tệp khác"))
    driver.find_element(By.ID, "id_file").send_keys(str(good))
    click_to_load(driver, driver.find_element(By.CSS_SELECTOR, UPLOAD))
    assert driver.find_element(By.ID, "count-created").text == "3"
    assert not Dossier.objects.exists()
    click_to_load(driver, driver.find_element(By.ID, "confirm-import"))
    assert "Đã nhập xong 3 dòng" in driver.find_element(By.ID, "import-done").text
    assert Dossier.objects.filter(unit=cast.commune_a).count() == 3

    click_to_load(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Nhập dữ liệu từ tệp"))
    assert "hoso.csv" in driver.find_element(By.CSS_SELECTOR, "table.import-batches").text
