import pytest
from django.urls import reverse

from reports.models import Report, ReportState

pytestmark = pytest.mark.django_db


def test_login_page_is_vietnamese(client):
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="vi">' in html
    assert "Đăng nhập" in html and "Mật khẩu" in html


def test_wrong_password_gives_clear_message(client, cast):
    response = client.post(reverse("login"), {"username": "clerk.a", "password": "wrong"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()


def test_home_page_shows_my_reports_in_vietnamese(client, cast):
    client.force_login(cast.clerk_a)
    html = client.get(reverse("home")).content.decode()
    assert "Báo cáo của tôi" in html
    assert "Xã Bình Phước" in html and "Đang soạn" in html
    assert "Xã Bình Trị" not in html


def test_home_page_flags_overdue_and_returned_reports(client, cast):
    Report.objects.create(unit=cast.commune_a, period=cast.period, state=ReportState.RETURNED)
    client.force_login(cast.reviewer)
    response = client.get(reverse("home"))
    # The reviewer's home is the inbox (review.views): its rows are grouped by state.
    (box,) = response.context["boxes"]
    rows = {(r.unit.code, r.state, r.overdue) for g in box.groups for r in g.rows}
    # The 2023 deadline (15/11/2023) has passed: unsent reports are overdue.
    assert ("21073", "returned", True) in rows
    assert ("21061", "draft", True) in rows
    assert box.count("returned") == 1
    assert "Bị trả lại" in response.content.decode()


def test_language_can_be_switched_to_english(client, cast):
    client.force_login(cast.clerk_a)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in html
    assert "My reports" in html


def test_unit_period_switcher_goes_to_workspace(client, cast):
    client.force_login(cast.clerk_a)
    response = client.post(reverse("switch"), {"unit": "21073", "period": "2023"})
    assert response.status_code == 302
    assert response["Location"] == "/u/21073/2023/"


def test_unknown_page_is_a_vietnamese_404(client, cast):
    client.force_login(cast.clerk_a)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


def test_admin_is_available_to_admins(client, cast):
    client.force_login(cast.admin)
    assert client.get("/admin/orgs/unit/").status_code == 200
    client.force_login(cast.clerk_a)
    assert client.get("/admin/orgs/unit/").status_code == 302
