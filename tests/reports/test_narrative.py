"""The narrative engine: default texts, placeholders, saving, hand-typed figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from common.formatting import format_change
from reports.indicators import registry
from reports.models import NarrativeSection, Report, ReportState
from reports.narrative.defaults import DEFAULT_TEXTS
from reports.narrative.figures import check_figures, check_text, mismatches
from reports.narrative.placeholders import (
    document_values,
    parse_placeholders,
    render_runs,
    unknown_placeholders,
)
from reports.narrative.selectors import section_texts
from reports.narrative.services import narrative_save
from reports.rendering.formatting import doc_number, vn_date_line
from reports.sections import SECTION_KEYS, section_numbers
from reports.validation import ERROR

pytestmark = pytest.mark.django_db

SEED_VALUES = {
    "tthc.total": 1962,
    "tthc.resolved": 1886,
    "tthc.resolved_on_time": 1868,
    "tthc.resolved_late": 18,
    "tthc.on_time_rate": Decimal("99.05"),
    "tthc.online_rate": Decimal("43.60"),
    "tthc.received_online": 848,
}


def doc_values(cast):
    return document_values(unit=cast.commune_a, period=cast.period)


def test_every_section_has_a_default_text_in_the_register_of_the_seed():
    for key in SECTION_KEYS:
        assert DEFAULT_TEXTS[key].strip(), key
    assert "{{ tthc.total }}" in DEFAULT_TEXTS["procedures"]
    assert "Bộ phận Một cửa" in DEFAULT_TEXTS["procedures"]


def test_the_default_texts_quote_only_known_placeholders_so_they_save_unchanged(cast):
    for key, text in DEFAULT_TEXTS.items():
        assert unknown_placeholders(text) == [], key
    row = narrative_save(
        unit=cast.commune_a,
        period=cast.period,
        key="apparatus",
        text=DEFAULT_TEXTS["apparatus"],
        version=0,
        by=cast.clerk_a,
    )
    assert row.version == 1


def test_section_numbers_are_generated_with_six_pillars_and_no_gap():
    numbers = section_numbers()
    assert [numbers[k] for k in SECTION_KEYS] == [
        "I",
        "II.1",
        "II.2",
        "II.3",
        "II.4",
        "II.5",
        "II.6",
        "III.1",
        "III.2",
        "III.3",
        "IV",
    ]


def test_parser_finds_every_placeholder_with_or_without_spaces():
    text = "Tổng {{ tthc.total }} hồ sơ, {{tthc.resolved}} đã giải quyết, {{  period.label  }}."
    assert parse_placeholders(text) == ["tthc.total", "tthc.resolved", "period.label"]


def test_placeholders_print_live_values_in_vietnamese_style(cast):
    runs = render_runs(
        "Tổng số {{ tthc.total }} hồ sơ, đạt {{ tthc.on_time_rate }} ({{ period.label }}).",
        values=SEED_VALUES,
        doc_values=doc_values(cast),
    )
    text = "".join(r.text for r in runs[0])
    assert text == "Tổng số 1.962 hồ sơ, đạt 99,05% (năm 2023)."


def test_small_counts_print_with_two_digits_as_in_official_reports(cast):
    runs = render_runs(
        "đang trong hạn {{ directives.in_progress }} nhiệm vụ",
        values={"directives.in_progress": 2},
        doc_values={},
    )
    if "directives.in_progress" in registry:
        assert runs[0][1].text == "02"


def test_a_missing_value_prints_a_dash(cast):
    runs = render_runs("Tỷ lệ {{ tthc.on_time_rate }}", values={}, doc_values=doc_values(cast))
    assert runs[0][-1].text == "—"


def test_an_unknown_placeholder_is_a_visible_marker_not_a_crash(cast):
    runs = render_runs(
        "Có {{ tthc.khong_co }} hồ sơ", values=SEED_VALUES, doc_values=doc_values(cast)
    )
    marker = [r for r in runs[0] if r.kind == "unknown"]
    assert marker and marker[0].text == "{{ tthc.khong_co }}"
    assert unknown_placeholders("{{ tthc.khong_co }} {{ tthc.total }}") == ["tthc.khong_co"]


def test_italic_and_bold_marks_become_runs(cast):
    runs = render_runs(
        "- *Về TTHC:* có **{{ tthc.total }}** hồ sơ", values=SEED_VALUES, doc_values={}
    )[0]
    assert (runs[1].text, runs[1].italic) == ("Về TTHC:", True)
    assert (runs[3].text, runs[3].bold, runs[3].kind) == ("1.962", True, "value")


def test_saving_an_unknown_placeholder_is_refused_and_nothing_is_stored(cast):
    with pytest.raises(ValidationError) as err:
        narrative_save(
            unit=cast.commune_a,
            period=cast.period,
            key="procedures",
            text="Có {{ tthc.khong_co }} hồ sơ.",
            version=0,
            by=cast.clerk_a,
        )
    assert "tthc.khong_co" in str(err.value)
    assert not NarrativeSection.objects.exists()


def test_saving_stores_nfc_text_and_the_next_save_needs_the_new_version(cast):
    decomposed = "Xa\u0303 Bi\u0300nh Phươ\u0301c {{ tthc.total }}"
    row = narrative_save(
        unit=cast.commune_a,
        period=cast.period,
        key="procedures",
        text=decomposed,
        version=0,
        by=cast.clerk_a,
    )
    assert row.version == 1
    assert row.text == "Xã Bình Phước {{ tthc.total }}"
    texts = section_texts(unit=cast.commune_a, period=cast.period)
    assert texts["procedures"] == row.text
    assert texts["direction"] == DEFAULT_TEXTS["direction"]


def test_a_concurrent_edit_is_detected_not_overwritten(cast):
    kwargs = dict(unit=cast.commune_a, period=cast.period, key="egov", by=cast.clerk_a)
    narrative_save(text="Bản của người thứ nhất.", version=0, **kwargs)
    with pytest.raises(ValidationError, match="người khác"):
        narrative_save(text="Bản của người thứ hai.", version=0, **kwargs)
    assert NarrativeSection.objects.get(key="egov").text == "Bản của người thứ nhất."


def test_the_narrative_of_a_submitted_report_cannot_be_changed(cast):
    Report.objects.create(unit=cast.commune_a, period=cast.period, state=ReportState.SUBMITTED)
    with pytest.raises(ValidationError, match="đã gửi"):
        narrative_save(
            unit=cast.commune_a,
            period=cast.period,
            key="egov",
            text="x",
            version=0,
            by=cast.clerk_a,
        )


def test_a_hand_typed_late_count_that_contradicts_the_indicator_is_found():
    text = (
        "Trong năm, có 17 hồ sơ trễ hạn trên hệ thống phần mềm tổng hợp. "
        "Số hồ sơ đã giải quyết: 1886 hồ sơ (trong đó: giải quyết trước hạn 1868 hồ sơ, "
        "đạt tỷ lệ 99,04 %, trễ hạn 18 hồ sơ)."
    )
    found = mismatches(text, values=SEED_VALUES, section="limitations")
    assert {(m.code, m.typed) for m in found} == {
        ("tthc.resolved_late", "17"),
        ("tthc.on_time_rate", "99,04"),
    }
    late = next(m for m in found if m.code == "tthc.resolved_late")
    assert late.expected == "18"
    assert "III.2" in late.message and "18" in late.message
    # the editor and validation show them as errors (they block submission), one per mismatch
    findings = check_text(text, values=SEED_VALUES, section="limitations")
    assert [(f.rule, f.severity, f.codes, f.message) for f in findings] == [
        (f"narrative.limitations.{m.code}.{m.typed}", ERROR, (m.code,), m.message) for m in found
    ]


def test_staff_figures_typed_in_the_seed_are_checked_against_the_records():
    seed = (
        "Đến nay, UBND xã đã bố trí đủ 20/20 biên chế theo quy định (trong đó: cán bộ 11 "
        "người, công chức 09 người). Tổng số người hoạt động KCT xã gồm có 10 người."
    )
    right = {"staff.filled": 20, "staff.cadres": 11, "staff.civil_servants": 9, "kct.total": 10}
    assert check_text(seed, values=right) == []
    wrong = {"staff.filled": 19, "staff.cadres": 11, "staff.civil_servants": 8, "kct.total": 11}
    found = {(m.code, m.typed, m.expected) for m in mismatches(seed, values=wrong)}
    assert found == {
        ("staff.filled", "20", "19"),
        ("staff.civil_servants", "09", "8"),
        ("kct.total", "10", "11"),
    }


def test_matching_figures_and_placeholders_are_not_findings():
    text = (
        "Tổng số hồ sơ được tiếp nhận và giải quyết tại Bộ phận Một cửa là 1.962 hồ sơ "
        "(trong đó: tiếp nhận trực tuyến 848 hồ sơ); trễ hạn {{ tthc.resolved_late }} hồ sơ. "
        "Tỷ lệ hồ sơ nộp trực tuyến đạt 43,6% so với hồ sơ tiếp nhận mới. "
        "Có 114 nhiệm vụ được cấp trên giao, đã giải quyết 112 nhiệm vụ."
    )
    assert check_text(text, values=SEED_VALUES) == []


def test_check_figures_reads_the_stored_narrative_of_the_unit(cast):
    NarrativeSection.objects.create(
        unit=cast.commune_a, period=cast.period, key="limitations", text="Có 17 hồ sơ trễ hạn."
    )
    findings = check_figures(unit=cast.commune_a, period=cast.period, values=SEED_VALUES)
    assert [(f.rule, f.codes) for f in findings] == [
        ("narrative.limitations.tthc.resolved_late.17", ("tthc.resolved_late",))
    ]
    assert check_figures(unit=cast.commune_b, period=cast.period, values=SEED_VALUES) == []


def test_decree_30_number_and_date_padding():
    assert doc_number(5) == "05"
    assert doc_number(12) == "12"
    assert doc_number(None).strip() == ""
    assert vn_date_line("Bình Phước", dt.date(2024, 1, 5), 2024) == (
        "Bình Phước, ngày 05 tháng 01 năm 2024"
    )
    assert vn_date_line("Bình Phước", dt.date(2023, 11, 15), 2023) == (
        "Bình Phước, ngày 15 tháng 11 năm 2023"
    )
    assert vn_date_line("Bình Phước", dt.date(2023, 3, 9), 2023).endswith(
        "ngày 09 tháng 3 năm 2023"
    )


def test_change_against_last_year_is_signed():
    assert format_change(1962, 1767, "count") == "+195"
    assert format_change(18, 25, "count") == "−7"
    assert format_change(Decimal("99.05"), Decimal("98.54"), "percent") == "+0,51 điểm %"
    assert format_change(5, None, "count") == "—"
