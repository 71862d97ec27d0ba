"""Explaining a warning in place (htmx): only the warning's box comes back, with the count of
what is left out of band; badges link to their warning; without htmx the page comes back at it."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest

from orgs.models import Period
from plans.models import PlanTask
from reports.models import WarningExplanation
from reports.snapshots import snapshot_refresh
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def _own_cache_keys(settings):
    default = {**settings.CACHES["default"], "KEY_PREFIX": f"exp-{uuid.uuid4().hex}"}
    settings.CACHES = {"default": default}


@pytest.fixture
def warned(cast, client):
    """Plan tasks fell from 10 to 2: the year-over-year warning of plan.tasks."""
    last = Period.objects.create(
        code="2022", start=dt.date(2021, 12, 15), end=dt.date(2022, 10, 31)
    )
    PlanTask.objects.bulk_create(
        [PlanTask(unit=cast.commune_a, period=last, title="t") for _ in range(10)]
        + [PlanTask(unit=cast.commune_a, period=cast.period, title="t") for _ in range(2)]
    )
    snapshot_refresh(unit=cast.commune_a, period=cast.period)
    assert client.login(username=cast.clerk_a.username, password=PASSWORD)
    return client


URL = "/u/21073/2023/indicators/"


def _left(html: str) -> int:
    return int(re.search(r'data-left="(\d+)"', html).group(1))


def test_the_page_counts_what_is_left_and_badges_link_to_their_warning(warned):
    html = warned.get(URL).content.decode()
    total = html.count('class="finding sev-warning')
    assert total >= 1 and _left(html) == total
    assert 'id="finding-yoy.plan.tasks"' in html
    assert 'href="#finding-yoy.plan.tasks"' in html  # the badge in the plan.tasks row
    assert 'hx-post="/u/21073/2023/indicators/explain/yoy.plan.tasks/"' in html
    # The formula opens by keyboard and touch (a disclosure), not only as a tooltip.
    assert '<details class="formula-help"><summary><span class="ind-label"' in html


def test_an_htmx_explanation_returns_the_box_and_the_count_out_of_band(warned, cast):
    before = _left(warned.get(URL).content.decode())
    r = warned.post(URL + "explain/yoy.plan.tasks/", {"text": "Gộp nhiệm vụ."}, **HTMX)
    assert r.status_code == 200
    html = r.content.decode()
    assert "<html" not in html  # a fragment, not a page
    assert html.lstrip().startswith('<li class="finding sev-warning explained"')
    assert 'id="finding-yoy.plan.tasks"' in html and "Gộp nhiệm vụ." in html
    assert "Đã lưu giải trình." in html
    assert 'id="warnings-count"' in html and 'hx-swap-oob="true"' in html
    assert _left(html) == before - 1
    assert WarningExplanation.objects.get(rule="yoy.plan.tasks").by == cast.clerk_a


def test_an_empty_htmx_explanation_shows_its_error_in_the_box_and_stores_nothing(warned):
    r = warned.post(URL + "explain/yoy.plan.tasks/", {"text": "   "}, **HTMX)
    html = r.content.decode()
    assert 'role="alert"' in html and "không được để trống" in html
    assert 'id="finding-yoy.plan.tasks"' in html
    assert not WarningExplanation.objects.exists()


def test_without_htmx_the_page_comes_back_at_the_warning(warned):
    r = warned.post(URL + "explain/yoy.plan.tasks/", {"text": "Gộp nhiệm vụ."})
    assert r.status_code == 302 and r["Location"] == URL + "#finding-yoy.plan.tasks"
