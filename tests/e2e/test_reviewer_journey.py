"""Issue 11's end-to-end journey in headless Chromium, through real pages only: the clerk edits a
figure → the approver gives the report its number and date and submits (confirmation page) →
the reviewer finds it in the inbox under «Chờ duyệt», comments on one figure and returns it →
the commune sees the banner and the comment beside the figure, fixes the figure and marks the
comment addressed → the approver resubmits → the reviewer reads the diff of version 2 against 1
and accepts → the approver signs with a PKCS#12 file → the signed PDF downloads with the
approver's session, its signature is intact (pyHanko, trusted by the test CA) and its text
prints the fixed figure. Only the data setup (the seed commune) uses services."""

from __future__ import annotations

import os
import urllib.request
from io import BytesIO
from pathlib import Path

import pytest
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from plans.models import EnteredFigure
from reports.gates import submission_problems
from reports.models import (
    DocumentKind,
    RenderedDocument,
    Report,
    ReportComment,
    ReportState,
    ReportTransition,
    WarningExplanation,
)
from tests.helpers.browser import page_loaded
from tests.helpers.documents import load_seed_commune, pdf_text
from tests.helpers.signing import P12_PASSWORD, make_test_ca_and_p12

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Submitting recomputes every figure and signing renders the PDF: generous on a loaded machine.
SLOW = 120
FIGURE = "tthc.procedures_reviewed"  # entered by the clerk; printed in section II.2
ROW = "ind-tthcprocedures_reviewed"  # its row on the indicators page


def wait(driver, timeout: float = SLOW) -> WebDriverWait:
    return WebDriverWait(
        driver, timeout, ignored_exceptions=[StaleElementReferenceException, WebDriverException]
    )


def find(driver, by: str, value: str):
    return wait(driver).until(EC.presence_of_element_located((by, value)))


def click_to_load(driver, element) -> None:
    """Click what loads another page; return once the old page is gone and the new one loaded
    (riding out chromedriver's «Node … does not belong to the document» meanwhile)."""
    page = driver.find_element(By.TAG_NAME, "html")
    element.click()
    wait(driver).until(EC.staleness_of(page))
    wait(driver).until(page_loaded)


def button(driver, text: str):
    return find(driver, By.XPATH, f"//button[normalize-space()='{text}']")


def flash(driver) -> list[str]:
    return [e.text for e in driver.find_elements(By.CSS_SELECTOR, "ul.messages li")]


def confirm(driver, action: str, label: str, expected: str, comment: str = "") -> None:
    """On the workspace: the action's button opens its confirmation page; confirm there."""
    click_to_load(driver, find(driver, By.CSS_SELECTOR, f"button[value={action}]"))
    assert "/confirm/" in driver.current_url
    assert expected in find(driver, By.ID, "what-happens").text
    if comment:
        driver.find_element(By.NAME, "comment").send_keys(comment)
    click_to_load(driver, button(driver, f"Xác nhận: {label}"))


def state(driver) -> str:
    return find(driver, By.ID, "report-state").text


def set_entered_figure(driver, base: str, label: str, value: str) -> None:
    """The clerk opens an entered figure from its list and saves a new value."""
    driver.get(base + "tasks/figures/")
    click_to_load(driver, find(driver, By.LINK_TEXT, label))
    field = find(driver, By.NAME, "value")
    field.clear()
    field.send_keys(value)
    click_to_load(driver, driver.find_element(By.NAME, "save"))
    assert any("Đã lưu" in m for m in flash(driver)), flash(driver)


def screenshot(driver, name: str, height: int) -> None:
    """A README picture (1280 px wide), taken only where none exists yet: the committed ones
    show the richer demo data. CCHC_SCREENSHOT_DIR puts them elsewhere to look at."""
    folder = Path(os.environ.get("CCHC_SCREENSHOT_DIR") or settings.BASE_DIR / "docs/images")
    if (folder / name).exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    driver.set_window_size(1280, height)
    driver.save_screenshot(str(folder / name))
    driver.set_window_size(1280, 1000)


def explain_seed_warnings(cast) -> None:
    """Data setup: the seed commune's records, with every warning they raise explained (the
    explanations are not this journey's subject)."""
    load_seed_commune(cast)
    _errors, unexplained, _snap = submission_problems(unit=cast.commune_a, period=cast.period)
    for finding in unexplained:
        WarningExplanation.objects.update_or_create(
            unit=cast.commune_a,
            period=cast.period,
            rule=finding.rule,
            defaults={"text": "Số liệu đúng theo sổ theo dõi", "by": cast.approver_a},
        )


def test_the_whole_reviewer_journey_ends_with_a_verified_signed_pdf(
    live_server, browser_login, cast
):
    explain_seed_warnings(cast)
    base = f"{live_server.url}/u/{cast.commune_a.code}/{cast.period.code}/"

    # 1. The clerk edits a record: the legal documents reviewed, 1 → 2.
    driver = browser_login("clerk.a")
    set_entered_figure(driver, base, "Văn bản QPPL được kiểm tra, rà soát", "2")
    figure = EnteredFigure.objects.get(code="legal.docs_reviewed", period=cast.period)
    assert (figure.value, figure.updated_by) == (2, cast.clerk_a)

    # 2. The approver gives the report its number and date of issue, then submits.
    driver = browser_login("approver.a")
    driver.get(base + "report/settings/")
    number = find(driver, By.NAME, "num-doc_number")
    number.clear()
    number.send_keys("27")
    issued = driver.find_element(By.NAME, "num-issued_on")
    issued.clear()
    issued.send_keys("10/11/2023")
    click_to_load(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))
    assert "Đã lưu thông tin văn bản." in flash(driver)
    driver.get(base)
    confirm(driver, "submit", "Gửi báo cáo", "Sau khi gửi, số liệu kỳ này bị khóa")
    assert state(driver) == "Đã gửi", flash(driver)
    report = Report.objects.get(unit=cast.commune_a, period=cast.period)
    assert (report.doc_number, report.issued_on.isoformat()) == (27, "2023-11-10")

    # 3. The reviewer's inbox lists it under «Chờ duyệt»; a comment on one figure; return.
    driver = browser_login("reviewer.d")
    waiting = find(driver, By.ID, "group-submitted")
    assert "Chờ duyệt" in waiting.text and "Xã Bình Phước" in waiting.text
    screenshot(driver, "review-inbox.png", 1000)
    row = waiting.find_element(By.CSS_SELECTOR, f"tr[data-unit='{cast.commune_a.code}']")
    click_to_load(driver, row.find_element(By.LINK_TEXT, "Duyệt"))
    assert driver.current_url == base
    driver.get(base + "indicators/")
    row = find(driver, By.ID, ROW)
    assert row.get_attribute("data-code") == FIGURE
    row.find_element(By.CSS_SELECTOR, ".comment-new summary").click()
    row.find_element(By.CSS_SELECTOR, ".comment-new textarea").send_keys(
        "Số TTHC rà soát chưa khớp kế hoạch (9 thủ tục)"
    )
    click_to_load(driver, row.find_element(By.CSS_SELECTOR, ".comment-new button"))
    assert "chưa khớp kế hoạch" in find(driver, By.ID, ROW).text
    driver.get(base)
    confirm(driver, "return", "Trả lại", "Báo cáo được trả lại cho đơn vị")
    assert flash(driver) == ["Đã trả lại báo cáo cho đơn vị. Trạng thái mới: «Bị trả lại»."]

    # 4. The commune: the banner on the report's pages, the comment beside the figure; the
    # clerk fixes the figure (8 → 9) and marks the comment addressed with a reply.
    driver = browser_login("clerk.a")
    for page in ("", "indicators/", "report/"):
        driver.get(base + page)
        banner = find(driver, By.ID, "returned-banner")
        assert "Báo cáo bị trả lại: 1 ý kiến chưa xử lý" in banner.text, page
    driver.get(base + "indicators/")
    row = find(driver, By.ID, ROW)
    assert "chưa khớp kế hoạch" in row.text and "Chưa xử lý" in row.text
    assert "8" in row.find_elements(By.TAG_NAME, "td")[1].text
    set_entered_figure(driver, base, "TTHC được rà soát, đánh giá", "9")
    driver.get(base + "indicators/")
    row = find(driver, By.ID, ROW)
    row.find_element(By.CSS_SELECTOR, ".comment-address textarea").send_keys(
        "Đã sửa thành 9 theo sổ theo dõi"
    )
    click_to_load(driver, row.find_element(By.CSS_SELECTOR, ".comment-address button"))
    row = find(driver, By.ID, ROW)
    assert "Đã xử lý" in row.text and "Đã sửa thành 9 theo sổ theo dõi" in row.text
    assert "mọi ý kiến đã được xử lý" in find(driver, By.ID, "returned-banner").text
    comment = ReportComment.objects.get()
    assert (comment.indicator, comment.addressed_by, comment.version) == (FIGURE, cast.clerk_a, 1)

    # 5. The approver resubmits.
    driver = browser_login("approver.a")
    driver.get(base)
    confirm(driver, "submit", "Gửi báo cáo", "Sau khi gửi, số liệu kỳ này bị khóa")
    assert state(driver) == "Đã gửi"

    # 6. The reviewer reads what changed (the one figure, 8 → 9) and accepts version 2.
    driver = browser_login("reviewer.d")
    row = find(driver, By.CSS_SELECTOR, f"#group-submitted tr[data-unit='{cast.commune_a.code}']")
    assert row.find_elements(By.TAG_NAME, "td")[2].text == "2"  # the second submission
    click_to_load(driver, row.find_element(By.LINK_TEXT, "Duyệt"))
    click_to_load(driver, find(driver, By.LINK_TEXT, "Thay đổi so với lần gửi trước"))
    assert find(driver, By.TAG_NAME, "h1").text == "Lần gửi 2 so với lần 1"
    changed = {
        r.find_element(By.TAG_NAME, "td").text: r.text
        for r in driver.find_elements(By.CSS_SELECTOR, "#figures-changed tbody tr")
    }
    assert list(changed) == [FIGURE], changed  # the one figure the reviewer commented on
    assert changed[FIGURE].split()[-2:] == ["8", "9"], changed[FIGURE]  # old → new
    text_diff = find(driver, By.ID, "diff-procedures")  # the sentence printing it, II.2
    assert text_diff.find_element(By.TAG_NAME, "del").text == "08"
    assert text_diff.find_element(By.TAG_NAME, "ins").text == "09"
    screenshot(driver, "version-diff.png", 1260)
    driver.get(base)
    confirm(driver, "accept", "Tiếp nhận", "Sau khi tiếp nhận, báo cáo không trả lại được nữa")
    assert state(driver) == "Đã tiếp nhận"
    accepted = ReportTransition.objects.get(report=report, to_state=ReportState.ACCEPTED)
    assert accepted.version_number == 2

    # 7. The approver signs on the sign page with a PKCS#12 file and its password.
    ca_pem, p12 = make_test_ca_and_p12()
    p12_path = Path(settings.MEDIA_ROOT).parent / "chu-ky.p12"
    p12_path.write_bytes(p12)
    driver = browser_login("approver.a")
    driver.get(base + "report/sign/")
    assert "27/BC-UBND" in find(driver, By.ID, "document-facts").text
    driver.find_element(By.NAME, "certificate").send_keys(str(p12_path))
    driver.find_element(By.NAME, "password").send_keys(P12_PASSWORD)
    click_to_load(driver, button(driver, "Xác nhận ký số"))
    assert any("Mã SHA-256" in m for m in flash(driver)), flash(driver)
    report.refresh_from_db()
    assert report.state == ReportState.SIGNED
    signed = RenderedDocument.objects.get(report=report, kind=DocumentKind.SIGNED)

    # 8. The signed PDF downloads through the page's link, with the browser's own session.
    link = find(driver, By.LINK_TEXT, "Tải bản đã ký số").get_attribute("href")
    assert link.endswith(f"report/files/{signed.pk}/")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    request = urllib.request.Request(link, headers={"Cookie": cookies})
    with urllib.request.urlopen(request, timeout=SLOW) as response:  # noqa: S310 (live server)
        assert response.status == 200
        data = response.read()
    assert data.startswith(b"%PDF-")
    _type, _headers, der = pem.unarmor(ca_pem)
    sig = PdfFileReader(BytesIO(data)).embedded_signatures[0]
    status = validate_pdf_signature(
        sig, ValidationContext(trust_roots=[asn1_x509.Certificate.load(der)])
    )
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.subject.native["common_name"] == "Ngô Văn Vương"
    text = " ".join(pdf_text(data).split())
    assert "rà soát, đánh giá 09 TTHC thuộc thẩm quyền giải quyết" in text  # the fixed figure
    assert "08 TTHC thuộc thẩm quyền" not in text
    assert "27/BC-UBND" in text  # the number given before the first submission
