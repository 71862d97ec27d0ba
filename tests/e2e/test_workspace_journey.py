"""Browser journeys of the commune's daily work (issue 13, points 2–4): the workspace says what
is left and what to do next for each role; a warning is explained in place (no page load, the
page stays where it was, the count goes down by one); the editor keeps what is typed (drafts
restored after a reload, a leave-page guard while dirty, one section saved without losing the
others) and inserts a placeholder at the caret."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from reports.checklist import report_checklist
from reports.models import NarrativeSection, WarningExplanation
from reports.services import report_get_or_create
from reports.snapshots import snapshot_refresh
from tests.e2e.test_accessibility import describe, violations
from tests.helpers.browser import click_to_load, find, page_loaded, wait
from tests.helpers.documents import load_seed_commune

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORKSPACE = "/u/21073/2023/"
EDITOR = "/u/21073/2023/report/"


@pytest.fixture
def seeded(cast):
    load_seed_commune(cast)
    snapshot_refresh(unit=cast.commune_a, period=cast.period)
    return report_get_or_create(unit=cast.commune_a, period=cast.period)


def test_the_workspace_checklist_counts_what_is_left_and_names_the_next_action_per_role(
    live_server, browser_login, chromium_driver, seeded, cast
):
    expected = report_checklist(report=seeded, user=cast.clerk_a)
    n = len(expected.unexplained)
    assert n >= 2
    driver = browser_login("clerk.a")
    driver.get(live_server.url + WORKSPACE)
    counts = find(driver, By.ID, "checklist-unexplained")
    assert counts.text == f"{n} cảnh báo chưa giải trình"
    assert driver.find_element(By.ID, "checklist-errors").text == "0 lỗi phải sửa"
    action = driver.find_element(By.CSS_SELECTOR, "#next-action a.button")
    assert action.text == f"Giải trình {n} cảnh báo"
    row = driver.find_element(By.CSS_SELECTOR, "#checklist-data tr[data-section=dossiers]")
    assert row.find_element(By.CSS_SELECTOR, ".count").text not in ("", "0")
    links = driver.find_elements(By.CSS_SELECTOR, "#checklist-findings li.sev-warning a")
    assert len(links) == n
    found = violations(driver)
    assert not found, describe(WORKSPACE, found)
    # The next action leads to the first warning's box on the indicators page.
    click_to_load(driver, action)
    first = expected.unexplained[0]
    assert driver.current_url.endswith(f"/indicators/#finding-{first.rule}")
    box = driver.find_element(By.ID, f"finding-{first.rule}")
    assert box.get_attribute("data-rule") == first.rule

    # The approver is told the same work; the district reviewer waits for the commune.
    driver.delete_all_cookies()
    browser_login("approver.a")
    driver.get(live_server.url + WORKSPACE)
    assert find(driver, By.ID, "next-action").get_attribute("data-role") == "approver"
    driver.delete_all_cookies()
    browser_login("reviewer.d")
    driver.get(live_server.url + WORKSPACE)
    assert find(driver, By.ID, "next-action").text.startswith("Chờ xã hoàn thành")

    # Everything explained: the approver's next action is to submit.
    for f in expected.unexplained:
        WarningExplanation.objects.create(
            unit=cast.commune_a, period=cast.period, rule=f.rule, text="Lý do.", by=cast.clerk_a
        )
    driver.delete_all_cookies()
    browser_login("approver.a")
    driver.get(live_server.url + WORKSPACE)
    assert find(driver, By.CSS_SELECTOR, "#next-action a.button").text == "Gửi báo cáo"
    assert driver.find_element(By.ID, "checklist-unexplained").text == "0 cảnh báo chưa giải trình"


def test_a_warning_is_explained_in_place_keeping_the_position_and_counting_down(
    live_server, browser_login, seeded, cast
):
    driver = browser_login("clerk.a")
    driver.get(live_server.url + "/u/21073/2023/indicators/")
    left = find(driver, By.CSS_SELECTOR, "#warnings-count .warnings-left")
    before = int(left.get_attribute("data-left"))
    boxes = driver.find_elements(By.CSS_SELECTOR, "#warnings-list > li.finding")
    box = boxes[min(3, len(boxes) - 1)]
    rule = box.get_attribute("data-rule")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'}); window.__same = 1;", box)
    y = driver.execute_script("return window.scrollY")
    assert y > 200
    box.find_element(By.TAG_NAME, "textarea").send_keys("Năm nay gộp các nhiệm vụ nhỏ.")
    box.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(driver).until(
        lambda d: (
            d.find_element(By.CSS_SELECTOR, "#warnings-count .warnings-left").get_attribute(
                "data-left"
            )
            == str(before - 1)
        )
    )
    assert driver.execute_script("return window.__same") == 1  # no page load
    assert abs(driver.execute_script("return window.scrollY") - y) < 5
    fresh = driver.find_element(By.ID, f"finding-{rule}")
    assert "Năm nay gộp các nhiệm vụ nhỏ." in fresh.find_element(By.CLASS_NAME, "explanation").text
    assert "Đã lưu giải trình." in fresh.text
    # The keyboard stays at the explained box (Tab goes on from there, not from the top).
    assert driver.switch_to.active_element == fresh
    found = violations(driver)
    assert not found, describe("indicators after an explanation", found)
    assert WarningExplanation.objects.get(rule=rule).by == cast.clerk_a

    # A badge of the table links to its warning's box.
    badge = driver.find_element(By.CSS_SELECTOR, f'a.badge[href="#finding-{rule}"]')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", badge)
    badge.click()
    wait(driver).until(lambda d: d.current_url.endswith(f"#finding-{rule}"))


def _editor(driver, key):
    return driver.find_element(By.CSS_SELECTOR, f"#sec-{key} textarea.editor")


def test_the_editor_keeps_what_is_typed(live_server, browser_login, cast):
    driver = browser_login("clerk.a")
    driver.get(live_server.url + EDITOR)
    find(driver, By.ID, "sec-strengths")
    assert driver.execute_script("return window.cchcEditor.guarded()") is False

    # Typed but not saved: the leave-page guard is on, a draft is stored within seconds.
    limits = _editor(driver, "limitations")
    limits.send_keys(Keys.CONTROL, "a")
    limits.send_keys("Bản nháp chưa lưu về hạn chế.")
    wait(driver).until(lambda d: d.execute_script("return window.cchcEditor.guarded()"))
    blocked = driver.execute_script(
        "const e = new Event('beforeunload', {cancelable: true});"
        "window.dispatchEvent(e); return e.defaultPrevented;"
    )
    assert blocked is True
    wait(driver).until(
        lambda d: d.execute_script(
            "return Object.keys(localStorage).some(k => k.endsWith(':limitations'))"
        )
    )

    # Saving another section swaps that section only: the unsaved text stays.
    strengths = _editor(driver, "strengths")
    strengths.send_keys(Keys.CONTROL, "a")
    strengths.send_keys("Ưu điểm: tổng số ")
    # Click-to-insert: the placeholder lands at the caret of the last edited section.
    driver.execute_script("arguments[0].setSelectionRange(9, 9)", strengths)  # after "Ưu điểm: "
    button = driver.find_element(By.CSS_SELECTOR, 'button[data-insert="tthc.total"]')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    assert strengths.get_attribute("value") == "Ưu điểm: {{ tthc.total }}tổng số "
    assert driver.find_element(By.ID, "ph-target").text == "→ III.1. Ưu điểm"
    # The live preview still answers in its own box (the form's swap is not inherited).
    wait(driver).until(
        lambda d: d.find_element(By.ID, "preview-strengths").text.startswith("Ưu điểm: 0tổng số")
    )
    driver.execute_script("window.__same = 1")
    save = driver.find_element(By.CSS_SELECTOR, "#sec-strengths button[value=save]")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", save)
    save.click()
    find(driver, By.CSS_SELECTOR, "#sec-strengths .msg-success")
    assert NarrativeSection.objects.get(key="strengths").text == "Ưu điểm: {{ tthc.total }}tổng số"
    assert driver.execute_script("return window.__same") == 1
    assert _editor(driver, "limitations").get_attribute("value") == "Bản nháp chưa lưu về hạn chế."
    assert driver.execute_script("return window.cchcEditor.guarded()")  # limitations still dirty

    # A refused save shows its error beside its section, the text kept.
    egov = _editor(driver, "egov")
    egov.send_keys(Keys.CONTROL, "a")
    egov.send_keys("Sai {{ egov.khong_co }}.")
    driver.find_element(By.CSS_SELECTOR, "#sec-egov button[value=save]").click()
    error = find(driver, By.CSS_SELECTOR, "#sec-egov .errorlist")
    assert "Chỉ tiêu không tồn tại" in error.text
    assert _editor(driver, "egov").get_attribute("value") == "Sai {{ egov.khong_co }}."

    # Come back later (the edits marked clean first, so that no leave-page dialog blocks the
    # driver): the draft is offered and restored.
    driver.execute_script(
        "document.querySelectorAll('textarea.editor').forEach(t => {"
        " t.defaultValue = t.value; delete t.dataset.unsaved; });"
    )
    assert driver.execute_script("return window.cchcEditor.dirty()") is False
    driver.get("about:blank")
    driver.get(live_server.url + EDITOR)
    wait(driver).until(page_loaded)
    restore = find(driver, By.CSS_SELECTOR, "#sec-limitations .draft-restore")
    found = violations(driver)
    assert not found, describe("editor with a draft offered", found)
    assert _editor(driver, "limitations").get_attribute("value") != "Bản nháp chưa lưu về hạn chế."
    restore.click()
    assert _editor(driver, "limitations").get_attribute("value") == "Bản nháp chưa lưu về hạn chế."
    assert driver.execute_script("return window.cchcEditor.guarded()")
    # The saved section offers no draft any more.
    assert not driver.find_elements(By.CSS_SELECTOR, "#sec-strengths .draft-bar")
