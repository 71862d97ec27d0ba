"""Versioned submissions (issue 11, point 2) and document settings per unit × period (issue 12,
point 5): each submit freezes what was sent; the documents of a submitted report print the
frozen version whatever happens to the records afterwards; accept and sign act on that version;
the reviewer sees what changed since the previous submission."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError

from orgs.models import Level
from reports.docsettings import settings_for
from reports.indicators import compute, to_json
from reports.models import (
    DocumentSettings,
    IndicatorSnapshot,
    NarrativeSection,
    ReportState,
    ReportTransition,
    ReportVersion,
    WarningExplanation,
)
from reports.rendering.context import build_context
from reports.rendering.services import document_render, render_bytes
from reports.sections import SECTION_KEYS
from reports.services import report_get_or_create, report_transition
from reports.snapshots import snapshot_refresh, snapshot_refresh_period
from reports.versions import version_diff, version_latest, version_payload_hash
from tests.factories import PASSWORD, PeriodFactory, UnitFactory
from tests.helpers.documents import load_seed_commune, pdf_text
from tthc.models import Dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(cast):
    load_seed_commune(cast)
    return report_get_or_create(unit=cast.commune_a, period=cast.period)


def _submit(cast, report):
    return report_transition(report=report, name="submit", by=cast.approver_a)


def _more_dossiers(cast, n: int = 3) -> None:
    """Records that arrive after the submission (an import finishing late, an admin edit)."""
    template = Dossier.objects.filter(unit=cast.commune_a).order_by("pk").first()
    received = dt.datetime(2023, 6, 1, 9, tzinfo=dt.UTC)
    for i in range(n):
        template.pk = None
        template.id = None
        template.code = f"LATE-{i}"
        template.received_at = received
        template.save()


def _pdf(report) -> str:
    data, _pages = render_bytes(build_context(report=report), "pdf")
    return pdf_text(data)


def _docx(report) -> str:
    from docx import Document

    from tests.reports.test_render_docx import docx_text

    data, _pages = render_bytes(build_context(report=report), "docx")
    return docx_text(Document(io.BytesIO(data)))


def test_a_submit_freezes_values_findings_narrative_and_settings(cast, seeded):
    snap = snapshot_refresh(unit=cast.commune_a, period=cast.period, ancestors=False)
    rule = next((f["rule"] for f in snap.validation), None)
    if rule is not None:
        WarningExplanation.objects.create(
            unit=cast.commune_a, period=cast.period, rule=rule, text="Do sáp nhập bộ phận."
        )
    report = _submit(cast, seeded)

    version = version_latest(report)
    assert version is not None and version.number == 1
    assert version.submitted_by == cast.approver_a
    snap = IndicatorSnapshot.objects.get(unit=cast.commune_a, period=cast.period)
    assert version.values == snap.values == to_json(compute(cast.commune_a, cast.period))
    assert set(version.narrative) == set(SECTION_KEYS)
    assert all(version.narrative[k] for k in ("direction", "procedures"))  # as printed
    assert version.document_settings["addressee"] == "Phòng Nội vụ huyện Bình Sơn"
    assert version.document_settings["signer_name"] == "Ngô Văn Vương"
    assert version.last_values is not None  # 2022 beside 2023 in the appendix
    assert version.sha256 == version_payload_hash(version)
    if rule is not None:
        explained = [f for f in version.findings if f["rule"] == rule]
        assert explained and explained[0]["explanation"] == "Do sáp nhập bộ phận."
    transition = ReportTransition.objects.get(report=report, to_state=ReportState.SUBMITTED)
    assert transition.version_number == 1


def test_records_changed_after_submit_change_neither_the_version_nor_its_pdf(cast, seeded):
    report = _submit(cast, seeded)
    version = version_latest(report)
    frozen = (version.values, version.narrative, version.document_settings, version.sha256)
    before = _pdf(report)
    before_docx = _docx(report)
    assert "Ngô Văn Vương" in before and "Ngô Văn Vương" in before_docx

    # After the submission: records arrive, the narrative and the settings are changed behind
    # the lock's back (admin SQL), and every automatic recompute runs.
    _more_dossiers(cast)
    NarrativeSection.objects.update_or_create(
        unit=cast.commune_a,
        period=cast.period,
        key="direction",
        defaults={"text": "Văn bản sửa sau khi gửi."},
    )
    DocumentSettings.objects.filter(unit=cast.commune_a, period=cast.period).update(
        signer_name="Người Khác"
    )
    snapshot_refresh(unit=cast.commune_a, period=cast.period)
    snapshot_refresh_period(period=cast.period)
    live = compute(cast.commune_a, cast.period)
    assert live["tthc.total"] == version.values["tthc.total"] + 3  # the records did change

    version.refresh_from_db()
    assert (
        version.values,
        version.narrative,
        version.document_settings,
        version.sha256,
    ) == frozen
    report.refresh_from_db()
    after = _pdf(report)
    assert after == before
    assert _docx(report) == before_docx
    assert "Người Khác" not in after and "Văn bản sửa sau khi gửi" not in after
    # The stored file of the submitted report says which version it printed.
    doc = document_render(report=report, fmt="pdf", by=cast.approver_a)
    assert doc.version_number == 1


def test_an_import_finishing_after_submit_does_not_alter_the_submitted_figures(cast, seeded):
    """The race of issue 11: the import's rows commit 2.6 s after the submit and its recompute
    runs; the snapshot, the version and the document keep the submitted figures."""
    report = _submit(cast, seeded)
    submitted = version_latest(report).values["tthc.total"]
    _more_dossiers(cast, 5)
    from reports.recompute import records_changed

    records_changed(unit=cast.commune_a, period=cast.period)
    snapshot_refresh(unit=cast.commune_a, period=cast.period)
    snap = IndicatorSnapshot.objects.get(unit=cast.commune_a, period=cast.period)
    assert snap.values["tthc.total"] == submitted
    assert build_context(report=report)["values"]["tthc.total"] == submitted
    assert version_latest(report).values["tthc.total"] == submitted


def test_accept_acts_on_the_version_the_reviewer_saw(cast, seeded):
    report = _submit(cast, seeded)
    report = report_transition(report=report, name="return", by=cast.reviewer, comment="Sửa lại")
    report = _submit(cast, report)
    assert version_latest(report).number == 2
    # A reviewer who opened the page on version 1 is refused: the report was sent again.
    with pytest.raises(ValidationError):
        report_transition(report=report, name="accept", by=cast.reviewer, expected_version=1)
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED
    report = report_transition(report=report, name="accept", by=cast.reviewer, expected_version=2)
    accept = ReportTransition.objects.get(report=report, to_state=ReportState.ACCEPTED)
    assert accept.version_number == 2
    # The number is the number of submit transitions (the API's «version»).
    submits = ReportTransition.objects.filter(report=report, to_state=ReportState.SUBMITTED)
    assert submits.count() == 2 == ReportVersion.objects.filter(report=report).count()
    assert sorted(submits.values_list("version_number", flat=True)) == [1, 2]


def test_the_signed_pdf_is_the_accepted_version(cast, seeded):
    from reports.signing import Pkcs12Signer, sign_report
    from tests.helpers.signing import P12_PASSWORD, make_test_ca_and_p12

    report = _submit(cast, seeded)
    report = report_transition(report=report, name="accept", by=cast.reviewer)
    _more_dossiers(cast)  # after acceptance: must not reach the signed file
    _ca, p12 = make_test_ca_and_p12()
    signed = sign_report(report=report, signer=Pkcs12Signer(p12, P12_PASSWORD), by=cast.approver_a)
    assert signed.version_number == 1
    sign = ReportTransition.objects.get(report=report, to_state=ReportState.SIGNED)
    assert sign.version_number == 1
    with signed.file.open("rb") as fh:
        text = pdf_text(fh.read())
    frozen_total = version_latest(report).values["tthc.total"]
    live_total = compute(cast.commune_a, cast.period)["tthc.total"]
    assert live_total == frozen_total + 3
    assert build_context(report=report)["values"]["tthc.total"] == frozen_total
    assert "Ngô Văn Vương" in text


# --- what changed since the previous version ----------------------------------------------------


def _resubmit_with_changes(cast, report):
    report = _submit(cast, report)
    report = report_transition(report=report, name="return", by=cast.reviewer, comment="Sửa lại")
    _more_dossiers(cast, 2)
    NarrativeSection.objects.update_or_create(
        unit=cast.commune_a,
        period=cast.period,
        key="direction",
        defaults={
            "text": "UBND xã đã ban hành <b>Kế hoạch</b> số 18/KH-UBND về CCHC; "
            "tiếp nhận {{ tthc.total }} hồ sơ."
        },
    )
    return _submit(cast, report)


def test_version_diff_lists_changed_figures_and_a_readable_escaped_text_diff(cast, seeded):
    report = _resubmit_with_changes(cast, seeded)
    v1, v2 = ReportVersion.objects.filter(report=report).order_by("number")
    diff = version_diff(v1, v2)
    total = next(f for f in diff.figures if f.code == "tthc.total")
    assert total.new == total.old + 2
    assert "hồ sơ" in total.label.lower()
    assert diff.figures_changed == len(diff.figures) >= 1
    assert all(v1.values[f.code] != v2.values[f.code] for f in diff.figures)
    unchanged = [c for c in v1.values if v1.values[c] == v2.values[c]]
    assert unchanged and not {f.code for f in diff.figures} & set(unchanged)
    [section] = [s for s in diff.sections if s.key == "direction"]
    assert "<ins>" in section.html and "<del>" in section.html
    assert "&lt;b&gt;Kế" in section.html and "<b>" not in section.html  # escaped
    assert section.added > 0 and section.removed > 0
    assert [s.key for s in diff.sections] == ["direction"]
    assert not version_diff(v2, v2).figures and version_diff(v2, v2).unchanged


def test_the_versions_pages_show_the_diff_to_the_reviewer_and_the_unit_only(cast, seeded, client):
    report = _resubmit_with_changes(cast, seeded)
    base = f"/u/{cast.commune_a.code}/{cast.period.code}/report/versions/"
    client.login(username="reviewer.d", password=PASSWORD)
    page = client.get(base).content.decode()
    assert f"{base}2/diff/" in page
    diff = client.get(f"{base}2/diff/")
    assert diff.status_code == 200
    html = diff.content.decode()
    assert 'id="figures-changed"' in html and "tthc.total" in html
    assert "<ins>" in html and "&lt;b&gt;Kế" in html
    # The reviewer compares sentences as printed: placeholders resolved with each version's values.
    from reports.rendering.formatting import document_figure

    v2 = report.versions.get(number=2)
    section = html.split('id="diff-direction"', 1)[1].split("</article>", 1)[0]
    assert "{{" not in section
    assert f"{document_figure(v2.values['tthc.total'], 'count')}" in section
    workspace = client.get(f"/u/{cast.commune_a.code}/{cast.period.code}/").content.decode()
    assert f"{base}2/diff/" in workspace
    assert 'name="version" value="2"' in workspace
    assert client.get(f"{base}3/diff/").status_code == 404
    client.logout()
    client.login(username="approver.a", password=PASSWORD)
    assert client.get(f"{base}2/diff/").status_code == 200
    client.logout()
    client.login(username="clerk.b", password=PASSWORD)
    assert client.get(f"{base}2/diff/").status_code == 404
    assert report.versions.count() == 2


# --- document settings per unit × period ------------------------------------------------------


def test_a_new_periods_settings_are_drafted_from_the_previous_period(cast):
    p2022 = PeriodFactory(code="2022", start=dt.date(2021, 12, 15), end=dt.date(2022, 10, 31))
    DocumentSettings.objects.create(
        unit=cast.commune_a,
        period=p2022,
        issuing_body="ỦY BAN NHÂN DÂN\nXÃ CŨ",
        place_name="Bình Phước",
        addressee="Phòng Nội vụ huyện Cũ",
        basis="Công văn số 1/UBND ngày 01/10/2022",
        recipients="Như trên\nLưu: VT",
        signer_title="vice",
        signer_name="Nguyễn Văn A",
        organisation_name="UBND xã cũ",
    )
    draft = settings_for(cast.commune_a, cast.period)
    assert draft.pk is None  # drafted, not saved by a read
    assert (draft.signer_name, draft.signer_title) == ("Nguyễn Văn A", "vice")
    assert draft.recipients == "Như trên\nLưu: VT"
    assert draft.basis == ""  # the bases are the year's own documents
    # derived afresh from the unit's name and parent in THIS period
    assert draft.addressee == "Phòng Nội vụ huyện Bình Sơn"
    assert draft.issuing_body == "ỦY BAN NHÂN DÂN\nXÃ BÌNH PHƯỚC"
    assert DocumentSettings.objects.filter(unit=cast.commune_a).count() == 1


def test_after_the_2025_reform_the_addressee_is_the_provinces_office(cast, seeded):
    """The 2023 settings name the district's Phòng Nội vụ; the commune of 2025 is directly under
    the province: its draft is addressed to the Sở Nội vụ, and the document prints that."""
    report = _submit(cast, seeded)  # saves the 2023 settings with the version
    assert DocumentSettings.objects.get(unit=cast.commune_a, period=cast.period).addressee == (
        "Phòng Nội vụ huyện Bình Sơn"
    )
    p2025 = PeriodFactory(code="2025", start=dt.date(2024, 12, 15), end=dt.date(2025, 10, 31))
    merged = UnitFactory(
        code=cast.commune_a.code,
        name="Xã Bình Phước",
        level=Level.COMMUNE,
        parent=cast.province,
        valid_from=dt.date(2025, 7, 1),
    )
    draft = settings_for(merged, p2025)
    assert draft.addressee == "Sở Nội vụ tỉnh Quảng Ngãi"
    assert "huyện" not in draft.addressee and "huyện" not in draft.recipients
    assert draft.signer_name == ""  # another body: the signer is set anew
    text = build_context(report=report_get_or_create(unit=merged, period=p2025))["addressee"]
    assert text == "Sở Nội vụ tỉnh Quảng Ngãi"
    assert report.state == ReportState.SUBMITTED


def test_settings_saved_on_one_periods_page_do_not_touch_another_period(cast, client):
    p2022 = PeriodFactory(code="2022", start=dt.date(2021, 12, 15), end=dt.date(2022, 10, 31))
    old = DocumentSettings.objects.create(
        unit=cast.commune_a, period=p2022, place_name="Bình Phước", signer_name="Nguyễn Văn A"
    )
    client.login(username="approver.a", password=PASSWORD)
    form = {
        "num-doc_number": "",
        "num-doc_symbol": "BC-UBND",
        "num-issued_on": "",
        "doc-issuing_body": "ỦY BAN NHÂN DÂN\nXÃ BÌNH PHƯỚC",
        "doc-place_name": "Bình Phước",
        "doc-addressee": "Phòng Nội vụ huyện Bình Sơn",
        "doc-basis": "",
        "doc-recipients": "Như trên\nLưu: VT",
        "doc-signer_title": "chairman",
        "doc-signer_name": "Trần Thị Hoa",
        "doc-organisation_name": "UBND xã Bình Phước",
    }
    page = client.get(f"/u/21073/{cast.period.code}/report/settings/").content.decode()
    assert "Nguyễn Văn A" in page  # the draft carries the previous period's signer
    answer = client.post(f"/u/21073/{cast.period.code}/report/settings/", form)
    assert answer.status_code == 302
    new = DocumentSettings.objects.get(unit=cast.commune_a, period=cast.period)
    assert new.signer_name == "Trần Thị Hoa"
    old.refresh_from_db()
    assert old.signer_name == "Nguyễn Văn A"


def test_reports_submitted_before_versions_existed_get_one_by_the_backfill(cast, seeded):
    from django.core.management import call_command

    report = _submit(cast, seeded)
    report = report_transition(report=report, name="return", by=cast.reviewer, comment="x")
    report = _submit(cast, report)
    report = report_transition(report=report, name="accept", by=cast.reviewer)
    ReportVersion.objects.filter(report=report).delete()  # as if submitted before versions
    ReportTransition.objects.filter(report=report).update(version_number=None)
    assert build_context(report=report)["version_number"] is None  # live until backfilled

    call_command("versions_backfill", stdout=io.StringIO())
    [version] = ReportVersion.objects.filter(report=report)
    assert version.number == 2  # the submit count, as the API counts it
    assert (
        version.values
        == IndicatorSnapshot.objects.get(unit=cast.commune_a, period=cast.period).values
    )
    accept = ReportTransition.objects.get(report=report, to_state=ReportState.ACCEPTED)
    assert accept.version_number == 2
    assert build_context(report=report)["version_number"] == 2
    call_command("versions_backfill", stdout=io.StringIO())  # idempotent
    assert ReportVersion.objects.filter(report=report).count() == 1


def test_the_text_diff_shows_changed_paragraphs_word_by_word_and_escapes():
    from reports.versions import text_diff_html

    old = "Đoạn một giữ nguyên.\nCó <script>17</script> hồ sơ trễ hạn.\nĐoạn cuối."
    new = "Đoạn một giữ nguyên.\nCó <script>18</script> hồ sơ trễ hạn.\nĐoạn cuối."
    html, added, removed = text_diff_html(old, new)
    assert "Đoạn một" not in html and "Đoạn cuối" not in html  # unchanged: «…»
    assert html.count('class="diff-same">…') == 2
    assert "<del>&lt;script&gt;17&lt;/script&gt;</del>" in html
    assert "<ins>&lt;script&gt;18&lt;/script&gt;</ins>" in html
    assert "<script>" not in html
    assert (added, removed) == (1, 1)
