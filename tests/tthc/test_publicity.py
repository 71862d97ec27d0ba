"""Publicity of procedures, QĐ 766 group 1 (issue 12 point 6): the catalogue records the
announcement decision, the date its basis takes effect, the date it was published on the
national TTHC database and whether the published record is complete; the registry computes
1.1 announced on time, 1.2 published on time, 1.3 published complete. Imported with the
catalogue; a catalogue without any publicity date is *not recorded* ("—"), not zero."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from reports.indicators import compute
from tthc.indicators import add_working_days
from tthc.models import Procedure

pytestmark = pytest.mark.django_db

D = dt.date


def test_working_days_skip_weekends():
    assert add_working_days(D(2023, 6, 9), 5) == D(2023, 6, 16)  # Fri -> next Fri
    assert add_working_days(D(2023, 6, 16), -5) == D(2023, 6, 9)
    assert add_working_days(D(2023, 6, 10), 1) == D(2023, 6, 12)  # Sat -> Mon


def test_no_publicity_data_is_not_recorded_not_zero(cast):
    Procedure.objects.create(code="1.000001", name="x")
    v = compute(cast.commune_a, cast.period)
    assert v["tthc.announced"] is None and v["tthc.published"] is None
    assert v["tthc.announced_on_time_rate"] is None
    assert v["tthc.published_complete_rate"] is None


def test_announced_and_published_on_time_and_complete(cast):
    kw = {"name": "x"}
    # announced Fri 9/6; basis effective 16/6 (5 working days later): on time; published on
    # 16/6 (5 working days after): on time; complete
    Procedure.objects.create(
        code="A",
        announced_on=D(2023, 6, 9),
        basis_effective_on=D(2023, 6, 16),
        published_on=D(2023, 6, 16),
        published_complete=True,
        **kw,
    )
    # basis effective 15/6: only 4 working days' notice; published 19/6: 6 working days
    Procedure.objects.create(
        code="B",
        announced_on=D(2023, 6, 9),
        basis_effective_on=D(2023, 6, 15),
        published_on=D(2023, 6, 19),
        **kw,
    )
    # announced in the period without a known effective date, not published
    Procedure.objects.create(code="C", announced_on=D(2023, 3, 1), **kw)
    # announced before the period, published in it, complete
    Procedure.objects.create(
        code="D",
        announced_on=D(2022, 11, 1),
        published_on=D(2022, 11, 3),
        published_complete=True,
        **kw,
    )
    # published after the period's end: not yet counted
    Procedure.objects.create(code="E", published_on=D(2023, 11, 20), **kw)
    v = compute(cast.commune_a, cast.period)
    assert (v["tthc.announced"], v["tthc.announced_on_time"], v["tthc.published_on_time"]) == (
        3,
        1,
        1,
    )
    assert v["tthc.announced_on_time_rate"] == Decimal("33.33")
    assert v["tthc.published_on_time_rate"] == Decimal("33.33")
    assert (v["tthc.published"], v["tthc.published_complete"]) == (3, 2)
    assert v["tthc.published_complete_rate"] == Decimal("66.67")
    # the catalogue is the province's: a district shows the same, never a sum
    d = compute(cast.district, cast.period)
    assert (d["tthc.announced"], d["tthc.published"]) == (3, 3)


def test_the_catalogue_import_reads_the_publicity_columns_and_keeps_them_when_absent(
    cast, tmp_path
):
    path = tmp_path / "tthc.csv"
    path.write_text(
        "Mã TTHC,Tên TTHC,Mức độ DVC,Số QĐ công bố,Ngày QĐ công bố,Ngày hiệu lực,"
        "Ngày công khai,Công khai đầy đủ\n"
        "1.001193,Đăng ký khai sinh,Một phần,906/QĐ-UBND,09/06/2023,16/06/2023,16/06/2023,Có\n",
        encoding="utf-8",
    )
    call_command("import_procedures", str(path), stdout=io.StringIO())
    p = Procedure.objects.get(code="1.001193")
    assert (p.announcement_ref, p.announced_on, p.basis_effective_on, p.published_on) == (
        "906/QĐ-UBND",
        D(2023, 6, 9),
        D(2023, 6, 16),
        D(2023, 6, 16),
    )
    assert p.published_complete is True
    # a catalogue file without the publicity columns leaves them as they are
    path.write_text(
        "Mã TTHC,Tên TTHC,Mức độ DVC\n1.001193,Đăng ký khai sinh,Toàn trình\n", encoding="utf-8"
    )
    call_command("import_procedures", str(path), stdout=io.StringIO())
    p.refresh_from_db()
    assert p.online_level == "full"
    assert (p.announced_on, p.published_complete) == (D(2023, 6, 9), True)


def test_a_bad_publicity_date_refuses_the_file_and_changes_nothing(cast, tmp_path):
    path = tmp_path / "tthc.csv"
    path.write_text(
        "Mã TTHC,Tên TTHC,Mức độ DVC,Ngày QĐ công bố\n1.001193,Đăng ký khai sinh,Một phần,31/02/2023\n",
        encoding="utf-8",
    )
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_procedures", str(path), stdout=io.StringIO(), stderr=err)
    assert "Dòng 2, cột «Ngày QĐ công bố»" in err.getvalue()
    assert not Procedure.objects.exists()
