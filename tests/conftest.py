"""Shared fixtures: the fixed cast of units and users, a real Celery worker, a real browser.

In CI (CI=true) a test that needs PostgreSQL, Redis or Chromium fails when the service is
missing; elsewhere it is skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import socket
from typing import TYPE_CHECKING
from urllib.parse import urlparse

import pytest

if TYPE_CHECKING:
    from tests.factories import Cast

IN_CI = os.environ.get("CI", "").lower() == "true"


def _reachable(url: str, default_port: int) -> bool:
    u = urlparse(url)
    try:
        with socket.create_connection(
            (u.hostname or "127.0.0.1", u.port or default_port), timeout=2
        ):
            return True
    except OSError:
        return False


def need(condition: bool, reason: str) -> None:
    """Fail in CI, skip elsewhere, when a service the test needs is missing."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required service missing in CI: {reason}")
    pytest.skip(reason)


def pytest_configure(config):
    if IN_CI:
        problems = []
        db = os.environ.get("DATABASE_URL", "")
        if not db.startswith("postgres"):
            problems.append("DATABASE_URL must point at PostgreSQL in CI")
        elif not _reachable(db, 5432):
            problems.append(f"PostgreSQL not reachable at {db}")
        redis_url = os.environ.get("REDIS_URL", "")
        if not redis_url:
            problems.append("REDIS_URL must be set in CI")
        elif not _reachable(redis_url, 6379):
            problems.append(f"Redis not reachable at {redis_url}")
        if problems:
            raise pytest.UsageError("; ".join(problems))


@pytest.fixture(autouse=True)
def _eager_celery_by_default(settings, tmp_path):
    """Unit tests run tasks in-process; the `celery_worker` fixture switches to a real worker."""
    from cchc_portal.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LANGUAGE_CODE = "vi"
    yield
    app.conf.task_always_eager = True


@pytest.fixture
def celery_worker(transactional_db):
    """A real Celery worker (a thread of this process) consuming from the real Redis broker.

    Each xdist worker uses its own queue so that a task is executed against the test database
    of the process that sent it."""
    redis_url = os.environ.get("REDIS_URL", "")
    need(bool(redis_url) and _reachable(redis_url, 6379), "REDIS_URL not set or Redis unreachable")
    from celery.contrib.testing.worker import start_worker

    from cchc_portal.celery import app

    queue = f"cchc-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{os.getpid()}"
    app.conf.task_always_eager = False
    app.conf.broker_url = redis_url
    app.conf.result_backend = redis_url
    app.conf.task_default_queue = queue
    app.conf.task_ignore_result = False
    # Tasks bound before this point (any access to a task finalizes the app) took
    # ignore_result=True from the settings; results are needed here.
    ignored = {name: t.ignore_result for name, t in app.tasks.items()}
    for t in app.tasks.values():
        t.ignore_result = False
    app.loader.import_module("celery.contrib.testing.tasks")
    with start_worker(
        app,
        pool="solo",
        concurrency=1,
        perform_ping_check=False,
        queues=[queue],
        loglevel="WARNING",
        shutdown_timeout=10,
    ):
        yield app
    app.conf.task_always_eager = True
    app.conf.task_ignore_result = True
    for name, value in ignored.items():
        app.tasks[name].ignore_result = value


@pytest.fixture
def cast(db) -> Cast:
    """Province → district (communes A, B) and another district (commune C); the fixed cast:
    clerk of A, clerk of B, approver of A, reviewer of the district, reviewer of the other
    district, admin; the period 2023 (15/12/2022–31/10/2023)."""
    from tests.factories import make_cast

    return make_cast()


@pytest.fixture
def chromium_driver(request):
    need(
        bool(shutil.which("chromium")) and bool(shutil.which("chromedriver")),
        "Debian chromium and chromium-driver packages are not installed",
    )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1000",
    ):
        options.add_argument(arg)
    # The browser's locale (what an English-locale browser would do to dates, messages).
    marker = request.node.get_closest_marker("browser_lang")
    lang = marker.args[0] if marker else "vi"
    options.add_argument(f"--lang={lang}")
    options.add_experimental_option("prefs", {"intl.accept_languages": lang})
    # No implicit wait: every test waits explicitly (tests/helpers/browser.py).
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    yield driver
    driver.quit()


@pytest.fixture
def browser_login(live_server, chromium_driver):
    """Log a user in through the real login page; returns a function(username, password)."""
    from selenium.webdriver.common.by import By

    from tests.factories import PASSWORD
    from tests.helpers.browser import page_loaded, wait

    def login(username: str, password: str = PASSWORD):
        chromium_driver.get(live_server.url + "/accounts/login/")
        chromium_driver.find_element(By.NAME, "username").send_keys(username)
        chromium_driver.find_element(By.NAME, "password").send_keys(password)
        chromium_driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        # Wait for the login POST to finish (the next page, or the error message), so that a
        # following get() cannot abort it before the session cookie is set.
        wait(chromium_driver, 20).until(
            lambda d: (
                "/accounts/login/" not in d.current_url
                or d.find_elements(By.CSS_SELECTOR, ".msg-error")
            )
        )
        wait(chromium_driver, 20).until(page_loaded)
        return chromium_driver

    return login
