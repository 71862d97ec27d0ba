"""The demo's register of documents for Xã Bình Phước 2023: the seed's references are records,
the narrative cites them by placeholder, and the rendered report (PDF text) prints every one of
them with its date and issuing body, plus the seed's provincial/national online-service split."""

from __future__ import annotations

import re

import pytest

from plans.models import PlanTask, RegisteredDocument
from reports.indicators import compute
from reports.narrative.citation_checks import unknown_citations
from reports.narrative.selectors import section_texts
from reports.rendering.services import document_render
from reports.services import report_get_or_create
from reports.validation import validate
from tests.helpers.documents import load_seed_commune, pdf_text

pytestmark = pytest.mark.django_db

# What the seed prints (with the register's dates zero-padded, SPEC §8).
SEED_CITATIONS = [
    "Nghị quyết số 76/NQ-CP ngày 15/07/2021 của Chính phủ",
    "Quyết định số 2621/QĐ-UBND ngày 31/12/2022",
    "Kế hoạch CCHC năm 2023 tại Quyết định số 690/QĐ-UBND ngày 30/12/2022",
    "Công văn số 58/UBND ngày 22/02/2023",
    "Kế hoạch số 18/KH-UBND ngày 22/02/2023",
    "Kế hoạch số 15/KH-UBND ngày 16/02/2023",
    "Kế hoạch số 17/KH-UBND về truyền thông",
    "Kế hoạch số 13/KH-UBND ngày 17/02/2023",
    "Kế hoạch số 64/KH-UBND ngày 28/08/2023",
    "Nghị định số 61/2018/NĐ-CP ngày 23/04/2018 của Chính phủ",
    "Quyết định số 44/2022/QĐ-UBND ngày 24/11/2022 của UBND tỉnh Quảng Ngãi",
    "Kế hoạch số 09/KH-UBND ngày 30/01/2023",
    "Nghị định số 33/2023/NĐ-CP ngày 10/06/2023 của Chính phủ",
    "Quyết định số 96/QĐ-UBND ngày 03/02/2023 của UBND tỉnh Quảng Ngãi",
    "Kế hoạch số 03/KH-UBND ngày 16/01/2023",
    "Kế hoạch số 16/KH-UBND ngày 22/02/2023",
    "Quyết định số 76/QĐ-UBND ngày 20/02/2023",
    "Quyết định số 48/2021/QĐ-UBND ngày 22/09/2021 của UBND tỉnh Quảng Ngãi",
    "Chỉ thị số 31-CT/TU ngày 13/06/2014 của Tỉnh ủy Quảng Ngãi",
    "Quyết định số 30/QĐ-UBND ngày 30/01/2023",
    "Quyết định số 906/QĐ-UBND ngày 14/06/2023 của Chủ tịch UBND tỉnh Quảng Ngãi",
]


def flat(text: str) -> str:
    """One line; a line may break after a slash ("44/2022/" | "QĐ-UBND")."""
    return re.sub(r"/ ", "/", re.sub(r"\s+", " ", text))


@pytest.fixture
def seeded(cast):
    load_seed_commune(cast)
    return cast.commune_a, cast.period


def test_the_register_holds_the_seeds_documents_and_the_plan_sets_the_tasks(seeded):
    unit, period = seeded
    register = {d.reference: d for d in RegisteredDocument.objects.filter(unit=unit, period=period)}
    assert len(register) == 22
    for ref in ("690/QĐ-UBND", "58/UBND", "18/KH-UBND", "61/2018/NĐ-CP", "31-CT/TU", "3986/UBND"):
        assert ref in register, ref
    assert register["17/KH-UBND"].issued_on is None  # the seed gives it no date
    tasks = PlanTask.objects.filter(unit=unit, period=period)
    assert tasks.count() == 28
    assert set(tasks.values_list("plan__number", flat=True)) == {"690"}
    assert compute(unit, period)["documents.plans"] == 8


def test_the_demo_narrative_cites_only_registered_documents(seeded):
    unit, period = seeded
    texts = section_texts(unit=unit, period=period)
    assert "{{ vbs:18/KH-UBND }}" in texts["direction"]
    assert all(unknown_citations(t, unit=unit, period=period) == [] for t in texts.values())
    findings = validate(compute(unit, period), unit=unit, period=period)
    assert [f for f in findings if f.rule.startswith("citation.")] == []


def test_the_rendered_report_prints_every_reference_and_the_online_split(seeded, cast):
    unit, period = seeded
    report = report_get_or_create(unit=unit, period=period)
    doc = document_render(report=report, fmt="pdf", by=cast.clerk_a)
    with doc.file.open("rb") as fh:
        text = flat(pdf_text(fh.read()))
    # pdftotext joins a word broken at a hyphen at the end of a line ("QĐ-" | "UBND")
    unhyphenated = text.replace("-", "")
    missing = [c for c in SEED_CITATIONS if c.replace("-", "") not in unhyphenated]
    assert missing == []
    assert "{{" not in text  # no unresolved placeholder
    # the seed's split: provincial 812/1.524 (684/1.382, 128/142); national 27/27 and 04/04
    assert "812/1.524 hồ sơ" in text and "đạt tỷ lệ 53,28%" in text
    assert "684/1.382 hồ sơ" in text and "128/142 hồ sơ" in text
    assert "trực tuyến 27/27 hồ sơ, đạt tỷ lệ 100" in text
    assert "trực tuyến 04/04 hồ sơ được tiếp nhận, đạt tỷ lệ 100" in text
