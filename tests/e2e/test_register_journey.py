"""A clerk keeps the register of documents in a real browser: adds a plan with its PDF (the
form posts the file through htmx), downloads it from the list, then cites it in the narrative
editor and sees the live preview print "Kế hoạch số 18/KH-UBND ngày … của …"."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from plans.models import RegisteredDocument
from tests.helpers.browser import click_to_load, find, wait

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_clerk_registers_a_plan_with_its_file_and_cites_it(
    live_server, browser_login, cast, tmp_path
):
    pdf = tmp_path / "KH18.pdf"
    pdf.write_bytes(b"%PDF-1.4 ke hoach 18")
    driver = browser_login("clerk.a")
    driver.get(live_server.url + "/u/21073/2023/tasks/plan-tasks/")
    assert 'href="/u/21073/2023/tasks/documents/"' in driver.page_source  # in the records menu
    driver.get(live_server.url + "/u/21073/2023/tasks/documents/")
    click_to_load(driver, driver.find_element(By.ID, "add-record"))

    Select(driver.find_element(By.NAME, "doc_type")).select_by_visible_text("Kế hoạch")
    driver.find_element(By.NAME, "number").send_keys("18")
    driver.find_element(By.NAME, "symbol").send_keys("KH-UBND")
    driver.find_element(By.NAME, "issued_on").send_keys("22/02/2023")  # the portal's format
    issuer = driver.find_element(By.NAME, "issuer")
    assert issuer.get_attribute("value") == "UBND xã Bình Phước"  # drafted from the unit
    driver.find_element(By.NAME, "subject").send_keys("Tuyên truyền cải cách hành chính năm 2023")
    driver.find_element(By.NAME, "file").send_keys(str(pdf))
    click_to_load(driver, driver.find_element(By.NAME, "save"))
    wait(driver).until(EC.url_to_be(live_server.url + "/u/21073/2023/tasks/documents/"))

    doc = RegisteredDocument.objects.get()
    assert doc.reference == "18/KH-UBND" and str(doc.issued_on) == "2023-02-22"
    assert doc.file_name == "KH18.pdf" and doc.file.read() == b"%PDF-1.4 ke hoach 18"
    link = driver.find_element(By.LINK_TEXT, "KH18.pdf")
    assert link.get_attribute("href").endswith(f"/u/21073/2023/tasks/documents/{doc.pk}/file/")

    # The editor lists the register; a citation typed in a section previews as printed.
    driver.get(live_server.url + "/u/21073/2023/report/")
    assert (
        "{{ vb:18/KH-UBND }}"
        in driver.find_element(By.ID, "citations").find_element(By.XPATH, "..").text
    )
    section = driver.find_element(By.ID, "sec-strengths")
    editor = section.find_element(By.CSS_SELECTOR, "textarea.editor")
    editor.clear()
    editor.send_keys("UBND xã đã ban hành {{ vb:18/KH-UBND }}.")
    wait(driver).until(
        EC.text_to_be_present_in_element(
            (By.ID, "preview-strengths"),
            "UBND xã đã ban hành Kế hoạch số 18/KH-UBND ngày 22/02/2023 của UBND xã Bình Phước.",
        )
    )
    section.find_element(By.CSS_SELECTOR, "button[value=save]").click()
    find(driver, By.CLASS_NAME, "msg-success")
