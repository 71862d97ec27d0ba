"""Every main page, for each role that uses it, passes axe-core (selenium-axe-python ships
axe-core 4.9) with no critical or serious violation of WCAG 2.1 A/AA."""

from __future__ import annotations

import pytest
from selenium_axe_python import Axe

from tests.helpers.browser import wait
from tests.helpers.documents import load_seed_commune

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

U = "/u/21073/2023"
D = "/u/524/2023"

# The pages of each role's daily work (the seed commune's data: warnings, badges, tables).
PAGES = {
    "clerk.a": [
        "/",
        f"{U}/",
        f"{U}/tthc/dossiers/",
        f"{U}/tthc/dossiers/new/",
        f"{U}/staff/people/",
        f"{U}/tasks/figures/grid/",
        f"{U}/import/",
        f"{U}/import/dossiers/",
        f"{U}/indicators/",
        f"{U}/report/",
        f"{U}/tasks/documents/",
        f"{U}/comments/",
        "/notifications/",
        "/verify/",
    ],
    "approver.a": [
        "/",
        f"{U}/",
        f"{U}/report/",
        f"{U}/report/settings/",
        f"{U}/report/sign/",
        f"{U}/indicators/",
        f"{U}/transition/submit/confirm/",
    ],
    "reviewer.d": [
        "/",  # the inbox
        f"{U}/",
        f"{U}/indicators/",
        f"{D}/indicators/",
        f"{D}/",
        f"{D}/dashboard/",
        f"{D}/dashboard/targets/",
        f"{U}/report/versions/",
        "/notifications/",
    ],
}

BLOCKING = {"critical", "serious"}
OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def violations(driver) -> list[dict]:
    axe = Axe(driver)
    axe.inject()
    result = axe.run(options=OPTIONS)
    return [v for v in result["violations"] if v.get("impact") in BLOCKING]


def describe(url: str, found: list[dict]) -> str:
    lines = [f"{url}:"]
    for v in found:
        targets = [", ".join(n["target"]) for n in v["nodes"][:5]]
        lines.append(f"  {v['impact']} {v['id']}: {v['help']} — {targets}")
    return "\n".join(lines)


def test_the_login_page_passes_axe(live_server, chromium_driver):
    chromium_driver.get(live_server.url + "/accounts/login/")
    found = violations(chromium_driver)
    assert not found, describe("/accounts/login/", found)


@pytest.mark.parametrize("user", list(PAGES))
def test_every_main_page_of_the_role_passes_axe(live_server, browser_login, cast, user):
    load_seed_commune(cast)
    driver = browser_login(user)
    problems = []
    for path in PAGES[user]:
        driver.get(live_server.url + path)
        wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")
        found = violations(driver)
        if found:
            problems.append(describe(path, found))
    assert not problems, "\n".join(problems)
