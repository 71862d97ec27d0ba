"""The dossier import (SPEC §4): every kind of bad cell, all-or-nothing, idempotent re-import."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from imports.models import ImportBatch
from tests.tthc.importdata import HEADERS, csv_bytes, good_rows, row, upload, xlsx_bytes
from tthc.importing import dossiers_import
from tthc.models import Dossier, OnlineLevel, Procedure

pytestmark = pytest.mark.django_db
TZ = timezone.get_default_timezone()


def run(cast, data: bytes, name: str = "hoso.csv", commit: bool = True, unit=None):
    return dossiers_import(
        file=upload(data, name), unit=unit or cast.commune_a, by=cast.clerk_a, commit=commit
    )


def only_error(result):
    assert not result.ok
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


def test_good_csv_imports_every_row_with_local_times(cast):
    result = run(cast, csv_bytes(good_rows(3)))
    assert result.ok and result.committed
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    d1 = Dossier.objects.get(unit=cast.commune_a, code="HS-1")
    assert d1.received_at == dt.datetime(2023, 3, 1, 8, 0, tzinfo=TZ)
    # A deadline without a time is the end of that day; other dates the start.
    assert d1.due_at == dt.datetime(2023, 3, 3, 23, 59, 59, 999999, tzinfo=TZ)
    assert d1.channel == "online" and d1.status == "resolved" and d1.components_digitized
    d2 = Dossier.objects.get(unit=cast.commune_a, code="HS-2")
    assert d2.received_at == dt.datetime(2023, 3, 5, 0, 0, tzinfo=TZ)
    assert (d2.channel, d2.status, d2.fee, d2.source) == ("direct", "pending", 50000, "national")
    assert d2.resolved_at is None
    batch = ImportBatch.objects.get(pk=result.batch_id)
    assert batch.unit == cast.commune_a and batch.by == cast.clerk_a and batch.created == 3
    assert len(batch.sha256) == 64 and batch.file
    assert set(Dossier.objects.values_list("import_batch", flat=True)) == {batch.pk}


def test_semicolon_csv_with_bom_and_xlsx_read_the_same(cast):
    assert run(cast, csv_bytes(good_rows(3), sep=";", bom=True)).created == 3
    again = run(cast, xlsx_bytes(good_rows(3)), name="hoso.xlsx")
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_xlsx_with_real_date_cells_and_numbers(cast):
    rows = [
        row(
            "1001",
            **{
                "Ngày tiếp nhận": dt.datetime(2023, 4, 3, 9, 15),
                "Hạn xử lý": dt.date(2023, 4, 5),
                "Ngày có kết quả": dt.datetime(2023, 4, 5, 16, 0),
                "Phí, lệ phí": 15000,
            },
        )
    ]
    result = run(cast, xlsx_bytes(rows), name="hoso.xlsx")
    assert result.ok, result.errors
    d = Dossier.objects.get(code="1001")
    assert d.received_at == dt.datetime(2023, 4, 3, 9, 15, tzinfo=TZ)
    assert d.due_at == dt.datetime(2023, 4, 5, 23, 59, 59, 999999, tzinfo=TZ)
    assert d.fee == 15000


def test_headers_match_without_diacritics_in_any_case_or_as_english_aliases(cast):
    headers = [
        "MA HO SO",
        "procedure_code",
        "ten tthc",
        "Channel",
        "ngay tiep nhan",
        "Hạn xử lý [due_at]",
        "resolved_at",
        "TRẠNG THÁI",
        "components_digitized",
        "so hoa ket qua",
        "paid_online",
        "fee",
        "source",
    ]
    result = run(cast, csv_bytes(good_rows(2), headers=headers))
    assert result.ok, result.errors
    assert result.created == 2


def test_re_import_of_the_same_file_changes_nothing(cast):
    data = csv_bytes(good_rows(3))
    run(cast, data)
    before = list(Dossier.objects.order_by("code").values())
    batches = ImportBatch.objects.count()
    again = run(cast, data)
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert list(Dossier.objects.order_by("code").values()) == before
    assert ImportBatch.objects.count() == batches


def test_changed_rows_are_updated_and_counted(cast):
    run(cast, csv_bytes(good_rows(3)))
    rows = good_rows(3)
    rows[1] = row("HS-2", **{"Trạng thái": "Rút hồ sơ", "Ngày có kết quả": "06/03/2023"})
    rows.append(row("HS-9"))
    result = run(cast, csv_bytes(rows))
    assert (result.created, result.updated, result.unchanged) == (1, 1, 2)
    d2 = Dossier.objects.get(code="HS-2")
    assert d2.status == "withdrawn" and d2.version == 2
    assert Dossier.objects.get(code="HS-1").version == 1


def test_preview_counts_and_writes_nothing(cast):
    result = run(cast, csv_bytes(good_rows(3)), commit=False)
    assert result.ok and result.created == 3 and not result.committed
    assert not Dossier.objects.exists() and not ImportBatch.objects.exists()


@pytest.mark.parametrize(
    ("over", "column", "fragment"),
    [
        ({"Ngày tiếp nhận": "31/02/2023"}, "Ngày tiếp nhận", "không phải ngày hợp lệ"),
        ({"Ngày tiếp nhận": "hôm qua"}, "Ngày tiếp nhận", "không phải ngày hợp lệ"),
        ({"Ngày tiếp nhận": ""}, "Ngày tiếp nhận", "Bắt buộc"),
        ({"Hạn xử lý": "2023-13-01"}, "Hạn xử lý", "không phải ngày hợp lệ"),
        ({"Hình thức nộp": "Fax"}, "Hình thức nộp", "không phải hình thức nộp hợp lệ"),
        ({"Trạng thái": "Xong"}, "Trạng thái", "không phải trạng thái hợp lệ"),
        ({"Số hóa hồ sơ": "có lẽ"}, "Số hóa hồ sơ", "Có hoặc Không"),
        ({"Phí, lệ phí": "-5"}, "Phí, lệ phí", "không được âm"),
        ({"Phí, lệ phí": "năm nghìn"}, "Phí, lệ phí", "không phải số tiền"),
        ({"Nguồn": "Zalo"}, "Nguồn", "không phải nguồn hợp lệ"),
        ({"Mã hồ sơ": ""}, "Mã hồ sơ", "Bắt buộc"),
        ({"Mã TTHC": ""}, "Mã TTHC", "Bắt buộc"),
        ({"Hạn xử lý": ""}, "Hạn xử lý", "chỉ được để trống khi hồ sơ rút"),
        ({"Ngày có kết quả": ""}, "Ngày có kết quả", "Bắt buộc với hồ sơ"),
        (
            {"Trạng thái": "Đang giải quyết"},
            "Ngày có kết quả",
            "đang giải quyết phải để trống",
        ),
        ({"Ngày có kết quả": "28/02/2023"}, "Ngày có kết quả", "trước ngày tiếp nhận"),
    ],
)
def test_each_kind_of_bad_cell_names_line_column_and_reason(cast, over, column, fragment):
    rows = good_rows(3)
    rows[2] = row("HS-3", **over)
    result = run(cast, csv_bytes(rows))
    problem = only_error(result)
    assert (problem.line, problem.column) == (4, column)
    assert fragment in problem.message
    assert not Dossier.objects.exists() and not ImportBatch.objects.exists()


def test_withdrawn_dossier_needs_no_deadline(cast):
    rows = [row("HS-1", **{"Trạng thái": "Rút hồ sơ", "Hạn xử lý": ""})]
    assert run(cast, csv_bytes(rows)).ok


def test_duplicate_code_in_one_file_names_the_first_line(cast):
    rows = good_rows(3) + [row("HS-1")]
    problem = only_error(run(cast, csv_bytes(rows)))
    assert problem.line == 5 and problem.column == "Mã hồ sơ"
    assert "trùng với dòng 2" in problem.message


def test_every_error_is_listed_not_only_the_first(cast):
    rows = [row(f"HS-{i}", **{"Hình thức nộp": "Fax"}) for i in range(1, 31)]
    rows[5] = row("HS-6", **{"Hình thức nộp": "Fax", "Ngày tiếp nhận": "x", "Trạng thái": "?"})
    result = run(cast, csv_bytes(rows))
    assert result.error_count == 32
    assert [e.line for e in result.errors[:3]] == [2, 3, 4]
    assert {e.column for e in result.errors if e.line == 7} == {
        "Hình thức nộp",
        "Ngày tiếp nhận",
        "Trạng thái",
    }


def test_a_bad_row_after_good_ones_leaves_existing_data_untouched(cast):
    run(cast, csv_bytes(good_rows(3)))
    before = list(Dossier.objects.order_by("code").values())
    rows = [row(f"HS-{i}", **{"Tên TTHC": "đổi tên"}) for i in range(1, 4)]
    rows.append(row("HS-4", **{"Ngày tiếp nhận": "32/01/2023"}))
    assert not run(cast, csv_bytes(rows)).ok
    assert list(Dossier.objects.order_by("code").values()) == before


def test_missing_required_column_is_reported_once_at_the_header(cast):
    headers = [h for h in HEADERS if h != "Trạng thái"]
    rows = [[v for h, v in zip(HEADERS, r, strict=True) if h != "Trạng thái"] for r in good_rows()]
    problem = only_error(run(cast, csv_bytes(rows, headers=headers)))
    assert problem.line == 1 and problem.column == "Trạng thái" and "Thiếu cột" in problem.message


def test_file_not_in_utf8_asks_to_save_as_csv_utf8(cast):
    data = csv_bytes(good_rows(3)).decode("utf-8").encode("cp1258", errors="replace")
    problem = only_error(run(cast, data))
    assert "UTF-8" in problem.message
    assert not Dossier.objects.exists()


@pytest.mark.parametrize("data", [b"", b"\r\n", csv_bytes([])])
def test_empty_file_or_header_only_is_refused(cast, data):
    problem = only_error(run(cast, data))
    assert "rỗng" in problem.message or "không có dòng dữ liệu" in problem.message


@pytest.mark.parametrize(
    ("data", "name", "fragment"),
    [
        (b"%PDF-1.4 ...", "hoso.pdf", "chỉ nhận tệp .csv"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "hoso.xls", "chỉ nhận tệp .csv"),
        (b"Ma ho so,x\r\n1,2\r\n", "hoso.xlsx", "không phải tệp Excel hợp lệ"),
        (b"PK\x03\x04garbage", "hoso.xlsx", "Không đọc được tệp Excel"),
    ],
)
def test_wrong_file_types_are_refused_clearly(cast, data, name, fragment):
    problem = only_error(run(cast, data, name=name))
    assert fragment in problem.message


def test_file_over_the_size_limit_is_refused(cast, settings):
    settings.CCHC_MAX_UPLOAD_BYTES = 100
    problem = only_error(run(cast, csv_bytes(good_rows(5))))
    assert "quá lớn" in problem.message


def test_catalogue_gives_level_and_link_unknown_procedure_is_a_warning(cast):
    proc = Procedure.objects.create(code="1.000894", name="Khai sinh", online_level="full")
    rows = good_rows(2)
    rows[1] = row("HS-2", **{"Mã TTHC": "9.999"})
    result = run(cast, csv_bytes(rows))
    assert result.ok
    d1, d2 = Dossier.objects.order_by("code")
    assert (d1.procedure_id, d1.online_level) == (proc.pk, OnlineLevel.FULL)
    assert (d2.procedure_id, d2.online_level) == (None, OnlineLevel.NONE)
    assert len(result.warnings) == 1 and "9.999" in result.warnings[0]


def test_import_into_a_locked_period_is_refused(cast):
    from reports.models import Report, ReportState

    Report.objects.create(unit=cast.commune_a, period=cast.period, state=ReportState.SUBMITTED)
    problem = only_error(run(cast, csv_bytes(good_rows(2))))
    assert "khóa" in problem.message
    assert not Dossier.objects.exists()
    other_unit = run(cast, csv_bytes(good_rows(2)), unit=cast.commune_b)
    assert other_unit.ok and other_unit.created == 2


def test_same_codes_in_two_units_do_not_collide(cast):
    run(cast, csv_bytes(good_rows(3)))
    result = run(cast, csv_bytes(good_rows(3)), unit=cast.commune_b)
    assert result.created == 3
    assert Dossier.objects.count() == 6
