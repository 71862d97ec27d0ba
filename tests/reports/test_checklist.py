"""The workspace checklist (reports/checklist.py) on real records: data sections, findings still
to explain, missing document data, the next action per role; and the workspace page."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from reports.checklist import report_checklist
from reports.gates import submission_problems
from reports.models import NarrativeSection, Report, ReportState, WarningExplanation
from reports.services import report_get_or_create
from reports.snapshots import snapshot_refresh
from tests.factories import PASSWORD
from tests.helpers.documents import load_seed_commune
from tests.tthc.importdata import csv_bytes, good_rows, upload
from tthc.importing import dossiers_import
from tthc.models import Dossier

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_cache_keys(settings):
    default = {**settings.CACHES["default"], "KEY_PREFIX": f"chk-{uuid.uuid4().hex}"}
    settings.CACHES = {"default": default}


@pytest.fixture
def seeded(cast):
    load_seed_commune(cast)
    snapshot_refresh(unit=cast.commune_a, period=cast.period)
    return report_get_or_create(unit=cast.commune_a, period=cast.period)


def _section(checklist, key):
    return next(s for g in checklist.groups for s in g.sections if s.key == key)


def _set_state(report, state, **extra):
    Report.objects.filter(pk=report.pk).update(state=state, **extra)
    report.refresh_from_db()
    return report


def test_each_data_section_counts_the_periods_records_and_names_the_import_file(cast):
    result = dossiers_import(
        file=upload(csv_bytes(good_rows(3)), "hoso-thang3.csv"),
        unit=cast.commune_a,
        by=cast.clerk_a,
        commit=True,
    )
    assert result.committed
    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    checklist = report_checklist(report=report, user=cast.clerk_a)
    dossiers = _section(checklist, "dossiers")
    assert dossiers.count == 3 == Dossier.objects.in_window(cast.period).count()
    assert dossiers.batch is not None and dossiers.batch.original_name == "hoso-thang3.csv"
    assert dossiers.batch.by == cast.clerk_a and dossiers.last_by == cast.clerk_a
    assert dossiers.url == "/u/21073/2023/tthc/dossiers/"
    # Empty sections say so; the global procedure catalogue is not the commune's data.
    assert _section(checklist, "trainings").count == 0
    assert _section(checklist, "trainings").last_at is None
    keys = [s.key for g in checklist.groups for s in g.sections]
    assert "procedures" not in keys and "plan_tasks" in keys and "budget" in keys


def test_findings_still_to_explain_link_to_their_box_and_count_down(seeded, cast):
    errors, unexplained, _snap = submission_problems(unit=cast.commune_a, period=cast.period)
    checklist = report_checklist(report=seeded, user=cast.clerk_a)
    assert [f.rule for f in checklist.errors] == [f.rule for f in errors]
    assert [f.rule for f in checklist.unexplained] == [f.rule for f in unexplained]
    assert len(checklist.unexplained) >= 2 and checklist.explained == 0
    first = checklist.unexplained[0]
    assert first.url == f"/u/21073/2023/indicators/#finding-{first.rule}"
    WarningExplanation.objects.create(
        unit=cast.commune_a, period=cast.period, rule=first.rule, text="Lý do.", by=cast.clerk_a
    )
    after = report_checklist(report=seeded, user=cast.clerk_a)
    assert len(after.unexplained) == len(checklist.unexplained) - 1
    assert after.explained == 1 and first.rule not in {f.rule for f in after.unexplained}


def test_missing_number_date_signer_and_empty_sections_are_listed_with_links(seeded, cast):
    NarrativeSection.objects.create(
        unit=cast.commune_a, period=cast.period, key="causes", text="", version=1
    )
    checklist = report_checklist(report=seeded, user=cast.approver_a)
    labels = {m.label: m.url for m in checklist.missing}
    assert labels["Số văn bản"] == "/u/21073/2023/report/settings/"
    assert "Ngày ban hành" in labels
    assert "Họ tên người ký" not in labels  # the seed names its signer
    assert labels["Nội dung mục III.3. Nguyên nhân của những tồn tại, hạn chế"].endswith(
        "/report/#sec-causes"
    )
    assert checklist.empty_sections == ["causes"]
    _set_state(seeded, ReportState.DRAFT, doc_number=5, issued_on=dt.date(2023, 11, 1))
    labels = {m.label for m in report_checklist(report=seeded, user=cast.approver_a).missing}
    assert "Số văn bản" not in labels and "Ngày ban hành" not in labels


def _explain_all(cast):
    for f in report_checklist(
        report=report_get_or_create(unit=cast.commune_a, period=cast.period), user=cast.clerk_a
    ).unexplained:
        WarningExplanation.objects.create(
            unit=cast.commune_a, period=cast.period, rule=f.rule, text="Lý do.", by=cast.clerk_a
        )


def test_the_next_action_follows_the_state_and_the_role(seeded, cast):
    def action(user):
        return report_checklist(report=seeded, user=user).next_action

    n = len(report_checklist(report=seeded, user=cast.clerk_a).unexplained)
    clerk = action(cast.clerk_a)
    assert clerk.label == f"Giải trình {n} cảnh báo" and clerk.role == "clerk"
    assert "#finding-" in clerk.url
    assert action(cast.approver_a).role == "approver"
    assert action(cast.reviewer).label == "Chờ xã hoàn thành và gửi báo cáo."
    assert action(cast.reviewer).url == ""

    _explain_all(cast)
    submit = action(cast.approver_a)
    assert submit.label == "Gửi báo cáo" and submit.url.endswith("#report-actions")
    assert action(cast.clerk_a).label == "Nhập và kiểm tra dữ liệu"

    _set_state(seeded, ReportState.SUBMITTED)
    assert action(cast.reviewer).label == "Xem xét báo cáo: tiếp nhận hoặc trả lại"
    assert action(cast.reviewer).role == "reviewer"
    assert action(cast.clerk_a).label == "Chờ cấp trên xem xét báo cáo."

    _set_state(seeded, ReportState.RETURNED)
    assert action(cast.approver_a).label == "Gửi lại báo cáo"

    _set_state(seeded, ReportState.ACCEPTED)
    sign = action(cast.approver_a)
    assert sign.label == "Ký số báo cáo" and sign.url == "/u/21073/2023/report/sign/"
    assert action(cast.clerk_a).label == "Chờ lãnh đạo xã ký số báo cáo."


def test_the_workspace_shows_the_checklist_and_a_blocked_submit_links_each_finding(
    client, seeded, cast
):
    assert client.login(username=cast.approver_a.username, password=PASSWORD)
    checklist = report_checklist(report=seeded, user=cast.approver_a)
    html = client.get("/u/21073/2023/").content.decode()
    assert 'id="checklist"' in html and 'id="checklist-returned"' in html
    assert f"{len(checklist.unexplained)} cảnh báo chưa giải trình" in html
    assert 'data-section="dossiers"' in html and 'data-role="approver"' in html
    r = client.post("/u/21073/2023/transition/submit/")
    assert r.status_code == 302 and r["Location"] == "/u/21073/2023/#checklist-findings"
    seeded.refresh_from_db()
    assert seeded.state == ReportState.DRAFT
    html = client.get(r["Location"]).content.decode()
    assert "Chưa gửi được báo cáo" in html
    for f in checklist.unexplained:
        assert f'href="/u/21073/2023/indicators/#finding-{f.rule}"' in html


def test_a_returned_report_lists_the_reviewers_open_comments_first(client, seeded, cast):
    from reports.comments import comment_add, comment_address

    _explain_all(cast)
    _set_state(seeded, ReportState.RETURNED)
    c1 = comment_add(
        report=seeded, by=cast.reviewer, text="Bổ sung số liệu hồ sơ trễ hạn.", section="procedures"
    )
    comment_add(report=seeded, by=cast.clerk_a, text="Ghi chú của xã.")  # a note, not open
    action = report_checklist(report=seeded, user=cast.approver_a).next_action
    assert action.label == "Xử lý 1 ý kiến của cấp trên"
    assert action.url == f"/u/21073/2023/comments/#comment-{c1.pk}"
    assert client.login(username=cast.clerk_a.username, password=PASSWORD)
    html = client.get(WORKSPACE_URL).content.decode()
    assert f'data-comment="{c1.pk}"' in html and "Bổ sung số liệu hồ sơ trễ hạn." in html
    assert "Mục II.2. Cải cách thủ tục hành chính" in html
    comment_address(comment=c1, by=cast.clerk_a, reply="Đã bổ sung.")
    checklist = report_checklist(report=seeded, user=cast.approver_a)
    assert checklist.comments == [] and checklist.next_action.label == "Gửi lại báo cáo"


WORKSPACE_URL = "/u/21073/2023/"
