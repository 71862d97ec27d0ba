"""Issue 10, points 2, 10 and 11: every channel goes through the one lock rule (judged by the
dates a change affects), under the workflow's row lock; submitted figures are frozen; an
object outside scope is 404 before any 403; every lock refusal is logged."""

from __future__ import annotations

import datetime as dt
import logging
import threading

import pytest
from django.db import connection, connections

from orgs.models import Period
from reports.models import DocumentSettings, IndicatorSnapshot, Report, ReportState
from staff.models import Person
from tests.factories import PASSWORD
from tests.imports.filedata import upload

HEADERS = (
    "Họ và tên;Loại;Chức vụ, chức danh;Trình độ chuyên môn;Trình độ lý luận chính trị;"
    "Kiêm nhiệm;Chứng thư số;Giữ chức vụ từ\r\n"
)
# A person in post since 01/01/2023: counts for the period 2023 (15/12/2022–31/10/2023) too.
SINCE_2023 = HEADERS + "Nguyễn Văn An;Cán bộ;Chủ tịch UBND;Đại học;Cao cấp;;Có;01/01/2023\r\n"
SINCE_2024 = HEADERS + "Nguyễn Văn An;Cán bộ;Chủ tịch UBND;Đại học;Cao cấp;;Có;01/01/2024\r\n"


def _period_2024() -> Period:
    return Period.objects.create(
        code="2024", start=dt.date(2023, 12, 15), end=dt.date(2024, 10, 31)
    )


def _submit_2023(cast, state=ReportState.SUBMITTED) -> Report:
    report, _ = Report.objects.get_or_create(unit=cast.commune_a, period=cast.period)
    Report.objects.filter(pk=report.pk).update(state=state)
    report.refresh_from_db()
    return report


def _staff_import(cast, text: str, *, period, commit: bool = True):
    from staff.resources import staff_import

    return staff_import(
        file=upload(text.encode("utf-8"), "canbo.csv"),
        unit=cast.commune_a,
        period=period,
        by=cast.clerk_a,
        commit=commit,
    )


def _refusals(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if getattr(r, "event", "") == "lock_refused"]


# --- point 2: imports judged by the dates their rows affect -----------------------------------


@pytest.mark.django_db
def test_a_staff_import_into_2024_of_a_person_in_post_since_2023_is_refused_naming_2023(
    cast, caplog
):
    period_2024 = _period_2024()
    _submit_2023(cast)
    caplog.set_level(logging.INFO, logger="cchc_portal.security")
    for commit in (False, True):
        result = _staff_import(cast, SINCE_2023, period=period_2024, commit=commit)
        assert not result.ok and not result.committed
        assert any("2023" in e.message for e in result.errors), result.errors
    assert not Person.objects.exists()
    lines = _refusals(caplog)
    assert lines and lines[-1].channel == "import:staff"
    assert (lines[-1].unit, lines[-1].period, lines[-1].user) == ("21073", "2023", "clerk.a")
    # a person whose time in post does not touch 2023 is imported
    assert _staff_import(cast, SINCE_2024, period=period_2024).committed


@pytest.mark.django_db
def test_a_staff_import_moving_a_person_out_of_a_locked_period_is_refused(cast):
    period_2024 = _period_2024()
    assert _staff_import(cast, SINCE_2023, period=period_2024).committed
    _submit_2023(cast)
    result = _staff_import(cast, SINCE_2024, period=period_2024)
    assert not result.committed and "2023" in str(result.errors)
    assert Person.objects.get().in_post_from == dt.date(2023, 1, 1)


# --- point 2: the admin --------------------------------------------------------------------


@pytest.fixture
def admin_browser(client, cast):
    client.force_login(cast.admin)
    return client


@pytest.mark.django_db
def test_the_admin_shows_a_locked_record_read_only_and_refuses_to_change_it(cast, admin_browser):
    person = Person.objects.create(
        unit=cast.commune_a,
        full_name="Trần Thị Bình",
        category="cadre",
        position="Chủ tịch UBND",
        education="university",
        political_theory="advanced",
        in_post_from=dt.date(2023, 1, 1),
    )
    url = f"/admin/staff/person/{person.pk}/change/"
    _submit_2023(cast)
    page = admin_browser.get(url)
    assert page.status_code == 200
    assert not page.context["has_change_permission"]
    assert not page.context["has_delete_permission"]
    assert 'name="_save"' not in page.content.decode()
    assert "chỉ được xem" in page.content.decode()
    assert admin_browser.post(url, {"full_name": "X"}).status_code == 403
    assert (
        admin_browser.post(f"/admin/staff/person/{person.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    person.refresh_from_db()
    assert (person.full_name, person.version) == ("Trần Thị Bình", 1)


@pytest.mark.django_db
def test_an_admin_save_bumps_the_version_and_cannot_move_a_record_into_a_locked_period(
    cast, admin_browser
):
    person = Person.objects.create(
        unit=cast.commune_a,
        full_name="Trần Thị Bình",
        category="cadre",
        position="Chủ tịch UBND",
        education="university",
        political_theory="advanced",
        in_post_from=dt.date(2024, 1, 1),
    )
    url = f"/admin/staff/person/{person.pk}/change/"
    form = admin_browser.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form.initial.get(name)
        if value is None or value is False:
            continue
        data[name] = value.isoformat() if isinstance(value, dt.date) else value
    data.update({"unit": cast.commune_a.pk, "full_name": "Trần Thị Bình B", "_save": "1"})
    response = admin_browser.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    person.refresh_from_db()
    assert (person.full_name, person.version, person.updated_by) == (
        "Trần Thị Bình B",
        2,
        cast.admin,
    )
    _submit_2023(cast)
    data["in_post_from"] = "2023-01-01"
    response = admin_browser.post(url, data)
    assert response.status_code == 200
    assert "2023" in str(response.context["adminform"].form.non_field_errors())
    person.refresh_from_db()
    assert (person.in_post_from, person.version) == (dt.date(2024, 1, 1), 2)


# --- point 2: document settings, number and date --------------------------------------------


SETTINGS = {
    "num-doc_number": "7",
    "num-doc_symbol": "BC-UBND",
    "num-issued_on": "2024-01-05",
    "doc-issuing_body": "ỦY BAN NHÂN DÂN\nXÃ BÌNH PHƯỚC",
    "doc-place_name": "Bình Phước",
    "doc-addressee": "Phòng Nội vụ huyện Bình Sơn",
    "doc-basis": "",
    "doc-recipients": "Như trên\nLưu: VT",
    "doc-signer_title": "vice",
    "doc-signer_name": "Người Khác",
    "doc-organisation_name": "",
}


@pytest.mark.django_db
@pytest.mark.parametrize("state", [ReportState.SUBMITTED, ReportState.ACCEPTED, ReportState.SIGNED])
def test_document_settings_are_refused_after_submission(cast, client, caplog, state):
    report = _submit_2023(cast, state)
    client.login(username="approver.a", password=PASSWORD)
    caplog.set_level(logging.INFO, logger="cchc_portal.security")
    response = client.post("/u/21073/2023/report/settings/", SETTINGS)
    assert response.status_code == 403
    assert "không sửa được" in response.content.decode()
    assert not DocumentSettings.objects.filter(unit=cast.commune_a).exists()
    report.refresh_from_db()
    assert report.doc_number is None
    assert _refusals(caplog)[-1].channel == "document"
    page = client.get("/u/21073/2023/report/settings/").content.decode()
    assert 'type="submit"' not in page.split("<form", 1)[1].split("</form>", 1)[0]


@pytest.mark.django_db
def test_document_settings_stay_editable_in_a_returned_report(cast, client):
    _submit_2023(cast, ReportState.RETURNED)
    client.login(username="approver.a", password=PASSWORD)
    assert client.post("/u/21073/2023/report/settings/", SETTINGS).status_code == 302
    row = DocumentSettings.objects.get(unit=cast.commune_a, period=cast.period)
    assert row.signer_name == "Người Khác"


# --- point 10: 404 before 403 ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_reviewer_gets_404_on_the_delete_url_of_another_communes_record(cast, client):
    other = Person.objects.create(
        unit=cast.commune_b,
        full_name="Lê Văn C",
        category="cadre",
        position="Chủ tịch UBND",
        education="university",
        political_theory="advanced",
    )
    own = Person.objects.create(
        unit=cast.commune_a,
        full_name="Lê Văn A",
        category="cadre",
        position="Chủ tịch UBND",
        education="university",
        political_theory="advanced",
    )
    client.login(username="reviewer.d", password=PASSWORD)
    base = "/u/21073/2023/staff/people/"
    assert client.get(f"{base}{other.pk}/delete/").status_code == 404
    assert client.post(f"{base}{other.pk}/delete/").status_code == 404
    assert client.get(f"{base}{own.pk}/delete/").status_code == 403  # in scope, not allowed


@pytest.mark.django_db
def test_a_reviewer_gets_404_on_an_import_job_of_another_unit(cast, client):
    from reports.models import Job

    job = Job.objects.create(
        kind="import_staff",
        unit=cast.commune_b,
        period=cast.period,
        params={"import_kind": "staff"},
    )
    client.login(username="reviewer.d", password=PASSWORD)
    assert client.get(f"/u/21073/2023/import/staff/{job.pk}/").status_code == 404
    assert client.post(f"/u/21073/2023/import/staff/{job.pk}/confirm/").status_code == 404


# --- point 11: nothing recomputes the figures of a submitted report ---------------------------


@pytest.mark.django_db
def test_a_recompute_after_submit_leaves_the_snapshot_untouched(cast):
    from reports.snapshots import snapshot_refresh

    snap = snapshot_refresh(unit=cast.commune_a, period=cast.period)
    _submit_2023(cast)
    Person.objects.create(
        unit=cast.commune_a,
        full_name="Người Mới",
        category="cadre",
        position="Chủ tịch UBND",
        education="university",
        political_theory="advanced",
        in_post_from=dt.date(2023, 1, 1),
    )
    again = snapshot_refresh(unit=cast.commune_a, period=cast.period)
    assert again.pk == snap.pk
    assert (again.values, again.computed_at) == (snap.values, snap.computed_at)
    # an open report's snapshot follows its data
    Report.objects.filter(unit=cast.commune_a).update(state=ReportState.RETURNED)
    moved = snapshot_refresh(unit=cast.commune_a, period=cast.period)
    assert moved.computed_at > snap.computed_at
    assert IndicatorSnapshot.objects.filter(unit=cast.commune_a).count() == 1


# --- point 11: an import racing a submit (PostgreSQL row locks, two threads) ------------------


def _needs_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_import_whose_writing_transaction_starts_after_a_submit_committed_writes_nothing(
    cast, monkeypatch
):
    """The import checked the state before the submit (the old single check, here made to pass):
    its writing transaction, starting after the submit committed, refuses the file."""
    from imports import services as import_services
    from reports.services import report_transition

    _needs_postgres()
    report, _ = Report.objects.get_or_create(unit=cast.commune_a, period=cast.period)
    monkeypatch.setattr(import_services, "import_locked_reason", lambda **kw: None)

    def submit() -> None:
        try:
            report_transition(report=report, name="submit", by=cast.approver_a)
        finally:
            connections.close_all()

    t = threading.Thread(target=submit)
    t.start()
    t.join()
    assert Report.objects.get(pk=report.pk).state == ReportState.SUBMITTED
    result = _staff_import(cast, SINCE_2023, period=cast.period)
    assert not result.committed and "2023" in str(result.errors)
    assert not Person.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_submit_waiting_on_an_imports_lock_sees_its_rows(cast, monkeypatch):
    from records.locking import RecordLockGuard
    from reports.services import report_transition

    _needs_postgres()
    period_2024 = _period_2024()
    report, _ = Report.objects.get_or_create(unit=cast.commune_a, period=cast.period)
    locked, go = threading.Event(), threading.Event()
    guard_call = RecordLockGuard.__call__

    def pausing_guard(self, written: bool) -> None:
        guard_call(self, written)
        if written:  # rows written, the reports' row lock held: let the submit come
            locked.set()
            go.wait(30)

    monkeypatch.setattr(RecordLockGuard, "__call__", pausing_guard)
    outcome: dict = {}

    def run_import() -> None:
        try:
            outcome["import"] = _staff_import(cast, SINCE_2023, period=period_2024)
        finally:
            connections.close_all()

    def submit() -> None:
        def check(r: Report) -> None:
            outcome["seen"] = Person.objects.filter(unit=cast.commune_a).count()

        try:
            report_transition(report=report, name="submit", by=cast.approver_a, check=check)
        finally:
            connections.close_all()

    importer = threading.Thread(target=run_import)
    importer.start()
    assert locked.wait(30)
    submitter = threading.Thread(target=submit)
    submitter.start()
    submitter.join(1.0)
    assert submitter.is_alive(), "the submit must wait for the import's lock"
    go.set()
    importer.join(30)
    submitter.join(30)
    assert outcome["import"].committed, outcome["import"].errors
    assert outcome["seen"] == 1
    assert Report.objects.get(pk=report.pk).state == ReportState.SUBMITTED


@pytest.mark.django_db
def test_the_dossier_import_judges_its_days_under_the_reports_row_lock_and_logs(cast, caplog):
    from tthc.importing.dossiers import _locked_problem

    _submit_2023(cast)
    caplog.set_level(logging.INFO, logger="cchc_portal.security")
    message = _locked_problem(unit=cast.commune_a, days={dt.date(2023, 5, 1)}, by=cast.clerk_a)
    assert message and "2023" in message
    line = _refusals(caplog)[-1]
    assert (line.channel, line.unit, line.period, line.user) == (
        "import:dossiers",
        "21073",
        "2023",
        "clerk.a",
    )
    # a day of 2024 only: no refusal, and the report of the period touched exists (locked)
    period_2024 = _period_2024()
    assert _locked_problem(unit=cast.commune_a, days={dt.date(2024, 5, 1)}) is None
    assert Report.objects.filter(unit=cast.commune_a, period=period_2024).exists()
