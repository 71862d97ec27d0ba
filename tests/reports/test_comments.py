"""Comments where they apply (issue 11, 3): on the report, a section or an indicator; return
refused without one; addressed with a reply; shown beside what they concern; the banner."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from reports.comments import comment_address, open_comments, submission_number
from reports.models import Report, ReportComment, ReportState
from reports.services import report_comment_add, report_transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(cast):
    report = Report.objects.create(unit=cast.commune_a, period=cast.period)
    return report_transition(report=report, name="submit", by=cast.approver_a)


def client_for(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_comments_on_each_anchor_carry_the_submission_number(cast, submitted):
    whole = report_comment_add(report=submitted, by=cast.reviewer, text="Chung")
    sec = report_comment_add(
        report=submitted, by=cast.reviewer, text="Mục TTHC", section="procedures"
    )
    ind = report_comment_add(
        report=submitted, by=cast.reviewer, text="Số hồ sơ?", indicator="tthc.total"
    )
    assert (whole.anchor, sec.anchor, ind.anchor) == ("report", "section", "indicator")
    assert {c.version for c in (whole, sec, ind)} == {1}
    assert all(c.by_reviewer and c.is_open for c in (whole, sec, ind))
    assert open_comments(submitted).count() == 3


@pytest.mark.parametrize(
    ("section", "indicator", "message"),
    [
        ("nope", "", "Mục báo cáo không hợp lệ"),
        ("", "tthc.nope", "Chỉ tiêu không hợp lệ"),
        ("procedures", "tthc.total", "không cả hai"),
        ("", "", "không được để trống"),
    ],
)
def test_bad_anchor_or_empty_text_is_refused_and_nothing_stored(
    cast, submitted, section, indicator, message
):
    text = "" if not (section or indicator) else "x"
    with pytest.raises(ValidationError, match=message):
        report_comment_add(
            report=submitted, by=cast.reviewer, text=text, section=section, indicator=indicator
        )
    assert not ReportComment.objects.exists()


def test_outside_reviewer_may_not_comment(cast, submitted):
    with pytest.raises(PermissionDenied):
        report_comment_add(report=submitted, by=cast.other_reviewer, text="x")


def test_return_refused_without_a_comment_then_allowed_with_one_on_an_indicator(cast, submitted):
    with pytest.raises(ValidationError, match="lý do"):
        report_transition(report=submitted, name="return", by=cast.reviewer)
    submitted.refresh_from_db()
    assert submitted.state == ReportState.SUBMITTED
    report_comment_add(report=submitted, by=cast.reviewer, text="Sai", indicator="tthc.total")
    report = report_transition(report=submitted, name="return", by=cast.reviewer)
    assert report.state == ReportState.RETURNED


def test_a_comment_of_an_earlier_submission_does_not_justify_a_new_return(cast, submitted):
    report_transition(report=submitted, name="return", by=cast.reviewer, comment="Lần 1")
    report = report_transition(report=submitted, name="submit", by=cast.approver_a)
    assert submission_number(report) == 2
    assert open_comments(report).count() == 1  # not addressed, but of submission 1
    with pytest.raises(ValidationError, match="lý do"):
        report_transition(report=report, name="return", by=cast.reviewer)


def test_the_return_reason_becomes_an_open_comment_on_the_whole_report(cast, submitted):
    report_transition(report=submitted, name="return", by=cast.reviewer, comment="Thiếu II.5")
    c = ReportComment.objects.get()
    assert (c.text, c.anchor, c.version, c.is_open) == ("Thiếu II.5", "report", 1, True)
    page = client_for(cast.clerk_a).get("/u/21073/2023/").content.decode()
    assert "Thiếu II.5" in page and "Chưa có ý kiến" not in page
    assert "Chưa xử lý" in page


def test_clerk_marks_addressed_with_a_reply_and_the_reviewer_sees_it_next_version(cast, submitted):
    report_comment_add(report=submitted, by=cast.reviewer, text="Sai", indicator="tthc.total")
    report_comment_add(report=submitted, by=cast.reviewer, text="Viết lại", section="strengths")
    report_transition(report=submitted, name="return", by=cast.reviewer)
    first, second = ReportComment.objects.order_by("pk")
    clerk = client_for(cast.clerk_a)
    resp = clerk.post(f"/u/21073/2023/comments/{first.pk}/address/", {"reply": "Đã nhập lại hồ sơ"})
    assert resp.status_code == 302
    first.refresh_from_db()
    assert first.addressed_by == cast.clerk_a and first.reply == "Đã nhập lại hồ sơ"
    assert not first.is_open and second.is_open
    # Twice: refused with a message, nothing changed.
    at = first.addressed_at
    clerk.post(f"/u/21073/2023/comments/{first.pk}/address/", {"reply": "again"})
    first.refresh_from_db()
    assert first.addressed_at == at and first.reply == "Đã nhập lại hồ sơ"
    report_transition(report=submitted, name="submit", by=cast.approver_a)
    page = client_for(cast.reviewer).get("/u/21073/2023/comments/").content.decode()
    assert "Ý kiến về lần gửi thứ 1" in page
    assert "1 đã xử lý, 1 chưa xử lý" in page
    assert "Đã nhập lại hồ sơ" in page
    # The reviewer cannot mark it; once submitted, nor can the clerk.
    with pytest.raises(PermissionDenied):
        comment_address(comment=second, by=cast.reviewer)
    with pytest.raises(ValidationError, match="đang soạn hoặc bị trả lại"):
        comment_address(comment=second, by=cast.clerk_a)


def test_address_of_another_units_comment_is_404(cast):
    b = Report.objects.create(unit=cast.commune_b, period=cast.period, state="returned")
    c = ReportComment.objects.create(report=b, by=cast.reviewer, text="x", by_reviewer=True)
    resp = client_for(cast.clerk_a).post(f"/u/21073/2023/comments/{c.pk}/address/", {})
    assert resp.status_code == 404
    c.refresh_from_db()
    assert c.addressed_at is None


def test_comments_shown_beside_the_indicator_and_the_section(cast, submitted):
    report_comment_add(
        report=submitted, by=cast.reviewer, text="Số hồ sơ lạ", indicator="tthc.total"
    )
    report_comment_add(
        report=submitted, by=cast.reviewer, text="Ưu điểm chung chung", section="strengths"
    )
    clerk = client_for(cast.clerk_a)
    from lxml import html

    tree = html.fromstring(clerk.get("/u/21073/2023/indicators/").content)
    row = tree.get_element_by_id("ind-tthctotal")
    assert "Số hồ sơ lạ" in row.text_content()
    assert "Ưu điểm chung chung" not in tree.text_content()
    tree = html.fromstring(clerk.get("/u/21073/2023/report/").content)
    assert "Ưu điểm chung chung" in tree.get_element_by_id("sec-strengths").text_content()
    assert "Ưu điểm chung chung" not in tree.get_element_by_id("sec-direction").text_content()


def test_reviewer_comments_from_the_indicators_page_form(cast, submitted):
    resp = client_for(cast.reviewer).post(
        "/u/21073/2023/comment/",
        {"text": "Kiểm tra lại", "indicator": "tthc.total", "next": "/u/21073/2023/indicators/"},
    )
    assert resp.status_code == 302 and resp["Location"] == "/u/21073/2023/indicators/"
    c = ReportComment.objects.get()
    assert (c.indicator, c.by, c.by_reviewer) == ("tthc.total", cast.reviewer, True)
    # An outside `next` is not followed.
    resp = client_for(cast.reviewer).post(
        "/u/21073/2023/comment/", {"text": "y", "next": "https://evil.example/"}
    )
    assert resp["Location"] == "/u/21073/2023/"


def test_banner_on_the_report_pages_only_while_returned(cast, submitted):
    report_comment_add(report=submitted, by=cast.reviewer, text="a", section="direction")
    report_comment_add(report=submitted, by=cast.reviewer, text="b")
    clerk = client_for(cast.clerk_a)
    assert "Báo cáo bị trả lại" not in clerk.get("/u/21073/2023/").content.decode()
    report_transition(report=submitted, name="return", by=cast.reviewer)
    for url in ("/u/21073/2023/", "/u/21073/2023/indicators/", "/u/21073/2023/report/"):
        page = clerk.get(url).content.decode()
        assert "Báo cáo bị trả lại: 2 ý kiến chưa xử lý" in page, url
        assert 'href="/u/21073/2023/comments/"' in page
    # Another unit's pages show no banner.
    assert (
        "Báo cáo bị trả lại" not in client_for(cast.clerk_b).get("/u/21061/2023/").content.decode()
    )


def test_only_reviewers_get_the_comment_form_beside_a_figure(cast, submitted):
    reviewer_page = client_for(cast.reviewer).get("/u/21073/2023/indicators/").content.decode()
    clerk_page = client_for(cast.clerk_a).get("/u/21073/2023/indicators/").content.decode()
    assert reviewer_page.count('class="comment-new"') > 10
    assert 'class="comment-new"' not in clerk_page
