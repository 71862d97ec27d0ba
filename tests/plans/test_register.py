"""The register of documents: records section (form, file, history, export), the plan a task
links to, the lock."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from plans.models import DocumentType, PlanTask, RegisteredDocument

pytestmark = pytest.mark.django_db

U = "/u/21073/2023/tasks/"
B = "/u/21061/2023/tasks/"


@pytest.fixture
def clerk(client, cast):
    client.force_login(cast.clerk_a)
    return client


def kh18(**extra):
    data = {
        "doc_type": DocumentType.PLAN,
        "number": "18",
        "symbol": "KH-UBND",
        "issued_on": "22/02/2023",
        "issuer": "UBND xã Bình Phước",
        "subject": "Tuyên truyền cải cách hành chính năm 2023",
    }
    data.update(extra)
    return data


def test_a_document_with_its_file_is_registered_listed_and_downloaded_only_in_scope(
    clerk, client, cast, django_user_model
):
    pdf = SimpleUploadedFile("KH 18 tuyen truyen.pdf", b"%PDF-1.4 kh18", "application/pdf")
    response = clerk.post(U + "documents/new/", {**kh18(), "file": pdf})
    assert response.status_code == 302, response.content.decode()[:2000]
    doc = RegisteredDocument.objects.get()
    assert (doc.unit, doc.period) == (cast.commune_a, cast.period)
    assert doc.reference == "18/KH-UBND" and str(doc.issued_on) == "2023-02-22"
    assert doc.file_name == "KH 18 tuyen truyen.pdf"
    assert "KH 18" not in doc.file.name and doc.file.name.startswith("documents/")

    html = clerk.get(U + "documents/").content.decode()
    assert "18/KH-UBND" in html and "Tuyên truyền cải cách hành chính năm 2023" in html
    link = f"{U}documents/{doc.pk}/file/"
    assert f'href="{link}"' in html
    got = clerk.get(link)
    assert got.status_code == 200 and b"".join(got.streaming_content) == b"%PDF-1.4 kh18"
    assert "KH%2018%20tuyen%20truyen.pdf" in got["Content-Disposition"] or (
        "KH 18 tuyen truyen.pdf" in got["Content-Disposition"]
    )
    # the edit page links the file through the same view, never the storage path
    edit = clerk.get(f"{U}documents/{doc.pk}/").content.decode()
    assert f'href="{link}"' in edit and doc.file.name not in edit

    # another commune's clerk: the document is not found, under their unit or under ours
    client.force_login(cast.clerk_b)
    assert client.get(f"{B}documents/{doc.pk}/file/").status_code == 404
    assert client.get(link).status_code in (403, 404)


def test_history_and_export_of_the_register(clerk, cast):
    clerk.post(U + "documents/new/", kh18())
    doc = RegisteredDocument.objects.get()
    data = {**kh18(subject="Tuyên truyền CCHC năm 2023"), "version": doc.version}
    assert clerk.post(f"{U}documents/{doc.pk}/", data).status_code == 302
    history = clerk.get(f"{U}documents/{doc.pk}/history/").content.decode()
    assert "Tuyên truyền CCHC năm 2023" in history
    export = clerk.get(U + "documents/export.csv")
    body = b"".join(export.streaming_content) if export.streaming else export.content
    text = body.decode("utf-8-sig")
    assert "KH-UBND" in text and "Tuyên truyền CCHC năm 2023" in text


def test_same_reference_twice_in_a_period_is_refused(clerk):
    clerk.post(U + "documents/new/", kh18())
    again = clerk.post(U + "documents/new/", kh18(subject="Khác"))
    assert "cùng số và ký hiệu" in again.content.decode()
    assert RegisteredDocument.objects.count() == 1


def test_a_file_of_another_type_is_refused_and_nothing_is_saved(clerk):
    exe = SimpleUploadedFile("virus.exe", b"MZ", "application/octet-stream")
    response = clerk.post(U + "documents/new/", {**kh18(), "file": exe})
    assert "Chỉ nhận tệp pdf" in response.content.decode()
    assert not RegisteredDocument.objects.exists()


def test_party_documents_print_number_and_symbol_with_a_dash(clerk):
    clerk.post(
        U + "documents/new/",
        kh18(doc_type=DocumentType.DIRECTIVE, number="31", symbol="-CT/TU", issuer="Tỉnh ủy"),
    )
    assert RegisteredDocument.objects.get().reference == "31-CT/TU"


def test_a_plan_task_links_to_a_plan_of_the_units_register_only(clerk, cast):
    clerk.post(
        U + "documents/new/",
        kh18(
            doc_type=DocumentType.DECISION, number="690", symbol="QĐ-UBND", issued_on="30/12/2022"
        ),
    )
    ours = RegisteredDocument.objects.get()
    theirs = RegisteredDocument.objects.create(
        unit=cast.commune_b,
        period=cast.period,
        doc_type=DocumentType.PLAN,
        number="5",
        symbol="KH-UBND",
        issuer="UBND xã Bình Trị",
        subject="Kế hoạch CCHC",
    )
    form = clerk.get(U + "plan-tasks/new/").content.decode()
    assert "690/QĐ-UBND" in form and "5/KH-UBND" not in form
    bad = clerk.post(U + "plan-tasks/new/", {"title": "Nhiệm vụ A", "plan": theirs.pk})
    assert "Văn bản không có trong sổ văn bản của kỳ này." in bad.content.decode()
    assert not PlanTask.objects.exists()
    ok = clerk.post(U + "plan-tasks/new/", {"title": "Nhiệm vụ A", "plan": ours.pk})
    assert ok.status_code == 302
    assert PlanTask.objects.get().plan == ours
    assert "690/QĐ-UBND" in clerk.get(U + "plan-tasks/").content.decode()


def test_the_register_is_read_only_once_the_report_is_submitted(clerk, cast):
    from reports.models import Report, ReportState

    Report.objects.create(unit=cast.commune_a, period=cast.period, state=ReportState.SUBMITTED)
    response = clerk.post(U + "documents/new/", kh18())
    assert response.status_code == 403
    assert "đã gửi" in response.content.decode()
    assert not RegisteredDocument.objects.exists()


def test_register_totals_are_indicators(clerk, cast):
    from reports.indicators import compute

    clerk.post(U + "documents/new/", kh18())
    clerk.post(U + "documents/new/", kh18(doc_type=DocumentType.LETTER, number="58", symbol="UBND"))
    values = compute(cast.commune_a, cast.period)
    assert values["documents.registered"] == 2 and values["documents.plans"] == 1


def test_a_file_can_be_replaced_and_cleared(clerk):
    first = SimpleUploadedFile("a.pdf", b"%PDF-1.4 a", "application/pdf")
    clerk.post(U + "documents/new/", {**kh18(), "file": first})
    doc = RegisteredDocument.objects.get()
    second = SimpleUploadedFile("b.docx", b"PK docx", "application/octet-stream")
    data = {**kh18(), "version": doc.version, "file": second}
    assert clerk.post(f"{U}documents/{doc.pk}/", data).status_code == 302
    doc.refresh_from_db()
    assert doc.file_name == "b.docx" and doc.file.name.endswith(".docx")
    data = {**kh18(), "version": doc.version, "file-clear": "on"}
    assert clerk.post(f"{U}documents/{doc.pk}/", data).status_code == 302
    doc.refresh_from_db()
    assert not doc.file and doc.file_name == ""
    assert clerk.get(f"{U}documents/{doc.pk}/file/").status_code == 404


def test_a_grid_edit_of_a_plan_task_keeps_the_plan_it_links_to(clerk, cast):
    clerk.post(U + "documents/new/", kh18(doc_type=DocumentType.DECISION, number="690",
                                           symbol="QĐ-UBND"))  # fmt: skip
    plan = RegisteredDocument.objects.get()
    clerk.post(U + "plan-tasks/new/", {"title": "Nhiệm vụ A", "plan": plan.pk})
    task = PlanTask.objects.get()
    r = clerk.post(
        U + "plan-tasks/grid/save/",
        {
            "pk": task.pk,
            "version": task.version,
            "changed": "owner",
            "f_title": "Nhiệm vụ A",
            "f_owner": "Văn phòng - Thống kê",
            "f_due_on": "",
            "f_done_on": "",
        },
    )
    assert r.json()["ok"], r.content.decode()
    task.refresh_from_db()
    assert task.owner == "Văn phòng - Thống kê" and task.plan == plan
