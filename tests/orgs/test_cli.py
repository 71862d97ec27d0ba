import pytest
from django.core.management import CommandError, call_command

from orgs.models import Level, Membership, Period, Unit

pytestmark = pytest.mark.django_db


def test_create_unit_under_parent(cast):
    call_command("create_unit", "21099", "Xã Bình Mới", level="commune", parent="524")
    unit = Unit.objects.get(code="21099")
    assert unit.parent == cast.district and unit.level == Level.COMMUNE
    assert unit.path.startswith(cast.district.path)


@pytest.mark.parametrize(
    ("args", "opts", "message"),
    [
        (["21099", "Xã X"], {"level": "town"}, "Cấp «town» không hợp lệ"),
        (
            ["21099", "Xã X"],
            {"level": "commune", "parent": "99999"},
            "Không tìm thấy đơn vị cấp trên",
        ),
        (["21O99", "Xã X"], {"level": "commune"}, "không hợp lệ"),
        (["21073", "Xã trùng"], {"level": "commune", "parent": "524"}, "đã tồn tại"),
        (
            ["21099", "Xã X"],
            {"level": "commune", "valid_from": "31/31/2024"},
            "không phải ngày hợp lệ",
        ),
    ],
)
def test_create_unit_bad_arguments(cast, args, opts, message):
    before = Unit.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("create_unit", *args, **opts)
    assert Unit.objects.count() == before


def test_create_period_good_and_bad(db):
    call_command("create_period", "2024", start="2023-12-15", end="2024-10-31")
    assert Period.objects.get(code="2024").end.isoformat() == "2024-10-31"
    with pytest.raises(CommandError, match="đã tồn tại"):
        call_command("create_period", "2024", start="2023-12-15", end="2024-10-31")
    with pytest.raises(CommandError, match="phải sau hoặc bằng"):
        call_command("create_period", "2025", start="2025-12-15", end="2025-10-31")
    with pytest.raises(CommandError, match="không phải ngày hợp lệ"):
        call_command("create_period", "2025", start="hôm qua", end="2025-10-31")
    with pytest.raises(CommandError, match="Mã kỳ"):
        call_command("create_period", "2025Q7", start="2025-07-01", end="2025-09-30")
    assert Period.objects.count() == 1


def test_cli_errors_exit_nonzero_without_traceback(db, tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ}
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "create_period",
            "2025",
            "--start",
            "2025-12-15",
            "--end",
            "2025-10-31",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))),
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "phải sau hoặc bằng ngày bắt đầu" in result.stderr


def test_load_demo_is_idempotent(db):
    call_command("load_demo", "--skip-records", password="pw-Secret-123")
    counts = (Unit.objects.count(), Period.objects.count(), Membership.objects.count())
    call_command("load_demo", "--skip-records", password="pw-Secret-123")
    assert (Unit.objects.count(), Period.objects.count(), Membership.objects.count()) == counts
    district = Unit.objects.get(code="524")
    assert district.children.count() == 22
    assert Unit.objects.filter(code="21073", name="Xã Bình Phước").exists()
    period = Period.objects.get(code="2023")
    assert (period.start.isoformat(), period.end.isoformat(), period.deadline.isoformat()) == (
        "2022-12-15",
        "2023-10-31",
        "2023-11-15",
    )
    bp = Unit.objects.get(code="21073")
    assert bp.successor.name == "Xã Vạn Tường" and bp.successor.code == "21061"


def test_load_demo_prints_url_and_logins(db, capsys):
    call_command("load_demo", "--skip-records", password="pw-Secret-123")
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8000/" in out
    for login in ("clerk.21073", "approver.21073", "reviewer.524", "admin"):
        assert login in out
    assert "pw-Secret-123" in out
