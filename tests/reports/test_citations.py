"""Citations of the register of documents in the narrative: `{{ vb:18/KH-UBND }}` prints
"Kế hoạch số 18/KH-UBND ngày … của …"; an unknown reference is refused on save and blocks
submission; the editor lists the register; the default text cites the plan of the period."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from plans.models import DocumentType, PlanTask, RegisteredDocument
from reports.gates import submission_check
from reports.models import NarrativeSection, Report
from reports.narrative.placeholders import document_values, render_runs, unknown_placeholders
from reports.narrative.services import narrative_save
from tests.helpers.sending import ready_to_send

pytestmark = pytest.mark.django_db


def register(cast, **kw):
    data = {
        "unit": cast.commune_a,
        "period": cast.period,
        "doc_type": DocumentType.PLAN,
        "number": "18",
        "symbol": "KH-UBND",
        "issued_on": dt.date(2023, 2, 22),
        "issuer": "UBND xã Bình Phước",
        "subject": "Tuyên truyền cải cách hành chính năm 2023",
    }
    data.update(kw)
    return RegisteredDocument.objects.create(**data)


def text_of(response) -> str:
    return re.sub(r"<[^>]+>", "", response.content.decode())


def printed(text, cast, unit=None):
    unit = unit or cast.commune_a
    doc = document_values(unit=unit, period=cast.period)
    return "".join(r.text for p in render_runs(text, values={}, doc_values=doc) for r in p)


def test_a_citation_prints_type_number_date_and_issuer(cast):
    register(cast)
    register(
        cast,
        doc_type=DocumentType.DECREE,
        number="61/2018",
        symbol="NĐ-CP",
        issued_on=dt.date(2018, 4, 23),
        issuer="Chính phủ",
        subject="Một cửa",
    )
    register(cast, number="17", issued_on=None, subject="Truyền thông về kiểm soát TTHC")
    text = (
        "Ban hành {{ vb:18/KH-UBND }}; căn cứ {{ vb:61/2018/NĐ-CP }}; "
        "tại {{ vbs:18/KH-UBND }} và {{ vbs:17/KH-UBND }}."
    )
    assert printed(text, cast) == (
        "Ban hành Kế hoạch số 18/KH-UBND ngày 22/02/2023 của UBND xã Bình Phước; căn cứ Nghị "
        "định số 61/2018/NĐ-CP ngày 23/04/2018 của Chính phủ; tại Kế hoạch số 18/KH-UBND ngày "
        "22/02/2023 và Kế hoạch số 17/KH-UBND."
    )
    # spaces and letter case in the reference do not matter
    assert printed("{{ vb: 18/kh-ubnd }}", cast).startswith("Kế hoạch số 18/KH-UBND")


def test_a_citation_is_of_the_units_register_only(cast):
    register(cast, unit=cast.commune_b, issuer="UBND xã Bình Trị")
    doc = document_values(unit=cast.commune_a, period=cast.period)
    assert unknown_placeholders("{{ vb:18/KH-UBND }}", doc) == ["vb:18/KH-UBND"]
    assert printed("{{ vb:18/KH-UBND }}", cast) == "{{ vb:18/KH-UBND }}"  # visible marker
    assert "UBND xã Bình Trị" in printed("{{ vb:18/KH-UBND }}", cast, unit=cast.commune_b)


def test_saving_an_unknown_citation_is_refused_and_a_known_one_is_stored(cast):
    with pytest.raises(ValidationError) as exc:
        narrative_save(
            unit=cast.commune_a,
            period=cast.period,
            key="direction",
            text="Theo {{ vb:18/KH-UBND }}.",
            version=0,
            by=cast.clerk_a,
        )
    assert "Văn bản không có trong sổ văn bản của kỳ: {{ vb:18/KH-UBND }}" in exc.value.messages[0]
    assert not NarrativeSection.objects.exists()
    register(cast)
    row = narrative_save(
        unit=cast.commune_a,
        period=cast.period,
        key="direction",
        text="Theo {{ vb:18/KH-UBND }}.",
        version=0,
        by=cast.clerk_a,
    )
    assert row.text == "Theo {{ vb:18/KH-UBND }}."


def test_a_citation_whose_document_left_the_register_blocks_submission(cast):
    doc = register(cast)
    narrative_save(
        unit=cast.commune_a,
        period=cast.period,
        key="procedures",
        text="Theo {{ vb:18/KH-UBND }}.",
        version=0,
        by=cast.clerk_a,
    )
    report = Report.objects.get(unit=cast.commune_a, period=cast.period)
    ready_to_send(cast.commune_a, cast.period)  # a signer; warnings explained
    submission_check(report)  # cited and present: no error
    doc.delete()
    with pytest.raises(ValidationError) as exc:
        submission_check(report)
    assert any(
        "trích dẫn văn bản {{ vb:18/KH-UBND }} không có trong sổ văn bản" in m
        for m in exc.value.messages
    )


def test_the_editor_lists_the_register_and_previews_citations(client, cast):
    register(cast)
    client.force_login(cast.clerk_a)
    url = reverse("document_editor", args=["21073", "2023"])
    html = client.get(url).content.decode()
    assert "{{ vb:18/KH-UBND }}" in html and "{{ vbs:18/KH-UBND }}" in html
    assert "Kế hoạch số 18/KH-UBND ngày 22/02/2023 của UBND xã Bình Phước" in html
    preview = client.post(
        reverse("document_section_preview", args=["21073", "2023", "direction"]),
        {"text": "Theo {{ vb:18/KH-UBND }} và {{ vb:99/KH-UBND }}."},
    ).content.decode()
    assert "Kế hoạch số 18/KH-UBND ngày 22/02/2023" in preview
    assert "vb:99/KH-UBND" in preview


def test_the_default_text_cites_the_plan_of_the_period_when_tasks_name_it(client, cast):
    client.force_login(cast.clerk_a)
    url = reverse("document_preview", args=["21073", "2023"])
    html = text_of(client.get(url))
    assert "đã ban hành Kế hoạch CCHC năm 2023; trong đó" in html
    plan = register(
        cast,
        doc_type=DocumentType.DECISION,
        number="690",
        symbol="QĐ-UBND",
        issued_on=dt.date(2022, 12, 30),
        subject="Ban hành Kế hoạch CCHC năm 2023",
    )
    register(cast)  # another document, linked by no task
    for title in ("A", "B"):
        PlanTask.objects.create(unit=cast.commune_a, period=cast.period, title=title, plan=plan)
    html = text_of(client.get(url))
    assert (
        "đã ban hành Kế hoạch CCHC năm 2023 tại Quyết định số 690/QĐ-UBND ngày 30/12/2022; trong đó"
    ) in html
