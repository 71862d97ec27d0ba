"""`manage.py import_dossiers FILE --unit CODE` and `import_procedures FILE` (SPEC §9)."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from tests.factories import UnitFactory
from tests.tthc.importdata import csv_bytes, good_rows, row, xlsx_bytes
from tthc.models import Dossier, Procedure

pytestmark = pytest.mark.django_db
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(__file__)))


def write(tmp_path, data: bytes, name="hoso.csv") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_import_dossiers_prints_counts_and_re_import_changes_nothing(cast, tmp_path):
    path = write(tmp_path, csv_bytes(good_rows(3)))
    out = io.StringIO()
    call_command("import_dossiers", path, unit="21073", stdout=out)
    assert "3 mới, 0 cập nhật, 0 không đổi" in out.getvalue()
    assert Dossier.objects.filter(unit=cast.commune_a).count() == 3
    out = io.StringIO()
    call_command("import_dossiers", path, unit="21073", stdout=out)
    assert "0 mới, 0 cập nhật, 3 không đổi" in out.getvalue()


def test_import_dossiers_xlsx(cast, tmp_path):
    path = write(tmp_path, xlsx_bytes(good_rows(2)), "hoso.xlsx")
    call_command("import_dossiers", path, unit="21073", stdout=io.StringIO())
    assert Dossier.objects.count() == 2


def test_bad_file_prints_every_row_error_on_stderr_and_changes_nothing(cast, tmp_path):
    rows = good_rows(3) + [row("HS-1"), row("HS-5", **{"Trạng thái": "Xong"})]
    path = write(tmp_path, csv_bytes(rows))
    err = io.StringIO()
    with pytest.raises(CommandError, match="2 lỗi"):
        call_command("import_dossiers", path, unit="21073", stdout=io.StringIO(), stderr=err)
    text = err.getvalue()
    assert "Dòng 5, cột «Mã hồ sơ»: Mã hồ sơ «HS-1» trùng với dòng 2" in text
    assert "Dòng 6, cột «Trạng thái»" in text
    assert not Dossier.objects.exists()


def test_unknown_unit_code_is_a_clear_error(cast, tmp_path):
    path = write(tmp_path, csv_bytes(good_rows(1)))
    with pytest.raises(CommandError, match="Không có đơn vị hành chính mã «99999»"):
        call_command("import_dossiers", path, unit="99999")


def test_reused_code_picks_the_unit_valid_when_the_dossiers_were_received(cast, tmp_path):
    # After the 2025 merger code 21061 names a new commune (SPEC §2).
    old = cast.commune_b
    old.valid_to = dt.date(2025, 6, 30)
    old.save()
    new = UnitFactory(
        code="21061", name="Xã Vạn Tường", parent=cast.province, valid_from=dt.date(2025, 7, 1)
    )
    path_2023 = write(tmp_path, csv_bytes(good_rows(2)), "2023.csv")
    call_command("import_dossiers", path_2023, unit="21061", stdout=io.StringIO())
    assert Dossier.objects.filter(unit=old).count() == 2
    later = [
        row(
            "HS-100",
            **{
                "Ngày tiếp nhận": "05/08/2025 08:00",
                "Hạn xử lý": "08/08/2025",
                "Ngày có kết quả": "07/08/2025 15:00",
            },
        )
    ]
    call_command(
        "import_dossiers",
        write(tmp_path, csv_bytes(later), "2025.csv"),
        unit="21061",
        stdout=io.StringIO(),
    )
    assert Dossier.objects.filter(unit=new).count() == 1
    both = write(tmp_path, csv_bytes(good_rows(2) + later), "both.csv")
    with pytest.raises(CommandError, match="nhiều đơn vị"):
        call_command("import_dossiers", both, unit="21061")
    assert Dossier.objects.count() == 3


def test_import_procedures_upserts_and_updates_dossier_levels(cast, tmp_path):
    call_command(
        "import_dossiers",
        write(tmp_path, csv_bytes(good_rows(2))),
        unit="21073",
        stdout=io.StringIO(),
    )
    assert set(Dossier.objects.values_list("online_level", flat=True)) == {"none"}
    data = (
        "Mã TTHC [code];Tên TTHC;Lĩnh vực;Mức độ DVC;Nhóm liên thông\r\n"
        "1.000894;Đăng ký khai sinh;Hộ tịch;Toàn trình;Khai sinh, thường trú, BHYT\r\n"
        "2.000001;Chứng thực bản sao;Chứng thực;mot phan;\r\n"
    ).encode()
    out = io.StringIO()
    call_command("import_procedures", write(tmp_path, data, "tthc.csv"), stdout=out)
    assert "2 mới" in out.getvalue()
    proc = Procedure.objects.get(code="1.000894")
    assert proc.online_level == "full" and proc.linked_group.startswith("Khai sinh")
    assert set(Dossier.objects.values_list("online_level", "procedure_id")) == {("full", proc.pk)}
    out = io.StringIO()
    call_command("import_procedures", write(tmp_path, data, "tthc.csv"), stdout=out)
    assert "0 mới, 0 cập nhật, 2 không đổi" in out.getvalue()


def test_bad_procedure_file_changes_nothing(cast, tmp_path):
    data = (
        "Mã TTHC,Tên TTHC,Lĩnh vực,Mức độ DVC\r\n1.1,A,X,Toàn trình\r\n1.2,B,X,mức 9\r\n1.1,C,X,Không\r\n"
    ).encode()
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_procedures", write(tmp_path, data), stderr=err)
    assert "Dòng 3, cột «Mức độ DVC»" in err.getvalue()
    assert "Dòng 4, cột «Mã TTHC»: Mã TTHC «1.1» trùng với dòng 2" in err.getvalue()
    assert not Procedure.objects.exists()


def test_cli_exits_non_zero_without_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "import_dossiers", str(tmp_path / "none.csv"), "--unit", "1"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ},
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "Không mở được tệp" in result.stderr


def test_imports_ask_once_for_recomputation_of_the_units_they_change(cast, tmp_path, monkeypatch):
    import reports.recompute

    calls = []
    monkeypatch.setattr(
        reports.recompute, "records_changed", lambda **kw: calls.append(kw["unit"].code)
    )
    path = write(tmp_path, csv_bytes(good_rows(3)))
    call_command("import_dossiers", path, unit="21073", stdout=io.StringIO())
    assert calls == ["21073"]
    call_command("import_dossiers", path, unit="21073", stdout=io.StringIO())
    assert calls == ["21073"]  # nothing changed, nothing to recompute
    data = "Mã TTHC,Tên TTHC,Mức độ DVC\r\n1.000894,Khai sinh,Một phần\r\n9.9,Khác,Không\r\n"
    call_command("import_procedures", write(tmp_path, data.encode(), "p.csv"), stdout=io.StringIO())
    assert calls == ["21073", "21073"]
