"""The generic record machinery, exercised on the people section (staff)."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from reports.models import Report, ReportState
from staff.models import Person

pytestmark = pytest.mark.django_db

BASE = "/u/21073/2023/staff/people/"


def person_data(**over):
    data = {
        "full_name": "Nguyễn Văn An",
        "category": "civil_servant",
        "position": "Công chức Văn phòng - Thống kê",
        "education": "university",
        "political_theory": "intermediate",
        "concurrent_post": "",
        "in_post_from": "2020-01-01",
        "in_post_to": "",
    }
    data.update(over)
    return data


def make_person(unit, **over):
    values = {
        "full_name": "Trần Thị Bình",
        "category": "cadre",
        "position": "Chủ tịch UBND",
        "education": "university",
        "political_theory": "advanced",
    }
    values.update(over)
    return Person.objects.create(unit=unit, **values)


@pytest.fixture
def clerk(client, cast):
    client.force_login(cast.clerk_a)
    return client


def test_clerk_adds_a_person_and_the_record_belongs_to_her_unit(clerk, cast):
    response = clerk.post(BASE + "new/", person_data())
    assert response.status_code == 302 and response["Location"] == BASE
    person = Person.objects.get()
    assert person.unit == cast.commune_a
    assert person.version == 1 and person.updated_by == cast.clerk_a
    entry = person.history.get()
    assert entry.history_type == "+" and entry.history_user == cast.clerk_a


def test_list_shows_the_person_and_inline_totals(clerk, cast):
    make_person(cast.commune_a)
    make_person(cast.commune_a, full_name="Lê Văn Cường", category="kct", education="college")
    make_person(cast.commune_b, full_name="Người Xã Khác")
    response = clerk.get(BASE)
    html = response.content.decode()
    assert "Trần Thị Bình" in html and "Lê Văn Cường" in html
    assert "Người Xã Khác" not in html
    totals = {t.label: t.value for _title, items in response.context["totals"] for t in items}
    assert totals["Tổng số"] == 2
    assert totals["Cán bộ"] == 1
    assert totals["Người hoạt động KCT"] == 1


def test_totals_fragment_is_served_for_htmx_refresh(clerk, cast):
    make_person(cast.commune_a)
    response = clerk.get(BASE + "totals/", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'id="totals"' in html and "recordsChanged" in html
    assert "Tổng số: <b>1</b>" in html


def test_save_and_add_another_answers_htmx_with_a_fresh_form_and_a_refresh_event(clerk, cast):
    response = clerk.post(BASE + "new/", {**person_data(), "save_add": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Trigger"] == "recordsChanged"
    html = response.content.decode()
    assert "Đã lưu «Nguyễn Văn An»" in html
    assert response.context["form"].instance.pk is None
    assert Person.objects.count() == 1


def test_person_out_of_post_before_in_post_is_refused_in_vietnamese(clerk, cast):
    response = clerk.post(
        BASE + "new/", person_data(in_post_from="2021-05-01", in_post_to="2021-01-01")
    )
    assert response.status_code == 200
    assert "Ngày thôi giữ chức vụ phải sau hoặc bằng ngày bắt đầu." in response.content.decode()
    assert not Person.objects.exists()


def test_missing_required_field_is_reported_and_nothing_saved(clerk, cast):
    response = clerk.post(BASE + "new/", person_data(full_name=""))
    assert "Trường này là bắt buộc." in response.content.decode()
    assert not Person.objects.exists()


def test_edit_increments_version_and_history_shows_old_and_new_values(clerk, cast):
    person = make_person(cast.commune_a)
    response = clerk.post(
        f"{BASE}{person.pk}/",
        person_data(full_name="Trần Thị Bình", category="cadre", education="college", version=1),
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.version == 2 and person.education == "college"
    html = clerk.get(f"{BASE}{person.pk}/history/").content.decode()
    assert "clerk.a" in html
    # Choice labels, not stored codes: Đại học → Cao đẳng.
    assert 'Đại học</span> → <span class="new">Cao đẳng' in html


def test_second_writer_is_told_and_does_not_overwrite(client, cast):
    person = make_person(cast.commune_a, position="Chủ tịch UBND")
    client.force_login(cast.clerk_a)
    first = client.post(
        f"{BASE}{person.pk}/",
        person_data(full_name=person.full_name, position="Phó Chủ tịch", version=1),
    )
    assert first.status_code == 302
    client.force_login(cast.approver_a)
    second = client.post(
        f"{BASE}{person.pk}/", person_data(full_name=person.full_name, position="Bí thư", version=1)
    )
    assert second.status_code == 409
    html = second.content.decode()
    assert "Thay đổi của bạn CHƯA được lưu" in html
    assert "Phó Chủ tịch" in html  # the current stored value is shown
    person.refresh_from_db()
    assert person.position == "Phó Chủ tịch" and person.version == 2
    # The form now carries the current version: saving again is a conscious overwrite.
    assert second.context["form"]["version"].value() == "2"


def test_edit_without_version_is_refused(clerk, cast):
    person = make_person(cast.commune_a)
    response = clerk.post(f"{BASE}{person.pk}/", person_data(position="Khác"))
    assert response.status_code == 409
    person.refresh_from_db()
    assert person.version == 1


def test_delete_keeps_the_record_in_history_with_who_deleted_it(clerk, cast):
    person = make_person(cast.commune_a)
    assert clerk.get(f"{BASE}{person.pk}/delete/").status_code == 200
    response = clerk.post(f"{BASE}{person.pk}/delete/", {"version": "1"})
    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()
    deleted = Person.history.filter(id=person.pk, history_type="-").get()
    assert deleted.history_user == cast.clerk_a
    html = clerk.get(f"{BASE}{person.pk}/history/").content.decode()
    assert "Bản ghi này đã bị xóa" in html and "Xóa" in html
    assert "Trần Thị Bình" in clerk.get(BASE + "deleted/").content.decode()


def test_delete_of_a_record_changed_meanwhile_is_refused(clerk, cast):
    person = make_person(cast.commune_a)
    Person.objects.filter(pk=person.pk).update(version=2)
    response = clerk.post(f"{BASE}{person.pk}/delete/", {"version": "1"})
    assert response.status_code == 409
    assert Person.objects.filter(pk=person.pk).exists()


def test_delete_by_get_deletes_nothing(clerk, cast):
    person = make_person(cast.commune_a)
    clerk.get(f"{BASE}{person.pk}/delete/")
    assert Person.objects.filter(pk=person.pk).exists()


@pytest.mark.parametrize("suffix", ["", "history/", "delete/"])
def test_another_units_record_is_unreachable(clerk, cast, suffix):
    other = make_person(cast.commune_b)
    assert clerk.get(f"{BASE}{other.pk}/{suffix}").status_code == 404
    assert clerk.post(f"{BASE}{other.pk}/{suffix}", {"version": "1"}).status_code in (404, 405)
    other.refresh_from_db()
    assert other.version == 1


def test_another_units_pages_are_404(clerk, cast):
    assert clerk.get("/u/21061/2023/staff/people/").status_code == 404
    assert clerk.post("/u/21061/2023/staff/people/new/", person_data()).status_code == 404
    assert not Person.objects.exists()


def test_reviewer_may_read_but_not_write(client, cast):
    person = make_person(cast.commune_a)
    client.force_login(cast.reviewer)
    response = client.get(BASE)
    assert response.status_code == 200
    assert 'id="add-record"' not in response.content.decode()
    assert client.get(BASE + "new/").status_code == 403
    assert client.post(BASE + "new/", person_data()).status_code == 403
    assert client.post(f"{BASE}{person.pk}/", person_data(version=1)).status_code == 403
    assert client.post(f"{BASE}{person.pk}/delete/", {"version": 1}).status_code == 403
    assert Person.objects.count() == 1


def test_other_district_reviewer_gets_404(client, cast):
    client.force_login(cast.other_reviewer)
    assert client.get(BASE).status_code == 404


def test_submitted_period_is_read_only(clerk, cast):
    person = make_person(cast.commune_a)
    Report.objects.create(unit=cast.commune_a, period=cast.period, state=ReportState.SUBMITTED)
    html = clerk.get(BASE).content.decode()
    assert 'id="readonly-banner"' in html and 'id="add-record"' not in html
    response = clerk.post(BASE + "new/", person_data())
    assert response.status_code == 403
    assert "chỉ được xem" in response.content.decode()
    response = clerk.post(f"{BASE}{person.pk}/", person_data(position="Khác", version=1))
    assert response.status_code == 403
    assert clerk.post(f"{BASE}{person.pk}/delete/", {"version": "1"}).status_code == 403
    person.refresh_from_db()
    assert person.version == 1 and Person.objects.count() == 1


def test_record_counting_in_a_locked_earlier_period_cannot_be_changed(clerk, cast):
    from orgs.models import Period

    earlier = Period.objects.create(
        code="2022", start=dt.date(2021, 12, 15), end=dt.date(2022, 12, 14)
    )
    Report.objects.create(unit=cast.commune_a, period=earlier, state=ReportState.ACCEPTED)
    person = make_person(cast.commune_a, in_post_from=dt.date(2019, 1, 1))
    response = clerk.post(
        f"{BASE}{person.pk}/", person_data(in_post_from="2019-01-01", position="Khác", version=1)
    )
    assert "2022" in response.content.decode() and "chỉ được xem" in response.content.decode()
    person.refresh_from_db()
    assert person.version == 1
    # A person who took office in the open period is editable.
    fresh = make_person(cast.commune_a, full_name="Mới", in_post_from=dt.date(2023, 3, 1))
    ok = clerk.post(
        f"{BASE}{fresh.pk}/", person_data(full_name="Mới", in_post_from="2023-03-01", version=1)
    )
    assert ok.status_code == 302


def test_search_sort_filter_and_pagination(clerk, cast):
    for i in range(60):
        make_person(
            cast.commune_a, full_name=f"Người {i:02d}", category="kct" if i % 2 else "cadre"
        )
    page1 = clerk.get(BASE + "?sort=full_name")
    assert len(page1.context["rows"]) == 50
    assert page1.context["page_obj"].paginator.count == 60
    assert page1.context["rows"][0]["obj"].full_name == "Người 00"
    page2 = clerk.get(BASE + "?sort=-full_name&page=2")
    assert [r["obj"].full_name for r in page2.context["rows"]][-1] == "Người 00"
    found = clerk.get(BASE + "?q=người 1")
    assert found.context["page_obj"].paginator.count == 10
    kct = clerk.get(BASE + "?category=kct")
    assert kct.context["page_obj"].paginator.count == 30
    # Unknown sort fields and filter values are ignored, not errors.
    assert clerk.get(BASE + "?sort=unit__name&category=xyz").status_code == 200


def test_htmx_list_request_returns_only_the_table(clerk, cast):
    make_person(cast.commune_a)
    response = clerk.get(BASE + "?q=Bình", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="records-table")
    html = response.content.decode()
    assert html.strip().startswith('<div id="records-table">')
    assert "<html" not in html


def test_exports_respect_the_search_and_use_vietnamese_headers_and_labels(clerk, cast):
    make_person(cast.commune_a, full_name="Trần Thị Bình", has_digital_certificate=True)
    make_person(cast.commune_a, full_name="Lê Văn Cường", category="kct")
    response = clerk.get(BASE + "export.xlsx?q=Bình")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "họ và tên" and "loại" in rows[0]
    assert len(rows) == 2
    assert rows[1][0] == "Trần Thị Bình" and "Cán bộ" in rows[1] and "Có" in rows[1]
    csv = clerk.get(BASE + "export.csv").content.decode("utf-8-sig")
    assert "Lê Văn Cường" in csv and "Người hoạt động không chuyên trách" in csv
    assert clerk.get(BASE + "export.pdf").status_code == 404


def test_navigation_links_to_every_section(clerk, cast):
    html = clerk.get(reverse("workspace", args=["21073", "2023"])).content.decode()
    for name in ("dossiers", "procedures", "people", "budget", "directives", "figures"):
        assert reverse(f"records_{name}_list", args=["21073", "2023"]) in html


def test_writes_without_the_csrf_token_are_refused(cast):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(cast.clerk_a)
    assert browser.post(BASE + "new/", person_data()).status_code == 403
    assert not Person.objects.exists()


def test_htmx_search_updates_the_export_links_to_the_current_filter(clerk, cast):
    make_person(cast.commune_a)
    response = clerk.get(BASE + "?q=Bình", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="records-table")
    assert f'href="{BASE}export.xlsx?q=B%C3%ACnh"' in response.content.decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_of_one_version_let_exactly_one_through(cast):
    import threading

    from django.db import connection, connections

    from records.services import ConcurrentEditError, record_save
    from staff.views import PEOPLE

    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    person = make_person(cast.commune_a)
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def save(position: str, user) -> None:
        try:
            copy = Person.objects.get(pk=person.pk)
            copy.position = position
            barrier.wait()
            record_save(
                section=PEOPLE,
                instance=copy,
                by=user,
                unit=cast.commune_a,
                period=cast.period,
                expected_version=1,
            )
            outcomes.append("saved")
        except ConcurrentEditError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=save, args=("Bí thư", cast.clerk_a)),
        threading.Thread(target=save, args=("Phó Bí thư", cast.approver_a)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused", "saved"]
    person.refresh_from_db()
    assert person.version == 2
