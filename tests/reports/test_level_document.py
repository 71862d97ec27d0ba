"""The document of a higher level, read from the rendered PDF as a Sở reviewer would: the
district 524/2023 report keeps its own records apart from its communes', carries the per-commune
table (the reviewer's comparison table, one row per commune = that commune's snapshot) and the
ranking, speaks the district's vocabulary; the province after the reform renders with its
communes directly under it; no signer name, no copy for signing.

The demo is loaded once for the module inside a transaction rolled back at the end."""

from __future__ import annotations

import io
import re
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from docx import Document

from orgs.models import Level, Period, Unit
from reports.gates import submission_check
from reports.indicators import compute_own
from reports.models import DocumentSettings, Report, ReportState
from reports.rendering.context import build_context
from reports.rendering.docx import context_to_docx
from reports.rendering.formatting import document_figure
from reports.rendering.level import SIGNER_RULE, SignerMissing
from reports.rendering.services import document_render
from reports.services import report_get_or_create
from reports.snapshots import snapshot_findings, snapshot_refresh, snapshot_values, snapshots_for
from review.comparison import KEY_CODES
from tests.helpers.documents import pdf_text


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", password="demo-Secret-2023", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def flat(text: str) -> str:
    return re.sub(r"/ ", "/", re.sub(r"\s+", " ", text))


def _pdf(report: Report) -> bytes:
    doc = document_render(report=report, fmt="pdf")
    with doc.file.open("rb") as fh:
        return fh.read()


@pytest.fixture
def district(demo, db):
    period = Period.objects.get(code="2023")
    unit = Unit.objects.for_code("524", period)
    return unit, period, report_get_or_create(unit=unit, period=period)


@pytest.fixture
def district_pdf(district):
    unit, period, report = district
    data = _pdf(report)
    return unit, period, flat(pdf_text(data)), pdf_text(data, "-layout")


def test_the_per_commune_table_has_22_rows_equal_to_each_communes_snapshot(district_pdf):
    unit, period, text, layout = district_pdf
    annex = layout[layout.index("KẾT QUẢ CÁC CHỈ TIÊU CHỦ YẾU CỦA") :]
    assert "KẾT QUẢ CÁC CHỈ TIÊU CHỦ YẾU CỦA CÁC XÃ, THỊ TRẤN NĂM 2023" in flat(annex)
    communes = list(Unit.objects.filter(parent=unit).order_by("name"))
    assert len(communes) == 22
    snaps = snapshots_for(units=communes, period=period)
    from reports.indicators import registry

    rows = 0
    for commune in communes:
        values = snapshot_values(snaps[commune.pk])
        figures = [
            document_figure(values.get(c), registry.get(c).kind).removesuffix("%")
            for c in KEY_CODES
        ]
        line = next(ln for ln in annex.splitlines() if f" {commune.name} " in f" {ln} ")
        assert re.findall(r"\d[\d.,]*|—", line.split(commune.name, 1)[1]) == figures, commune.name
        rows += 1
    assert rows == 22
    total = next(ln for ln in annex.splitlines() if "Toàn huyện" in ln)
    whole = snapshot_values(snapshot_refresh(unit=unit, period=period, ancestors=False))
    assert document_figure(whole["tthc.total"], "count") in total


def test_the_district_own_records_are_not_the_communes_sums(district_pdf):
    unit, period, text, _layout = district_pdf
    own = compute_own(unit, period)
    assert own["plan.tasks"] and own["plan.tasks"] != 541
    # The district's own plan, then the communes' plans worded as theirs.
    assert (
        f"UBND huyện đã ban hành Kế hoạch CCHC năm 2023 của huyện; trong đó đề ra "
        f"{own['plan.tasks']} nhiệm vụ" in text
    )
    assert "các xã, thị trấn trên địa bàn đã ban hành 22/22 kế hoạch CCHC năm 2023 với tổng số" in (
        text
    )
    assert "541 nhiệm vụ" in text
    assert "UBND huyện đã ban hành Kế hoạch CCHC năm 2023 của huyện; trong đó đề ra 541" not in text
    # Its own one-stop apart from the communes' one-stop.
    assert "tại Bộ phận Một cửa huyện" in text and "Tại Bộ phận Một cửa của các xã" in text
    assert "Nghị định số 33/2023" not in text
    assert "Nghị định số 108/2020/NĐ-CP" in text


def test_the_district_speaks_its_own_vocabulary(district_pdf):
    _unit, _period, text, _layout = district_pdf
    assert "Huyện ủy" in text and "Đảng ủy huyện" not in text
    assert "TT. Huyện ủy;" in text and "HĐND huyện" in text
    assert "các phòng, ban chuyên môn thuộc UBND huyện" in text
    assert "Kính gửi: Sở Nội vụ tỉnh Quảng Ngãi." in text
    assert "Xếp hạng các chỉ tiêu chủ yếu" in text
    assert "Kết quả của các xã, thị trấn trên địa bàn" in text


def test_breakdowns_sum_to_the_totals_they_stand_beside(district_pdf):
    _unit, _period, text, _layout = district_pdf

    def parts(clause: str) -> int:
        return sum(int(n.replace(".", "")) for n in re.findall(r"(\d[\d.]*) người", clause))

    m = re.search(
        r"các xã, thị trấn trên địa bàn: được giao [\d.]+ biên chế, đã bố trí ([\d.]+) người"
        r".*?Về trình độ chuyên môn: (.*?)\. Về trình độ lý luận chính trị: (.*?)\.",
        text,
    )
    assert m is not None
    total = int(m.group(1).replace(".", ""))
    assert total == parts(m.group(2)) == parts(m.group(3))
    m = re.search(
        r"không chuyên trách ở các xã, thị trấn: ([\d.]+) người.*?Trình độ chuyên môn: (.*?)\. "
        r"Trình độ chính trị: (.*?)\.",
        text,
    )
    assert m is not None
    total = int(m.group(1).replace(".", ""))
    assert total == parts(m.group(2)) == parts(m.group(3))
    # Tasks: done on time + late + still in time + overdue = assigned ("trong hạn" has no
    # overdue task in it).
    for m in re.finditer(
        r"giao ([\d.]+) nhiệm vụ; đã hoàn thành đúng hạn ([\d.]+) nhiệm vụ, hoàn thành nhưng "
        r"trễ hạn ([\d.]+) nhiệm vụ; đang thực hiện, còn trong hạn ([\d.]+) nhiệm vụ; chưa "
        r"hoàn thành, đã quá hạn ([\d.]+) nhiệm vụ",
        text,
    ):
        n = [int(x.replace(".", "")) for x in m.groups()]
        assert n[0] == sum(n[1:]), m.group(0)
    assert len(re.findall(r"đã quá hạn [\d.]+ nhiệm vụ", text)) == 2


def test_the_district_docx_carries_the_same_tables(district):
    _unit, _period, report = district
    ctx = build_context(report=report)
    document = Document(BytesIO(context_to_docx(ctx)))
    texts = [[c.text for c in t.rows[0].cells] for t in document.tables]
    assert ["STT", "Chỉ tiêu", "Toàn huyện", "Cao nhất", "Thấp nhất", "Số đơn vị có số liệu"] in (
        texts
    )
    annex = next(t for t in document.tables if t.rows[0].cells[1].text == "Đơn vị")
    assert len(annex.rows) == 1 + 22 + 1
    assert annex.rows[-1].cells[1].text == "Toàn huyện"


def test_the_province_after_the_reform_renders_with_its_communes_directly_under_it(demo, db):
    period = Period.objects.get(code="2025S2")
    province = Unit.objects.for_code("51", period)
    assert province.level == Level.PROVINCE and province.valid_from.isoformat() == "2025-07-01"
    communes = list(Unit.objects.filter(parent=province))
    assert len(communes) == 5 and {c.level for c in communes} == {Level.COMMUNE}
    report = report_get_or_create(unit=province, period=period)
    text = flat(pdf_text(_pdf(report)))
    assert "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI" in text
    assert "Kính gửi: Bộ Nội vụ." in text
    assert "Tỉnh ủy" in text and "TT. Tỉnh ủy;" in text
    assert "các sở, ban, ngành tỉnh" in text
    assert "Nghị định số 118/2025/NĐ-CP" in text
    for commune in communes:
        assert commune.name in text
    assert "Toàn tỉnh" in text
    assert "huyện" not in text[: text.index("Nơi nhận:")].lower()


def test_no_signer_name_no_copy_for_signing(district):
    unit, period, report = district
    DocumentSettings.objects.filter(unit=unit, period=period).update(signer_name="")
    # The preview flags it.
    assert "[Chưa có họ tên người ký]" in flat(pdf_text(_pdf(report)))
    # An error before submission, listed with the others.
    snap = snapshot_refresh(unit=unit, period=period, ancestors=False)
    assert SIGNER_RULE in [f.rule for f in snapshot_findings(snap)]
    with pytest.raises(ValidationError) as exc:
        submission_check(report)
    assert any("Chưa có họ tên người ký" in m for m in exc.value.messages)
    # The copy for signing is refused, nothing stored.
    Report.objects.filter(pk=report.pk).update(state=ReportState.ACCEPTED)
    report.refresh_from_db()
    before = report.documents.count()
    with pytest.raises(SignerMissing, match="Chưa có họ tên người ký"):
        document_render(report=report, fmt="pdf")
    assert report.documents.count() == before
    # With a name, it renders.
    DocumentSettings.objects.filter(unit=unit, period=period).update(signer_name="Tạ Xuân Tuấn")
    text = flat(pdf_text(_pdf(report)))
    assert "Tạ Xuân Tuấn" in text and "[Chưa có họ tên người ký]" not in text


def test_the_district_docx_through_libreoffice_prints_the_table_and_ranking(district):
    """The DOCX opened by a real office suite: the ranking and the per-commune annex with its
    22 rows and the total, about as many pages as the PDF."""
    from pypdf import PdfReader

    from reports.rendering.services import render_bytes
    from tests.reports.test_docx_office import Soffice

    unit, _period, report = district
    ctx = build_context(report=report)
    office = Soffice(context_to_docx(ctx))
    pdf, pages = render_bytes(ctx, "pdf")
    (converted,) = office.pdfs()
    text = flat(pdf_text(converted))
    assert "Xếp hạng các chỉ tiêu chủ yếu" in text
    annex = text[text.index("KẾT QUẢ CÁC CHỈ TIÊU CHỦ YẾU CỦA CÁC XÃ, THỊ TRẤN") :]
    for commune in Unit.objects.filter(parent=unit):
        assert commune.name in annex, commune.name
    assert "Toàn huyện" in annex
    assert abs(len(PdfReader(BytesIO(converted)).pages) - pages) <= 1


def test_level_placeholders_are_known_and_unknown_ones_are_not():
    from reports.narrative.placeholders import is_known, render_runs, unknown_placeholders

    for name in (
        "own.plan.tasks",
        "area.tthc.on_time_rate",
        "area.units",
        "area.with.plan.tasks",
        "staff.edu.all",
        "area.kct.pol.all",
    ):
        assert is_known(name), name
    assert unknown_placeholders("{{ own.nope.x }} {{ area.with.nope }} {{ tthc.all }}") == [
        "own.nope.x",
        "area.with.nope",
        "tthc.all",
    ]
    values = {
        "area.staff.filled": 12,
        "area.staff.edu.postgraduate": 1,
        "area.staff.edu.university": 9,
        "area.staff.edu.college": 0,
        "area.staff.edu.intermediate": 0,
        "area.staff.edu.elementary": 2,
        "own.plan.tasks": 7,
    }
    runs = render_runs(
        "{{ own.plan.tasks }} nhiệm vụ; {{ area.staff.filled }} người: {{ area.staff.edu.all }}.",
        values=values,
        doc_values={},
    )
    text = "".join(r.text for r in runs[0])
    assert text == (
        "07 nhiệm vụ; 12 người: Sau đại học 01 người, Đại học 09 người, "
        "Sơ cấp/chưa qua đào tạo 02 người."
    )


def test_a_submitted_district_report_prints_its_communes_as_they_were_when_sent(district):
    """The units under a district keep changing after the district sent its report: the
    submitted document prints the area figures and annex II frozen with its version."""
    import datetime as dt

    from orgs.models import Role
    from reports.rendering.level import frozen_higher
    from reports.services import report_transition
    from tests.factories import member
    from tthc.models import Dossier

    unit, period, report = district
    approver = member("approver.frozen524", unit, Role.APPROVER)
    report = report_transition(report=report, name="submit", by=approver)
    sent = build_context(report=report)
    # Later a commune's dossiers change (an import finishing, a correction).
    from reports.workflow import LOCKING_STATES

    sent_already = Report.objects.filter(period=period, state__in=LOCKING_STATES).values("unit")
    commune = (
        Unit.objects.filter(parent=unit).exclude(pk__in=sent_already).order_by("name").first()
    )  # a commune still drafting: its figures still move
    template = Dossier.objects.filter(unit=commune).order_by("pk").first()
    for i in range(25):
        template.pk = None
        template.id = None
        template.code = f"LATE-{i}"
        template.received_at = dt.datetime(2023, 6, 1, 9, tzinfo=dt.UTC)
        template.save()
    snapshot_refresh(unit=commune, period=period)
    assert frozen_higher(unit, period) != report.versions.get().extras["higher"]  # live moved
    again = build_context(report=report)
    assert again["annexes"] == sent["annexes"]
    assert again["parts"] == sent["parts"]
    assert again["data_hash"] == sent["data_hash"]
