"""A figure typed in the narrative that contradicts the indicator it names is an error: it
blocks submission whatever is written to explain it, and the editor's one-click fix replaces the
number by the indicator's placeholder (issue 12, point 1)."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError

from reports.gates import submission_check
from reports.models import NarrativeSection, Report, ReportState, WarningExplanation
from reports.rendering.services import document_render
from reports.services import report_get_or_create
from tests.factories import PASSWORD
from tests.helpers.documents import load_seed_commune, pdf_text

pytestmark = pytest.mark.django_db

BASE = "/u/21073/2023/report/"
RULE = "narrative.limitations.tthc.resolved_late.17"
TYPED = "Trong năm, có 17 hồ sơ trễ hạn trên hệ thống phần mềm tổng hợp."


@pytest.fixture
def typed(cast):
    load_seed_commune(cast)
    return NarrativeSection.objects.update_or_create(
        unit=cast.commune_a,
        period=cast.period,
        key="limitations",
        defaults={"text": TYPED, "version": 3},
    )[0]


@pytest.fixture
def clerk(client, cast):
    client.login(username="clerk.a", password=PASSWORD)
    return client


def test_a_contradicting_figure_blocks_submission_even_when_explained(cast, typed):
    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    WarningExplanation.objects.create(
        unit=cast.commune_a, period=cast.period, rule=RULE, text="Số liệu phần mềm tổng hợp."
    )
    with pytest.raises(ValidationError) as exc:
        submission_check(report)
    text = " ".join(exc.value.messages)
    assert "«17 hồ sơ trễ hạn»" in text and "= 18" in text and "phải sửa" in text


def test_the_editor_offers_the_fix_and_the_fix_prints_the_records_count(cast, typed, clerk):
    page = clerk.get(BASE).content.decode()
    assert 'action="/u/21073/2023/report/section/limitations/fix/"' in page
    assert f'name="rule" value="{RULE}"' in page
    response = clerk.post(BASE + "section/limitations/fix/", {"rule": RULE, "version": "3"})
    assert response.status_code == 302 and response["Location"].endswith("#sec-limitations")
    typed.refresh_from_db()
    assert typed.text == (
        "Trong năm, có {{ tthc.resolved_late }} hồ sơ trễ hạn trên hệ thống phần mềm tổng hợp."
    )
    assert typed.version == 4 and typed.updated_by == cast.clerk_a
    page = clerk.get(BASE).content.decode()
    assert RULE not in page
    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    doc = document_render(report=report, fmt="pdf", by=cast.clerk_a)
    with doc.file.open("rb") as fh:
        text = re.sub(r"\s+", " ", pdf_text(fh.read()))
    assert "có 18 hồ sơ trễ hạn trên hệ thống" in text
    assert "17 hồ sơ trễ hạn" not in text


def test_the_fix_is_refused_when_the_period_is_locked_or_the_text_changed(cast, typed, clerk):
    # someone saved in between: the editor's version is stale, nothing changes
    response = clerk.post(BASE + "section/limitations/fix/", {"rule": RULE, "version": "2"})
    assert response.status_code == 400
    assert "người khác lưu" in response.content.decode()
    typed.refresh_from_db()
    assert typed.text == TYPED and typed.version == 3
    # a rule that names no finding of the text
    response = clerk.post(BASE + "section/limitations/fix/", {"rule": RULE + "9", "version": "3"})
    assert response.status_code == 400
    typed.refresh_from_db()
    assert typed.text == TYPED
    # submitted: the period is locked, the button is gone and the POST changes nothing
    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    Report.objects.filter(pk=report.pk).update(state=ReportState.SUBMITTED)
    assert "section/limitations/fix/" not in clerk.get(BASE).content.decode()
    response = clerk.post(BASE + "section/limitations/fix/", {"rule": RULE, "version": "3"})
    assert response.status_code == 400
    typed.refresh_from_db()
    assert typed.text == TYPED and typed.version == 3
