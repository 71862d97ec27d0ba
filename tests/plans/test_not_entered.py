"""A figure entered by hand that was never entered is *not entered*, not zero (SPEC §6, issue 12
point 6): it is None in the registry, prints "—" on the pages and in the document, and is a
warning before submission until someone enters it (0 included)."""

from __future__ import annotations

import re

import pytest

from plans.models import EnteredFigure
from reports.gates import submission_problems
from reports.indicators import compute
from reports.rendering.services import document_render
from reports.services import report_get_or_create
from tests.factories import PASSWORD
from tests.helpers.documents import load_seed_commune, pdf_text

pytestmark = pytest.mark.django_db

PLANS = "cchc.communication_plans"


def test_never_entered_is_none_and_an_entered_zero_is_zero(cast):
    a, p = cast.commune_a, cast.period
    v = compute(a, p)
    assert v[PLANS] is None
    assert v["egov.electronic_documents_rate_num"] is None
    assert v["egov.electronic_documents_rate"] is None
    EnteredFigure.objects.create(unit=a, period=p, code=PLANS, value=0)
    EnteredFigure.objects.create(
        unit=a, period=p, code="egov.electronic_documents_rate_num", value=0
    )
    EnteredFigure.objects.create(
        unit=a, period=p, code="egov.electronic_documents_rate_den", value=0
    )
    v = compute(a, p)
    assert v[PLANS] == 0
    assert v["egov.electronic_documents_rate_num"] == 0
    assert v["egov.electronic_documents_rate"] is None  # 0/0: no rate, still "—"
    # the district sums what its communes entered; nothing entered anywhere stays None
    d = compute(cast.district, p)
    assert d[PLANS] == 0 and d["cchc.inspections"] is None


def test_not_entered_is_a_warning_until_entered(cast):
    a, p = cast.commune_a, cast.period
    _errors, unexplained, _snap = submission_problems(unit=a, period=p)
    rules = {f.rule for f in unexplained}
    assert f"not_entered.{PLANS}" in rules and "not_entered.cchc.inspections" in rules
    EnteredFigure.objects.create(unit=a, period=p, code=PLANS, value=0)
    _errors, unexplained, _snap = submission_problems(unit=a, period=p)
    rules = {f.rule for f in unexplained}
    assert f"not_entered.{PLANS}" not in rules and "not_entered.cchc.inspections" in rules


def test_pages_and_the_document_print_a_dash_for_not_entered(cast, client):
    load_seed_commune(cast)
    a, p = cast.commune_a, cast.period
    EnteredFigure.objects.filter(unit=a, period=p, code=PLANS).delete()
    client.login(username="clerk.a", password=PASSWORD)
    html = client.get(f"/u/{a.code}/{p.code}/indicators/").content.decode()
    row = re.search(r'data-code="cchc.communication_plans".*?</tr>', html, re.S).group(0)
    assert '<td class="num value">—' in row or ">—<" in row
    assert ">0<" not in row
    report = report_get_or_create(unit=a, period=p)
    doc = document_render(report=report, fmt="pdf", by=cast.clerk_a)
    with doc.file.open("rb") as fh:
        lines = pdf_text(fh.read(), "-layout").splitlines()
    row = next(ln for ln in lines if "Kế hoạch tuyên truyền CCHC" in ln)
    assert "—" in row and not re.search(r"\s0\s*$", row), row
    row = next(ln for ln in lines if "Văn bản đi, đến được xử lý" in ln)
    assert "—" in row and " 0 " not in row, row
