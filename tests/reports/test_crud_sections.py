"""Every record section: create, edit and delete through the forms, each with its audit entry;
another unit's record is unreachable; a submitted period refuses the write."""

import pytest

from finance.models import AssetRegulation, BudgetLine, InvestmentLine
from plans.models import Directive, EnteredFigure, PlanTask
from reports.models import Report, ReportState
from staff.models import DisciplineCase, Person, PersonnelAction, PostQuota, TrainingAttendance
from tthc.models import Dossier, Feedback, Procedure, SurveyResponse

pytestmark = pytest.mark.django_db

U = "/u/21073/2023/"

# (url, model, valid form data, (field, new form value, expected stored value))
SECTIONS = [
    (
        "tthc/dossiers/",
        Dossier,
        {
            "code": "000.00.01.H55-230301-0001",
            "procedure_code": "1.001234",
            "procedure_name": "Đăng ký khai sinh",
            "channel": "online",
            "status": "resolved",
            "received_at": "2023-03-01T08:00",
            "due_at": "2023-03-03T17:00",
            "resolved_at": "2023-03-02T10:00",
            "source": "provincial",
            "fee": "",
        },
        ("channel", "direct", "direct"),
    ),
    (
        "tthc/feedback/",
        Feedback,
        {"received_on": "2023-04-01", "channel": "Hộp thư góp ý", "subject": "Chậm trả kết quả"},
        ("resolved_on", "2023-04-10", "2023-04-10"),
    ),
    (
        "tthc/surveys/",
        SurveyResponse,
        {"answered_on": "2023-05-02", "procedure_code": "1.001234", "rating": "4"},
        ("rating", "5", 5),
    ),
    (
        "staff/people/",
        Person,
        {
            "full_name": "Phạm Văn Dũng",
            "category": "cadre",
            "position": "Phó Chủ tịch UBND",
            "education": "university",
            "political_theory": "intermediate",
            "in_post_from": "2021-06-01",
        },
        ("position", "Chủ tịch UBND", "Chủ tịch UBND"),
    ),
    (
        "staff/quotas/",
        PostQuota,
        {"year": "2023", "quota": "20", "decision_ref": "QĐ 123/QĐ-UBND"},
        ("quota", "21", 21),
    ),
    (
        "staff/trainings/",
        TrainingAttendance,
        {"course": "Bồi dưỡng kỹ năng CCHC", "start_on": "2023-06-05", "end_on": "2023-06-07"},
        ("organiser", "Sở Nội vụ", "Sở Nội vụ"),
    ),
    (
        "staff/actions/",
        PersonnelAction,
        {"kind": "raise", "effective_on": "2023-07-01", "decision_ref": "QĐ 5"},
        ("kind", "rotation", "rotation"),
    ),
    (
        "staff/discipline/",
        DisciplineCase,
        {"decided_on": "2023-08-01", "form": "Khiển trách", "reason": "Vi phạm giờ làm việc"},
        ("form", "Cảnh cáo", "Cảnh cáo"),
    ),
    (
        "finance/budget/",
        BudgetLine,
        {
            "kind": "revenue",
            "plan": "1.500.000.000",
            "actual": "1.200.000.000",
            "as_of": "2023-10-31",
            "estimated": "on",
        },
        ("actual", "1.600.000.000", 1_600_000_000),
    ),
    (
        "finance/investment/",
        InvestmentLine,
        {
            "project": "Đường bê tông thôn An Điềm",
            "allocated": "2000000000",
            "disbursed": "500.000.000",
            "as_of": "2023-10-31",
        },
        ("disbursed", "1.000.000.000", 1_000_000_000),
    ),
    (
        "finance/assets/",
        AssetRegulation,
        {"decision_ref": "12/QĐ-UBND", "issued_on": "2023-02-10", "title": "Quy chế tài sản"},
        ("title", "Quy chế quản lý, sử dụng tài sản công", "Quy chế quản lý, sử dụng tài sản công"),
    ),
    (
        "tasks/plan-tasks/",
        PlanTask,
        {"title": "Rà soát TTHC", "owner": "Văn phòng", "due_on": "2023-06-30"},
        ("done_on", "2023-06-20", "2023-06-20"),
    ),
    (
        "tasks/directives/",
        Directive,
        {
            "title": "Báo cáo tình hình",
            "reference": "CV 45/UBND",
            "assigned_on": "2023-01-10",
            "due_on": "2023-01-20",
        },
        ("done_on", "2023-01-19", "2023-01-19"),
    ),
    (
        "tasks/figures/",
        EnteredFigure,
        {"code": "legal.docs_reviewed", "value": "12", "note": ""},
        ("value", "1.205", 1205),
    ),
]
IDS = [s[0].strip("/") for s in SECTIONS]


@pytest.fixture
def clerk(client, cast):
    client.force_login(cast.clerk_a)
    return client


@pytest.mark.parametrize(("url", "model", "data", "change"), SECTIONS, ids=IDS)
def test_clerk_creates_edits_and_deletes_with_audit_entries(clerk, cast, url, model, data, change):
    assert clerk.get(U + url).status_code == 200
    assert clerk.get(U + url + "new/").status_code == 200
    response = clerk.post(U + url + "new/", data)
    assert response.status_code == 302, response.context["form"].errors
    record = model.objects.get()
    assert record.unit == cast.commune_a and record.updated_by == cast.clerk_a
    if hasattr(record, "period"):
        assert record.period == cast.period
    listed = clerk.get(U + url)
    assert [r["obj"].pk for r in listed.context["rows"]] == [record.pk]

    field, form_value, stored = change
    assert clerk.get(f"{U}{url}{record.pk}/").status_code == 200
    response = clerk.post(f"{U}{url}{record.pk}/", {**data, field: form_value, "version": "1"})
    assert response.status_code == 302, response.context["form"].errors
    record.refresh_from_db()
    assert str(getattr(record, field)) == str(stored) and record.version == 2

    response = clerk.post(f"{U}{url}{record.pk}/delete/", {"version": "2"})
    assert response.status_code == 302
    assert not model.objects.exists()
    kinds = list(
        model.history.filter(id=record.pk)
        .order_by("history_date")
        .values_list("history_type", "history_user")
    )
    assert kinds == [("+", cast.clerk_a.pk), ("~", cast.clerk_a.pk), ("-", cast.clerk_a.pk)]
    html = clerk.get(f"{U}{url}{record.pk}/history/").content.decode()
    assert "Tạo mới" in html and "Sửa" in html and "Xóa" in html


@pytest.mark.parametrize(("url", "model", "data", "change"), SECTIONS, ids=IDS)
def test_submitted_period_refuses_every_section(clerk, cast, url, model, data, change):
    Report.objects.create(unit=cast.commune_a, period=cast.period, state=ReportState.SUBMITTED)
    html = clerk.get(U + url).content.decode()
    assert 'id="readonly-banner"' in html and 'id="add-record"' not in html
    response = clerk.post(U + url + "new/", data)
    assert response.status_code == 403
    assert not model.objects.exists()


@pytest.mark.parametrize(("url", "model", "data", "change"), SECTIONS, ids=IDS)
def test_records_of_another_unit_are_404(client, cast, url, model, data, change):
    client.force_login(cast.clerk_b)
    assert client.post("/u/21061/2023/" + url + "new/", data).status_code == 302
    record = model.objects.get()
    assert record.unit == cast.commune_b
    client.force_login(cast.clerk_a)
    for suffix in ("", "history/", "delete/"):
        assert client.get(f"{U}{url}{record.pk}/{suffix}").status_code == 404
    assert client.post(f"{U}{url}{record.pk}/", {**data, "version": "1"}).status_code == 404
    assert client.get(U + url).context["page_obj"].paginator.count == 0
    record.refresh_from_db()
    assert record.version == 1


@pytest.mark.parametrize(("url", "model", "data", "change"), SECTIONS, ids=IDS)
def test_every_list_exports_to_xlsx_and_csv(clerk, cast, url, model, data, change):
    clerk.post(U + url + "new/", data)
    xlsx = clerk.get(U + url + "export.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    csv = clerk.get(U + url + "export.csv").content.decode("utf-8-sig")
    assert len(csv.strip().splitlines()) == 2


def test_procedure_catalogue_is_visible_to_clerks_but_edited_only_by_admins(client, cast):
    Procedure.objects.create(code="1.001234", name="Đăng ký khai sinh", online_level="partial")
    client.force_login(cast.clerk_a)
    html = client.get(U + "tthc/procedures/").content.decode()
    assert "Đăng ký khai sinh" in html and 'id="add-record"' not in html
    data = {"code": "1.009999", "name": "Thủ tục mới", "online_level": "full"}
    assert client.post(U + "tthc/procedures/new/", data).status_code == 403
    client.force_login(cast.admin)
    assert client.post(U + "tthc/procedures/new/", data).status_code == 302
    assert Procedure.objects.filter(code="1.009999", online_level="full").exists()
    duplicate = client.post(U + "tthc/procedures/new/", data)
    assert "Mã TTHC này đã có trong danh mục." in duplicate.content.decode()
