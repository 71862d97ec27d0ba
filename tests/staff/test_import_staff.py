"""Staff import through django-import-export: Vietnamese headers and values, all-or-nothing."""

import pytest

from staff.models import Person
from staff.resources import staff_import
from tests.imports.filedata import upload

pytestmark = pytest.mark.django_db

HEADERS = "Họ và tên;Loại;Chức vụ, chức danh;Trình độ chuyên môn;Trình độ lý luận chính trị;Kiêm nhiệm;Chứng thư số;Giữ chức vụ từ\r\n"
GOOD = (
    HEADERS
    + "Nguyễn Văn An;Cán bộ;Chủ tịch UBND;Đại học;Cao cấp;;Có;01/07/2021\r\n"
    + "Trần Thị Bình;cong chuc;Văn phòng - Thống kê;dai hoc;Trung cấp;;không;\r\n"
    + "Lê Văn Cường;KCT;Phó Chỉ huy trưởng Quân sự;Trung cấp;Sơ cấp;Công an viên;Không;\r\n"
)


def run(cast, text: str, commit=True, unit=None):
    return staff_import(
        file=upload(text.encode("utf-8"), "canbo.csv"),
        unit=unit or cast.commune_a,
        period=cast.period,
        by=cast.clerk_a,
        commit=commit,
    )


def test_staff_file_imports_people_with_vietnamese_values(cast):
    result = run(cast, GOOD)
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    an = Person.objects.get(full_name="Nguyễn Văn An")
    assert (an.unit, an.category, an.education, an.political_theory) == (
        cast.commune_a,
        "cadre",
        "university",
        "advanced",
    )
    assert an.has_digital_certificate and an.in_post_from.isoformat() == "2021-07-01"
    assert Person.objects.get(full_name="Lê Văn Cường").category == "kct"
    assert an.history.first().history_user == cast.clerk_a


def test_staff_re_import_is_unchanged_and_edit_is_an_update(cast):
    run(cast, GOOD)
    again = run(cast, GOOD)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    changed = run(cast, GOOD.replace(";Có;01/07/2021", ";Không;01/07/2021"))
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 2)
    assert not Person.objects.get(full_name="Nguyễn Văn An").has_digital_certificate


def test_staff_preview_writes_nothing(cast):
    result = run(cast, GOOD, commit=False)
    assert result.ok and result.created == 3
    assert not Person.objects.exists()


def test_bad_staff_row_lists_line_and_column_and_imports_nothing(cast):
    bad = GOOD.replace("Trần Thị Bình;cong chuc", "Trần Thị Bình;giám đốc").replace(
        "Trung cấp;Sơ cấp", "Trung cấp;Thượng thừa"
    )
    result = run(cast, bad)
    assert not result.ok
    where = {(e.line, e.column) for e in result.errors}
    assert where == {(3, "Loại"), (4, "Trình độ lý luận chính trị")}
    assert "không phải loại cán bộ hợp lệ" in result.errors[0].message
    assert not Person.objects.exists()


def test_staff_file_missing_a_required_column_is_refused(cast):
    text = GOOD.replace("Trình độ chuyên môn;", "")
    result = run(cast, text)
    assert [(e.line, e.column) for e in result.errors] == [(1, "Trình độ chuyên môn")]


def test_staff_of_other_units_are_not_touched(cast):
    run(cast, GOOD, unit=cast.commune_b)
    result = run(cast, GOOD)
    assert result.created == 3
    assert Person.objects.filter(unit=cast.commune_b).count() == 3
