"""At phone width (390 px) the main pages fit the screen (no sideways scrolling), tables read as
stacked cards labelled by their columns, and a clerk enters a dossier."""

from __future__ import annotations

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select

from tests.helpers.browser import click_to_load, wait
from tests.helpers.documents import load_seed_commune
from tthc.models import Dossier

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

U = "/u/21073/2023"


def fits(driver) -> bool:
    """Nothing scrolls sideways: neither the page nor a table inside a scrolling box."""
    return driver.execute_script(
        "const w = window.innerWidth + 1;"
        "if (document.documentElement.scrollWidth > w) return false;"
        "return Array.from(document.querySelectorAll('table.grid:not(.entry-grid)'))"
        "  .every((t) => t.getBoundingClientRect().width <= w);"
    )


def phone(driver) -> None:
    driver.set_window_size(390, 844)
    assert driver.execute_script("return window.innerWidth") <= 400


@pytest.mark.parametrize(
    ("user", "pages"),
    [
        (
            "clerk.a",
            ["/", f"{U}/", f"{U}/indicators/", f"{U}/tthc/dossiers/", f"{U}/staff/people/"],
        ),
        ("reviewer.d", ["/", "/u/524/2023/indicators/", "/u/524/2023/dashboard/", f"{U}/"]),
    ],
)
def test_main_pages_fit_a_phone(live_server, browser_login, cast, user, pages):
    load_seed_commune(cast)
    driver = browser_login(user)
    phone(driver)
    wide = []
    for path in pages:
        driver.get(live_server.url + path)
        wait(driver).until(lambda d: d.execute_script("return document.readyState") == "complete")
        if not fits(driver):
            width = driver.execute_script("return document.documentElement.scrollWidth")
            wide.append(f"{path}: {width}px")
    assert not wide, wide


def test_home_open_link_is_fully_visible_and_cells_are_labelled(live_server, browser_login, cast):
    load_seed_commune(cast)
    driver = browser_login("clerk.a")
    phone(driver)
    driver.get(live_server.url + "/")
    link = wait(driver).until(EC.element_to_be_clickable((By.CSS_SELECTOR, "#my-reports a")))
    box = driver.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return [r.left, r.right];", link
    )
    assert box[0] >= 0 and box[1] <= driver.execute_script("return window.innerWidth")
    # Each cell of the stacked table carries its column's name.
    cell = driver.find_element(By.CSS_SELECTOR, "#my-reports tbody td")
    assert cell.get_attribute("data-label")


def test_a_clerk_enters_a_dossier_on_a_phone(live_server, browser_login, cast):
    driver = browser_login("clerk.a")
    phone(driver)
    driver.get(live_server.url + f"{U}/tthc/dossiers/new/")
    assert fits(driver)
    for name, text in (
        ("code", "HS-PHONE-1"),
        ("procedure_code", "1.001234"),
        ("received_at", "01/03/2023 08:00"),
        ("due_at", "03/03/2023 17:00"),
    ):
        driver.find_element(By.NAME, name).send_keys(text)
    Select(driver.find_element(By.NAME, "channel")).select_by_value("direct")
    Select(driver.find_element(By.NAME, "status")).select_by_value("pending")
    save = driver.find_element(By.NAME, "save")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", save)
    click_to_load(driver, save)
    wait(driver).until(EC.url_to_be(live_server.url + f"{U}/tthc/dossiers/"))
    assert Dossier.objects.filter(code="HS-PHONE-1", unit=cast.commune_a).exists()
