"""Plan tasks, directives and entered figures: their own rules."""

import pytest

from plans.models import EnteredFigure

pytestmark = pytest.mark.django_db

U = "/u/21073/2023/"


@pytest.fixture
def clerk(client, cast):
    client.force_login(cast.clerk_a)
    return client


def test_entered_figure_is_one_per_code_and_keeps_the_approximate_flag(clerk, cast):
    data = {"code": "legal.education_attendance", "value": "80", "approximate": "on"}
    assert clerk.post(U + "tasks/figures/new/", data).status_code == 302
    figure = EnteredFigure.objects.get()
    assert figure.approximate and figure.value == 80
    again = clerk.post(U + "tasks/figures/new/", data)
    assert "Chỉ tiêu này đã được nhập cho kỳ báo cáo" in again.content.decode()
    html = clerk.get(U + "tasks/figures/").content.decode()
    assert "Lượt người tham gia tuyên truyền, phổ biến pháp luật" in html


def test_entered_figure_code_must_come_from_the_list(clerk, cast):
    response = clerk.post(U + "tasks/figures/new/", {"code": "made.up", "value": "1"})
    assert "Chỉ tiêu không hợp lệ." in response.content.decode()
    assert not EnteredFigure.objects.exists()


def test_directive_done_before_assigned_is_refused(clerk, cast):
    response = clerk.post(
        U + "tasks/directives/new/",
        {
            "title": "X",
            "assigned_on": "2023-03-10",
            "due_on": "2023-03-01",
            "done_on": "2023-03-05",
        },
    )
    html = response.content.decode()
    assert "Hạn hoàn thành phải sau hoặc bằng ngày giao." in html
    assert "Ngày hoàn thành phải sau hoặc bằng ngày giao." in html


def test_directive_totals_count_on_time_late_and_in_progress(clerk, cast):
    for title, done in (("A", "2023-01-15"), ("B", "2023-02-15"), ("C", "")):
        clerk.post(
            U + "tasks/directives/new/",
            {"title": title, "assigned_on": "2023-01-10", "due_on": "2023-01-31", "done_on": done},
        )
    totals = {
        t.label: t.value
        for _g, items in clerk.get(U + "tasks/directives/").context["totals"]
        for t in items
    }
    assert (totals["Được giao"], totals["Hoàn thành đúng hạn"], totals["Hoàn thành quá hạn"]) == (
        3,
        1,
        1,
    )
    assert totals["Đang thực hiện"] == 1
