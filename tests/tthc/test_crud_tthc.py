"""Dossier, feedback and catalogue forms: validation, scoping to the period window, totals."""

import datetime as dt

import pytest
from django.utils import timezone

from reports.indicators import compute
from tthc.models import Dossier, Procedure

pytestmark = pytest.mark.django_db

URL = "/u/21073/2023/tthc/dossiers/"
TZ = timezone.get_default_timezone()


def at(y, m, d, h=8):
    return dt.datetime(y, m, d, h, 0, tzinfo=TZ)


def dossier_data(**over):
    data = {
        "code": "HS-1",
        "procedure_code": "1.001234",
        "channel": "online",
        "status": "resolved",
        "received_at": "2023-03-01T08:00",
        "due_at": "2023-03-03T17:00",
        "resolved_at": "2023-03-02T10:00",
        "source": "provincial",
    }
    data.update(over)
    return data


def make_dossier(unit, code, received, resolved=None, status="pending", channel="direct"):
    return Dossier.objects.create(
        unit=unit,
        code=code,
        procedure_code="1.001234",
        channel=channel,
        received_at=received,
        due_at=received + dt.timedelta(days=3),
        resolved_at=resolved,
        status=status,
    )


@pytest.fixture
def clerk(client, cast):
    client.force_login(cast.clerk_a)
    return client


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"resolved_at": "2023-02-28T08:00"}, "Ngày có kết quả phải sau hoặc bằng ngày tiếp nhận."),
        (
            {"resolved_at": ""},
            "Hồ sơ đã kết thúc (đã giải quyết, rút hoặc từ chối) phải có ngày có kết quả.",
        ),
        ({"status": "pending"}, "Hồ sơ đang giải quyết không được có ngày có kết quả."),
        ({"due_at": ""}, "Cần nhập hạn xử lý (trừ hồ sơ rút)."),
        (
            {
                "received_at": "2023-11-05T08:00",
                "due_at": "2023-11-08T17:00",
                "resolved_at": "",
                "status": "pending",
            },
            "Ngày tiếp nhận sau kỳ báo cáo",
        ),
        ({"received_at": "hôm qua"}, "Nhập"),
        ({"fee": "12,5"}, "Chỉ nhập số nguyên"),
    ],
)
def test_bad_dossier_is_refused_with_a_vietnamese_message(clerk, cast, over, message):
    response = clerk.post(URL + "new/", dossier_data(**over))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Dossier.objects.exists()


def test_dossier_code_is_unique_within_the_unit_only(clerk, client, cast):
    make_dossier(cast.commune_b, "HS-1", at(2023, 3, 1))
    assert clerk.post(URL + "new/", dossier_data()).status_code == 302
    again = clerk.post(URL + "new/", dossier_data())
    assert "Mã hồ sơ này đã có ở đơn vị." in again.content.decode()
    assert Dossier.objects.filter(unit=cast.commune_a).count() == 1


def test_dossier_takes_the_online_level_of_its_catalogue_procedure(clerk, cast):
    Procedure.objects.create(code="1.001234", name="Đăng ký khai sinh", online_level="full")
    clerk.post(URL + "new/", dossier_data())
    dossier = Dossier.objects.get()
    assert dossier.online_level == "full" and dossier.procedure_name == "Đăng ký khai sinh"
    assert dossier.procedure is not None


def test_catalogue_change_is_carried_to_the_dossiers(client, cast):
    proc = Procedure.objects.create(code="1.001234", name="Khai sinh", online_level="none")
    make_dossier(cast.commune_a, "HS-1", at(2023, 3, 1))
    client.force_login(cast.admin)
    response = client.post(
        f"/u/21073/2023/tthc/procedures/{proc.pk}/",
        {"code": "1.001234", "name": "Khai sinh", "online_level": "partial", "version": "1"},
    )
    assert response.status_code == 302
    assert Dossier.objects.get().online_level == "partial"


def test_list_holds_dossiers_of_the_window_and_carried_over_ones(clerk, cast):
    make_dossier(cast.commune_a, "IN-WINDOW", at(2023, 3, 1))
    make_dossier(cast.commune_a, "CARRIED", at(2022, 12, 1))  # still pending at the start
    make_dossier(
        cast.commune_a, "ENDED-BEFORE", at(2022, 11, 1), resolved=at(2022, 11, 5), status="resolved"
    )
    make_dossier(cast.commune_a, "AFTER", at(2023, 11, 2))
    codes = {r["obj"].code for r in clerk.get(URL).context["rows"]}
    assert codes == {"IN-WINDOW", "CARRIED"}


def test_dossier_totals_are_the_registry_indicators(clerk, cast):
    make_dossier(cast.commune_a, "A", at(2023, 3, 1), channel="online")
    make_dossier(cast.commune_a, "B", at(2023, 3, 2), channel="direct")
    make_dossier(cast.commune_a, "C", at(2022, 12, 1))
    response = clerk.get(URL)
    totals = {t.indicator: t.value for _g, items in response.context["totals"] for t in items}
    official = compute(cast.commune_a, cast.period)
    assert totals["tthc.received_online"] == official["tthc.received_online"] == 1
    assert totals["tthc.carried_over"] == official["tthc.carried_over"] == 1
    assert totals["tthc.total"] == official["tthc.total"] == 3


def test_dossier_filters_by_status_and_channel(clerk, cast):
    make_dossier(cast.commune_a, "A", at(2023, 3, 1), channel="online")
    make_dossier(cast.commune_a, "B", at(2023, 3, 2), channel="direct")
    make_dossier(
        cast.commune_a,
        "C",
        at(2023, 3, 3),
        channel="online",
        resolved=at(2023, 3, 4),
        status="resolved",
    )
    rows = clerk.get(URL + "?channel=online&status=pending").context["rows"]
    assert [r["obj"].code for r in rows] == ["A"]
    csv = clerk.get(URL + "export.csv?channel=online").content.decode("utf-8-sig")
    assert "Trực tuyến" in csv and "Đang giải quyết" in csv and "Đã giải quyết" in csv
    assert ",B," not in csv


def test_feedback_outside_the_window_is_refused(clerk, cast):
    response = clerk.post(
        "/u/21073/2023/tthc/feedback/new/", {"received_on": "2024-01-05", "subject": "Góp ý"}
    )
    assert "Ngày phải nằm trong kỳ báo cáo (15/12/2022 – 31/10/2023)" in response.content.decode()


def test_feedback_resolved_before_received_is_refused(clerk, cast):
    response = clerk.post(
        "/u/21073/2023/tthc/feedback/new/",
        {"received_on": "2023-05-05", "resolved_on": "2023-05-01", "subject": "Góp ý"},
    )
    assert "Ngày xử lý xong phải sau hoặc bằng ngày tiếp nhận." in response.content.decode()


def test_deadline_typed_without_time_means_the_end_of_that_day(clerk, cast):
    response = clerk.post(
        URL + "new/", dossier_data(due_at="03/03/2023", resolved_at="2023-03-03T16:00")
    )
    assert response.status_code == 302
    due = timezone.localtime(Dossier.objects.get().due_at)
    assert (due.date(), due.hour, due.minute) == (dt.date(2023, 3, 3), 23, 59)


def test_deleting_a_catalogue_entry_sets_its_dossiers_back_to_level_none(client, cast):
    proc = Procedure.objects.create(code="1.001234", name="Khai sinh", online_level="full")
    dossier = make_dossier(cast.commune_a, "HS-1", at(2023, 3, 1))
    Dossier.objects.filter(pk=dossier.pk).update(procedure=proc, online_level="full")
    client.force_login(cast.admin)
    response = client.post(f"/u/21073/2023/tthc/procedures/{proc.pk}/delete/", {"version": "1"})
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert (dossier.online_level, dossier.procedure_id) == ("none", None)


def test_imported_dossier_without_form_history_has_a_history_page(clerk, cast):
    from imports.models import ImportBatch

    batch = ImportBatch.objects.create(
        kind="dossiers", unit=cast.commune_a, original_name="hoso-2023.xlsx", by=cast.clerk_a
    )
    Dossier.objects.bulk_create(
        [
            Dossier(
                unit=cast.commune_a,
                code="IMP-1",
                procedure_code="1.0",
                channel="online",
                status="pending",
                received_at=at(2023, 3, 1),
                due_at=at(2023, 3, 3),
                import_batch=batch,
            )
        ]
    )
    dossier = Dossier.objects.get()
    html = clerk.get(f"{URL}{dossier.pk}/history/").content.decode()
    # The import is the record's origin: one history entry naming the file, batch and who.
    assert 'id="no-history"' not in html
    assert html.count('class="hist-imported"') == 1
    assert f"«hoso-2023.xlsx» (lần nhập số {batch.pk})" in html
    assert cast.clerk_a.get_username() in html


def _imported_dossier(cast, by):
    from imports.models import ImportBatch

    batch = ImportBatch.objects.create(
        kind="dossiers", unit=cast.commune_a, original_name="hoso-quy1.xlsx", by=by
    )
    Dossier.objects.bulk_create(
        [
            Dossier(
                unit=cast.commune_a,
                code="IMP-2",
                procedure_code="1.001234",
                channel="direct",
                status="pending",
                received_at=at(2023, 3, 1),
                due_at=at(2023, 3, 3, 17),
                version=1,
                import_batch=batch,
            )
        ]
    )
    return Dossier.objects.get(code="IMP-2"), batch


def test_hand_edit_of_an_imported_dossier_shows_exactly_the_changed_fields(clerk, cast):
    dossier, batch = _imported_dossier(cast, cast.approver_a)
    response = clerk.post(
        f"{URL}{dossier.pk}/",
        dossier_data(
            code="IMP-2",
            channel="online",
            status="resolved",
            received_at="2023-03-01T08:00",
            due_at="2023-03-03T17:00",
            resolved_at="2023-03-02T10:00",
            version=1,
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from records.history import record_history
    from tthc.views import SECTIONS

    section = next(s for s in SECTIONS if s.model is Dossier)
    rows = list(Dossier.history.filter(id=dossier.pk).order_by("-history_date", "-history_id"))
    entries = record_history(section, rows)
    assert [e.kind for e in entries] == ["changed", "imported"]
    edit, origin = entries
    changed = {c.field: (c.old, c.new) for c in edit.changes}
    assert changed == {
        "hình thức nộp": ("Trực tiếp", "Trực tuyến"),
        "ngày có kết quả": ("—", "02/03/2023 10:00"),
        "trạng thái": ("Đang giải quyết", "Đã giải quyết"),
    }
    assert origin.at == batch.at and origin.who == cast.approver_a.get_username()
    assert "hoso-quy1.xlsx" in origin.reason
    html = clerk.get(f"{URL}{dossier.pk}/history/").content.decode()
    assert 'class="old">Trực tiếp</span> → <span class="new">Trực tuyến' in html


def test_a_second_edit_is_diffed_against_the_first(clerk, cast):
    dossier, _batch = _imported_dossier(cast, cast.clerk_a)
    for version, channel in ((1, "online"), (2, "direct")):
        response = clerk.post(
            f"{URL}{dossier.pk}/",
            dossier_data(
                code="IMP-2", channel=channel, status="pending", resolved_at="", version=version
            ),
        )
        assert response.status_code == 302
    assert Dossier.history.filter(id=dossier.pk).count() == 3


def test_a_bad_amount_is_reported_once_below_the_field(clerk, cast):
    html = clerk.post(URL + "new/", dossier_data(fee="12,5")).content.decode()
    assert html.count("Chỉ nhập số nguyên") == 1
    # The live echo beside the field would print the same error again when the page loads:
    # on a field with an error it waits for the user to type.
    fee = html[html.index('name="fee"') : html.index(">", html.index('name="fee"'))]
    assert 'aria-invalid="true"' in fee and 'hx-trigger="input changed delay:250ms"' in fee
    ok = clerk.get(URL + "new/").content.decode()
    fee = ok[ok.index('name="fee"') : ok.index(">", ok.index('name="fee"'))]
    assert "load" in fee.split('hx-trigger="')[1].split('"')[0]
