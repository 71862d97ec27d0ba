"""The English user interface: the catalogue is complete, the pages a user works in read in
English once English is chosen, and the report document stays Vietnamese whatever the UI."""

from __future__ import annotations

import ast
import gettext
import re
import unicodedata
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from docx import Document

from reports.models import RenderedDocument
from reports.rendering.context import build_context
from reports.rendering.services import document_render
from reports.services import report_get_or_create
from tests.factories import PASSWORD
from tests.helpers import documents

LOCALE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +.\d]*[sdfi]|%%|\{\w+\}")

# Headings of the document as the official Vietnamese text prints them.
VIETNAMESE_HEADINGS = [
    "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
    "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH",
    "1. Cải cách thể chế",
    "2. Cải cách thủ tục hành chính",
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM",
]
# The same headings as the English catalogue translates them: never in the document.
ENGLISH_HEADINGS = [
    "DIRECTION AND MANAGEMENT",
    "Institutional reform",
    "Administrative procedure reform",
    "DIRECTIONS AND KEY TASKS",
]


def po_entries(path: Path = LOCALE / "django.po") -> list[dict]:
    """Entries of a .po file (msgid, msgid_plural, msgstr / msgstr[n], flags), stdlib only."""
    entries: list[dict] = []
    current: dict | None = None
    key = None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current is not None:
                entries.append(current)
            current, key = None, None
            continue
        if current is None:
            current = {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            current["flags"] |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        else:
            m = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")$", line)
            if m:
                key, text = m.group(1), ast.literal_eval(m.group(2))
            else:
                text = ast.literal_eval(line.strip())
            if key.startswith("msgstr"):
                current["msgstr"][key] = current["msgstr"].get(key, "") + text
            else:
                current[key] = current.get(key, "") + text
    return [e for e in entries if e.get("msgid")]


def english_client(client, user):
    client.login(username=user.username, password=PASSWORD)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def pdf_text(data: bytes) -> str:
    """The PDF's text on one line."""
    return re.sub(r"\s+", " ", documents.pdf_text(data))


# --- the catalogue ---------------------------------------------------------------------


def test_every_message_of_the_english_catalogue_is_translated_and_none_is_fuzzy():
    entries = po_entries()
    assert len(entries) > 800
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []


def test_plural_messages_have_a_singular_and_a_plural_english_form():
    plurals = [e for e in po_entries() if "msgid_plural" in e]
    assert plurals
    for e in plurals:
        assert set(e["msgstr"]) == {"msgstr[0]", "msgstr[1]"}
        assert e["msgstr"]["msgstr[0]"] != e["msgstr"]["msgstr[1]"]


def test_translations_keep_every_placeholder_of_the_vietnamese_text():
    for e in po_entries():
        wanted = sorted(PLACEHOLDER.findall(e["msgid"]))
        for text in e["msgstr"].values():
            assert sorted(PLACEHOLDER.findall(text)) == wanted, e["msgid"]
        if "<" in e["msgid"]:
            assert re.findall(r"<[^>]+>", e["msgid"]) == re.findall(
                r"<[^>]+>", e["msgstr"]["msgstr"]
            )


def test_the_compiled_catalogue_holds_every_message_of_the_po_file_with_english_text():
    with open(LOCALE / "django.mo", "rb") as fh:
        catalog = gettext.GNUTranslations(fh)._catalog
    for e in po_entries():
        msgid = e["msgid"] if "msgctxt" not in e else f"{e['msgctxt']}\x04{e['msgid']}"
        if "msgid_plural" in e:
            assert catalog[(msgid, 0)] and catalog[(msgid, 1)], msgid
        else:
            assert catalog.get(msgid), f"missing or empty in django.mo: {msgid!r}"


def test_gettext_answers_in_english_when_english_is_active():
    with translation.override("en"):
        assert translation.gettext("Đăng xuất") == "Log out"
        assert translation.gettext("Hồ sơ TTHC") == "Administrative procedure dossiers"
        assert translation.ngettext("%(n)s bản ghi", "%(n)s bản ghi", 2) == "%(n)s records"
    with translation.override("vi"):
        assert translation.gettext("Đăng xuất") == "Đăng xuất"


def test_an_import_choice_built_while_english_is_active_still_reads_vietnamese_labels():
    """Resource classes build their widgets when first imported, maybe in an English request:
    the spreadsheets are Vietnamese, so the Vietnamese labels must be accepted anyway."""
    from imports.widgets import ChoiceWidget
    from staff.models import Education

    with translation.override("en"):
        widget = ChoiceWidget(Education.choices, what="trình độ chuyên môn")
        assert widget.clean("Đại học") == "university"
        assert widget.clean("dai hoc") == "university"
        assert widget.clean("University") == "university"
        assert widget.render("university") == "Đại học"


# --- pages -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_portal_stays_vietnamese_until_the_user_chooses_english(cast, client):
    client.login(username=cast.clerk_a.username, password=PASSWORD)
    html = page(client, "/")
    assert 'lang="vi"' in html
    assert "Báo cáo của tôi" in html
    assert "My reports" not in html


@pytest.mark.django_db
def test_the_login_page_is_english_with_the_english_language_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = page(client, "/accounts/login/")
    assert "Username" in html and "Password" in html
    assert "Tên đăng nhập" not in html


@pytest.mark.django_db
def test_the_home_page_and_the_workspace_read_in_english(cast, client):
    english_client(client, cast.clerk_a)
    html = page(client, "/")
    assert 'lang="en"' in html
    for text in ("My reports", "Log out", "Reporting period", "Deadline", "Open", "Draft"):
        assert text in html, text
    assert "Báo cáo của tôi" not in html and "Đăng xuất" not in html

    html = page(client, reverse("workspace", args=[cast.commune_a.code, cast.period.code]))
    for text in (
        "Administrative procedure dossiers",
        "Officials and civil servants",
        "Indicators and data checks",
        "Processing history",
        "Send comment",
        "Status:",
    ):
        assert text in html, text
    assert "Lịch sử xử lý" not in html and "Gửi ý kiến" not in html


@pytest.mark.django_db
def test_a_records_list_reads_in_english(cast, client):
    english_client(client, cast.clerk_a)
    html = page(
        client, reverse("records_dossiers_list", args=[cast.commune_a.code, cast.period.code])
    )
    for text in ("Administrative procedure dossiers", "Export XLSX", "Export CSV", "Add new"):
        assert text in html, text
    for text in ("Xuất XLSX", "Thêm mới", "Hồ sơ TTHC"):
        assert text not in html, text


@pytest.mark.django_db
def test_the_indicators_page_names_indicators_in_english(cast, client):
    english_client(client, cast.clerk_a)
    html = page(client, reverse("indicators", args=[cast.commune_a.code, cast.period.code]))
    for text in ("Recompute now", "Dossiers received online", "Rate of dossiers submitted online"):
        assert text in html, text
    assert "Hồ sơ tiếp nhận trực tuyến" not in html
    assert "Tính lại ngay" not in html


@pytest.mark.django_db
def test_the_report_editor_reads_in_english_around_the_vietnamese_report_text(cast, client):
    english_client(client, cast.clerk_a)
    html = page(client, reverse("document_editor", args=[cast.commune_a.code, cast.period.code]))
    for text in (
        "Write report",
        "Export PDF",
        "Export DOCX",
        "Indicators used in the text",
        "Institutional reform",
    ):
        assert text in html, text
    assert "Xuất PDF" not in html and "Chỉ tiêu dùng trong văn bản" not in html
    # the report text itself is the Vietnamese default narrative
    assert "Công tác cải cách hành chính" in html


@pytest.mark.django_db
def test_the_import_page_reads_in_english(cast, client):
    english_client(client, cast.clerk_a)
    html = page(client, reverse("import_index", args=[cast.commune_a.code, cast.period.code]))
    for text in ("Import data from a file", "Choose a file to import", "Template .xlsx"):
        assert text in html, text
    assert "Nhập dữ liệu từ tệp" not in html and "Tệp mẫu .xlsx" not in html


# --- the report document stays Vietnamese ------------------------------------------------


@pytest.mark.django_db
def test_the_editor_preview_in_english_prints_the_period_as_the_document_does(cast, client):
    english_client(client, cast.clerk_a)
    html = page(client, reverse("document_editor", args=[cast.commune_a.code, cast.period.code]))
    assert "year 2023" in html  # the page title (interface)
    assert '<span class="value">năm 2023</span>' in html  # the preview of the printed text
    assert '<span class="value">year 2023</span>' not in html


@pytest.mark.django_db
def test_the_document_context_is_the_same_whatever_the_interface_language(cast):
    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    with translation.override("en"):
        english = build_context(report=report)
        assert translation.get_language() == "en"  # the override ends with the build
    with translation.override("vi"):
        vietnamese = build_context(report=report)
    assert english["data_hash"] == vietnamese["data_hash"]
    assert english["subject"] == vietnamese["subject"]
    assert "năm 2023" in english["subject"]


@pytest.mark.django_db
def test_a_pdf_exported_from_the_english_interface_is_the_vietnamese_report(
    cast, client, django_capture_on_commit_callbacks
):
    """The export runs the task in the request's thread (eager Celery): English is active."""
    english_client(client, cast.clerk_a)
    url = reverse("document_export", args=[cast.commune_a.code, cast.period.code, "pdf"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 200
    assert "Export report" in response.content.decode()  # the job page is English
    doc = RenderedDocument.objects.get(report__unit=cast.commune_a, report__period=cast.period)
    with doc.file.open("rb") as fh:
        text = pdf_text(fh.read())
    assert "BÁO CÁO" in text
    assert "Kết quả thực hiện công tác cải cách hành chính năm 2023" in text
    for heading in VIETNAMESE_HEADINGS:
        assert heading in text, heading
    for heading in ENGLISH_HEADINGS:
        assert heading not in text, heading
    assert "year 2023" not in text


@pytest.mark.django_db
def test_a_docx_rendered_while_english_is_active_is_vietnamese(cast):
    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    with translation.override("en"):
        doc = document_render(report=report, fmt="docx", by=cast.clerk_a)
    with doc.file.open("rb") as fh:
        text = "\n".join(p.text for p in Document(BytesIO(fh.read())).paragraphs)
    assert "BÁO CÁO" in text
    assert "Cải cách thể chế" in text
    assert "Institutional reform" not in text


@pytest.mark.django_db
def test_a_report_signed_from_the_english_interface_carries_the_vietnamese_signing_reason(
    cast, client
):
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile
    from pyhanko.pdf_utils.reader import PdfFileReader

    from reports.models import DocumentKind, DocumentSettings, Report, ReportState
    from tests.helpers.signing import P12_PASSWORD, make_test_ca_and_p12

    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    Report.objects.filter(pk=report.pk).update(
        state=ReportState.ACCEPTED, doc_number=5, issued_on=dt.date(2024, 1, 5)
    )
    # The copy for signing names its signer (refused without one).
    DocumentSettings.objects.create(
        unit=cast.commune_a, period=cast.period, signer_name="Ngô Văn Vương"
    )
    _ca, p12 = make_test_ca_and_p12()
    english_client(client, cast.approver_a)
    response = client.post(
        reverse("document_sign", args=[cast.commune_a.code, cast.period.code]),
        {
            "certificate": SimpleUploadedFile("chu-ky.p12", p12, "application/x-pkcs12"),
            "password": P12_PASSWORD,
        },
        follow=True,
    )
    assert "The report has been digitally signed" in response.content.decode()
    signed = RenderedDocument.objects.get(kind=DocumentKind.SIGNED)
    with signed.file.open("rb") as fh:
        data = fh.read()
    signature = PdfFileReader(BytesIO(data)).embedded_signatures[0]
    assert str(signature.sig_object["/Reason"]) == "Ký ban hành báo cáo"
    text = pdf_text(data)
    assert "BÁO CÁO" in text and "Cải cách thể chế" in text


@pytest.mark.django_db
def test_validation_messages_are_stored_in_vietnamese_and_read_in_english(cast, client):
    """A finding computed while an English page triggered the refresh is still stored in
    Vietnamese; an English reader sees it worded in English, a Vietnamese one in Vietnamese."""
    import datetime as dt

    from django.utils import timezone
    from django.utils import translation as tr

    from reports.snapshots import snapshot_refresh
    from tthc.models import Dossier

    at = dt.datetime(2023, 3, 1, 8, tzinfo=timezone.get_default_timezone())
    Dossier.objects.create(
        unit=cast.commune_a,
        code="ONL-1",
        procedure_code="9.999",  # not in the catalogue: no online service known
        channel="online",
        status="pending",
        received_at=at,
        due_at=at + dt.timedelta(days=3),
    )
    with tr.override("en"):
        snap = snapshot_refresh(unit=cast.commune_a, period=cast.period, ancestors=False)
    stored = [f["message"] for f in snap.validation if f["rule"] == "egov.online_outside_catalogue"]
    assert stored and "hồ sơ nộp trực tuyến thuộc TTHC chưa có DVC" in stored[0]

    english_client(client, cast.clerk_a)
    html = page(client, reverse("indicators", args=[cast.commune_a.code, cast.period.code]))
    assert "dossiers submitted online belong to administrative procedures without" in html
    assert "chưa có DVC trực tuyến trong danh mục" not in html
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    html = page(client, reverse("indicators", args=[cast.commune_a.code, cast.period.code]))
    assert "chưa có DVC trực tuyến trong danh mục" in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_language_menu_names_each_language_in_itself(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = page(client, "/accounts/login/")
    menu = html[html.index('name="language"') :]
    # Django's own names may be decomposed (NFD): compare the text as the reader sees it.
    menu = unicodedata.normalize("NFC", menu[: menu.index("</select>")])
    assert '<option value="vi" lang="vi"' in menu and ">Tiếng Việt</option>" in menu, menu
    assert '<option value="en" lang="en"' in menu and ">English</option>" in menu, menu
    assert "Tiếng Anh" not in menu and "Vietnamese" not in menu, menu
