import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from reports.locks import ensure_unlocked, period_is_locked
from reports.models import Report, ReportState
from reports.services import report_transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(cast):
    return Report.objects.create(unit=cast.commune_a, period=cast.period)


def test_only_the_approver_submits(cast, report):
    with pytest.raises(PermissionDenied):
        report_transition(report=report, name="submit", by=cast.clerk_a)
    report = report_transition(report=report, name="submit", by=cast.approver_a)
    assert report.state == ReportState.SUBMITTED and report.submitted_at


def test_reviewer_of_ancestor_returns_with_comment_then_accepts(cast, report):
    report = report_transition(report=report, name="submit", by=cast.approver_a)
    with pytest.raises(ValidationError, match="lý do"):
        report_transition(report=report, name="return", by=cast.reviewer)
    report = report_transition(
        report=report, name="return", by=cast.reviewer, comment="Thiếu số liệu II.5"
    )
    assert report.state == ReportState.RETURNED
    report = report_transition(report=report, name="submit", by=cast.approver_a)
    report = report_transition(report=report, name="accept", by=cast.reviewer)
    assert report.state == ReportState.ACCEPTED
    steps = [(t.from_state, t.to_state, t.by.username) for t in report.transitions.all()]
    assert steps == [
        ("draft", "submitted", "approver.a"),
        ("submitted", "returned", "reviewer.d"),
        ("returned", "submitted", "approver.a"),
        ("submitted", "accepted", "reviewer.d"),
    ]
    assert report.transitions.get(to_state="returned").comment == "Thiếu số liệu II.5"


def test_reviewer_of_other_district_cannot_accept(cast, report):
    report = report_transition(report=report, name="submit", by=cast.approver_a)
    with pytest.raises(PermissionDenied):
        report_transition(report=report, name="accept", by=cast.other_reviewer)


def test_cannot_accept_a_draft(cast, report):
    with pytest.raises(ValidationError, match="Không thể"):
        report_transition(report=report, name="accept", by=cast.reviewer)


def test_submitted_report_locks_the_data(cast, report):
    assert not period_is_locked(unit=cast.commune_a, period=cast.period)
    report_transition(report=report, name="submit", by=cast.approver_a)
    assert period_is_locked(unit=cast.commune_a, period=cast.period)
    with pytest.raises(ValidationError, match="chỉ được xem"):
        ensure_unlocked(unit=cast.commune_a, period=cast.period)


def test_state_changes_are_kept_in_history(cast, report):
    report_transition(report=report, name="submit", by=cast.approver_a)
    history = list(
        report.history.order_by("history_date").values_list("state", "history_user__username")
    )
    assert history[-1] == ("submitted", "approver.a")


def test_workspace_shows_submit_button_only_to_approver(client, cast, report):
    url = reverse("workspace", kwargs={"code": "21073", "period": "2023"})
    client.force_login(cast.clerk_a)
    assert 'value="submit"' not in client.get(url).content.decode()
    client.force_login(cast.approver_a)
    assert 'value="submit"' in client.get(url).content.decode()


def test_clerk_posting_submit_is_forbidden(client, cast, report):
    client.force_login(cast.clerk_a)
    response = client.post(
        reverse("report_transition", kwargs={"code": "21073", "period": "2023", "name": "submit"})
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.state == ReportState.DRAFT


def test_state_policies_live_in_the_workflow():
    from reports import workflow

    S = ReportState
    assert {s for s in S if workflow.is_locking(s)} == {S.SUBMITTED, S.ACCEPTED, S.SIGNED}
    assert {s for s in S if workflow.is_final(s)} == {S.ACCEPTED, S.SIGNED}
    assert {s for s in S if workflow.is_open(s)} == {S.DRAFT, S.RETURNED}
    assert {s for s in S if workflow.is_signable(s)} == {S.ACCEPTED}
    assert {s for s in S if workflow.narrative_is_editable(s)} == {S.DRAFT, S.RETURNED}
    assert not workflow.document_number_is_editable(S.SIGNED)
    # issue 10 point 2: number, date and settings are frozen from submission on
    assert {s for s in S if workflow.document_number_is_editable(s)} == {S.DRAFT, S.RETURNED}
    assert {s for s in S if workflow.document_settings_are_editable(s)} == {S.DRAFT, S.RETURNED}
    owned = {t.name: t.owner for t in workflow.TRANSITIONS.values() if t.owner}
    assert owned == {"sign": "reports.signing"}


def test_actions_follow_the_role_policy(cast, report):
    from reports import workflow

    names = lambda user: [t.name for t in workflow.actions_for(user, cast.commune_a, report.state)]  # noqa: E731
    assert names(cast.approver_a) == ["submit"]
    assert names(cast.clerk_a) == []
    assert names(cast.reviewer) == []
    assert [t.name for t in workflow.actions_for(cast.reviewer, cast.commune_a, "submitted")] == [
        "return",
        "accept",
    ]
