"""The editor saves a section alone with htmx (the page's other sections are not sent back to
the server nor replaced), shows a refused save beside its section, and lists its placeholders
as insert buttons with their formula reachable without a tooltip."""

from __future__ import annotations

import re

import pytest

from reports.models import NarrativeSection
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

BASE = "/u/21073/2023/report/"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def clerk(client, cast):
    client.login(username="clerk.a", password=PASSWORD)
    return client


def _section(html: str, key: str) -> str:
    start = html.index(f'<section class="card editor-section" id="sec-{key}"')
    return html[start : html.index("</section>", start)]


def test_an_htmx_save_returns_the_section_saved_with_its_new_version(cast, clerk):
    r = clerk.post(
        BASE + "section/strengths/", {"text": "Đạt {{ tthc.total }}.", "version": "0"}, **HTMX
    )
    assert r.status_code == 200
    section = _section(r.content.decode(), "strengths")
    assert "Đã lưu nội dung mục." in section
    assert 'name="version" value="1"' in section
    assert NarrativeSection.objects.get(key="strengths").text == "Đạt {{ tthc.total }}."
    # The form swaps only its own section.
    assert 'hx-target="#sec-strengths" hx-select="#sec-strengths" hx-swap="outerHTML"' in section


def test_a_refused_htmx_save_shows_the_error_beside_the_section_and_keeps_the_text(cast, clerk):
    r = clerk.post(
        BASE + "section/egov/", {"text": "Có {{ egov.khong_co }} tổ.", "version": "0"}, **HTMX
    )
    assert r.status_code == 200  # htmx swaps it in
    section = _section(r.content.decode(), "egov")
    assert '<ul class="errorlist" role="alert">' in section
    assert "Chỉ tiêu không tồn tại: {{ egov.khong_co }}" in section
    assert "Có {{ egov.khong_co }} tổ.</textarea>" in section and 'data-unsaved="1"' in section
    assert not NarrativeSection.objects.exists()


def test_placeholders_are_insert_buttons_with_their_formula_in_a_disclosure(cast, clerk):
    html = clerk.get(BASE).content.decode()
    assert '<button type="button" class="ph-insert" data-insert="tthc.on_time_rate"' in html
    assert '<button type="button" class="ph-insert" data-insert="period.label"' in html
    item = re.search(r'<li data-code="tthc.on_time_rate".*?</li>', html, re.S).group(0)
    assert '<details class="ph-formula"><summary>Công thức</summary>' in item
    assert "× 100" in item
    assert 'src="/static/js/editor.js"' in html and "data-draft-scope=" in html
