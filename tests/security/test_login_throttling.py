"""Login throttling with django-axes (issue 10, point 7): lockout per user and per address,
a clear message, unlock by an administrator, a structured log line per failure."""

from __future__ import annotations

import logging

import pytest
from django.core.management import call_command

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

LOCKED = "Đăng nhập tạm thời bị khóa do nhập sai mật khẩu 5 lần liên tiếp"


@pytest.fixture
def throttled(settings):
    """The production numbers (5 failures, 15 minutes): the suite's own settings raise the limit
    so that its many logins from one address never lock anyone out."""
    settings.AXES_FAILURE_LIMIT = 5
    return settings


def login(client, username: str, password: str, ip: str = "203.0.113.7"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_the_production_defaults_are_five_failures_and_fifteen_minutes():
    from cchc_portal import settings as production

    assert production.AXES_FAILURE_LIMIT == 5
    assert production.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert production.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]


def test_thirty_wrong_passwords_then_the_right_one_is_refused_until_an_admin_resets(
    throttled, cast, client
):
    for _ in range(30):
        response = login(client, "clerk.a", "sai-mat-khau")
        assert response.status_code in (200, 429)
    response = login(client, "clerk.a", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page and "15 phút" in page and "quản trị viên" in page
    assert "_auth_user_id" not in client.session

    call_command("axes_reset_username", "clerk.a")
    response = login(client, "clerk.a", PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(cast.clerk_a.pk)


def test_the_lockout_holds_per_user_name_and_per_address(throttled, cast, client):
    for _ in range(5):
        login(client, "clerk.a", "sai-mat-khau", ip="203.0.113.7")
    # Another address, the locked user name: refused.
    assert login(client, "clerk.a", PASSWORD, ip="198.51.100.9").status_code == 429
    # The locked address, another user name: refused.
    assert login(client, "approver.a", PASSWORD, ip="203.0.113.7").status_code == 429
    # Neither locked: logs in.
    assert login(client, "approver.a", PASSWORD, ip="198.51.100.9").status_code == 302


def test_under_the_limit_a_right_password_logs_in_and_clears_the_count(throttled, cast, client):
    for _ in range(4):
        assert login(client, "clerk.a", "sai-mat-khau").status_code == 200
    assert login(client, "clerk.a", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert login(client, "clerk.a", "sai-mat-khau").status_code == 200
    assert login(client, "clerk.a", PASSWORD).status_code == 302


def test_the_admin_lists_and_deletes_lockouts(throttled, cast, client, admin_client):
    from axes.models import AccessAttempt

    for _ in range(5):
        login(client, "clerk.a", "sai-mat-khau")
    assert admin_client.get("/admin/axes/accessattempt/").status_code == 200
    AccessAttempt.objects.filter(username="clerk.a").delete()  # what the admin's delete does
    assert login(client, "clerk.a", PASSWORD).status_code == 302


def test_each_failed_login_is_a_structured_log_line(throttled, cast, client, caplog):
    with caplog.at_level(logging.INFO, logger="cchc.security"):
        login(client, "clerk.a", "sai-mat-khau", ip="203.0.113.7")
    lines = [r for r in caplog.records if r.name == "cchc.security"]
    assert len(lines) == 1
    assert lines[0].getMessage() == (
        "event=login_failed username=clerk.a ip=203.0.113.7 path=/accounts/login/ locked_out=false"
    )
    assert lines[0].event == "login_failed" and lines[0].username == "clerk.a"
    assert "sai-mat-khau" not in caplog.text  # never the password


def test_the_english_page_shows_the_lockout_in_english(throttled, cast, client):
    client.cookies["django_language"] = "en"
    for _ in range(6):
        response = login(client, "clerk.a", "sai-mat-khau")
    assert "Login is temporarily locked" in response.content.decode()
