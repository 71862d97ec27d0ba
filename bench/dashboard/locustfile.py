"""Signed-in reviewers loading one page (BENCH_PATH) again and again (bench_dashboard.py).

Each user signs in once through the real login form, waits for the others, then requests the page, waiting
BENCH_WAIT_MIN–BENCH_WAIT_MAX seconds between views (0–0 = back to back)."""

from __future__ import annotations

import os
import re

from gevent.event import Event
from locust import HttpUser, between, task

PATH = os.environ["BENCH_PATH"]
NAME = os.environ.get("BENCH_NAME", PATH)
USER = os.environ["BENCH_USER"]
PASSWORD = os.environ["BENCH_PASSWORD"]
USERS = int(os.environ.get("BENCH_USERS", "20"))
# Every user signs in before any page is requested (signing in hashes the password, seconds of
# CPU for 20 users): the page's statistics start with the first page request.
_signed_in = Event()
_count = 0
WAIT = (float(os.environ.get("BENCH_WAIT_MIN", "0")), float(os.environ.get("BENCH_WAIT_MAX", "0")))


class Reviewer(HttpUser):
    wait_time = between(*WAIT)

    def on_start(self):
        page = self.client.get("/accounts/login/", name="login")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        r = self.client.post(
            "/accounts/login/",
            {"username": USER, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": self.host + "/accounts/login/"},
            name="login",
            allow_redirects=False,
        )
        if r.status_code != 302:
            raise RuntimeError(f"login failed: {r.status_code}")
        global _count
        _count += 1
        if _count >= USERS:
            _signed_in.set()
        _signed_in.wait(timeout=300)

    @task
    def page(self):
        with self.client.get(PATH, name=NAME, catch_response=True) as r:
            # a whole page (checked on the bytes: decoding 0.5 MB would cost the load tool CPU)
            if r.status_code != 200 or b"</html>" not in r.content[-64:]:
                r.failure(f"status {r.status_code}")
