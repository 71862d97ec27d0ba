"""Units, periods and users of the demo."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.db import transaction

from orgs.models import Level, Membership, Period, Role, Unit
from orgs.services import membership_grant, user_ensure

DATA = Path(__file__).resolve().parent.parent / "orgs" / "data" / "demo_units.json"
DEMO_COMMUNE = "21073"

# (code, start, end, deadline): the seed counts dossiers from 15/12/2022 to 31/10/2023.
DEMO_PERIODS = [
    ("2022", dt.date(2021, 12, 15), dt.date(2022, 10, 31), dt.date(2022, 11, 15), True),
    ("2023", dt.date(2022, 12, 15), dt.date(2023, 10, 31), dt.date(2023, 11, 15), False),
    ("2024", dt.date(2023, 12, 15), dt.date(2024, 10, 31), dt.date(2024, 11, 15), False),
]


def _upsert_unit(
    code: str,
    name: str,
    level: str,
    parent: Unit | None,
    valid_from: dt.date | None,
    valid_to: dt.date | None,
) -> Unit:
    unit = Unit.objects.filter(code=code, valid_from=valid_from).first() or Unit(
        code=code, valid_from=valid_from
    )
    changed = unit.pk is None or (unit.name, unit.level, unit.parent_id, unit.valid_to) != (
        name,
        level,
        parent.pk if parent else None,
        valid_to,
    )
    unit.name, unit.level, unit.parent, unit.valid_to = name, level, parent, valid_to
    if changed:
        unit.save()
    return unit


@transaction.atomic
def load_units() -> dict[str, Unit]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    old = data["before_2025"]
    valid_to = dt.date.fromisoformat(old["valid_to"])
    province = _upsert_unit(
        old["province"]["code"], old["province"]["name"], Level.PROVINCE, None, None, valid_to
    )
    district = _upsert_unit(
        old["district"]["code"], old["district"]["name"], Level.DISTRICT, province, None, valid_to
    )
    units = {"province": province, "district": district}
    for c in old["communes"]:
        units[c["code"]] = _upsert_unit(
            c["code"], c["name"], Level.COMMUNE, district, None, valid_to
        )
    new = data["after_2025"]
    valid_from = dt.date.fromisoformat(new["valid_from"])
    new_province = _upsert_unit(
        new["province"]["code"], new["province"]["name"], Level.PROVINCE, None, valid_from, None
    )
    units["province_2025"] = new_province
    for c in new["communes"]:
        unit = _upsert_unit(c["code"], c["name"], Level.COMMUNE, new_province, valid_from, None)
        units["new:" + c["code"]] = unit
        Unit.objects.filter(code__in=c["predecessors"], valid_to=valid_to).exclude(
            successor=unit
        ).update(successor=unit)
    return units


@transaction.atomic
def load_periods() -> dict[str, Period]:
    periods = {}
    for code, start, end, deadline, closed in DEMO_PERIODS:
        period, _ = Period.objects.get_or_create(
            code=code,
            defaults={"start": start, "end": end, "deadline": deadline, "is_closed": closed},
        )
        periods[code] = period
    return periods


@transaction.atomic
def load_users(units: dict[str, Unit], password: str) -> list[tuple[str, str]]:
    """The fixed cast: clerk and approver of Bình Phước, reviewer of the district, admin, plus a
    clerk of a neighbouring commune and the province's reviewer after the 2025 reform."""
    cast = [
        ("clerk.21073", "Nguyễn Thị Lan", units[DEMO_COMMUNE], Role.CLERK, False),
        ("approver.21073", "Ngô Văn Vương", units[DEMO_COMMUNE], Role.APPROVER, False),
        ("clerk.21061", "Trần Văn Bình", units["21061"], Role.CLERK, False),
        ("reviewer.524", "Lê Thị Hoa", units["district"], Role.REVIEWER, False),
        ("reviewer.51", "Phạm Minh Tuấn", units["province_2025"], Role.REVIEWER, False),
        ("admin", "Quản trị hệ thống", units["province"], Role.ADMIN, True),
    ]
    out = []
    for username, full_name, unit, role, superuser in cast:
        user = user_ensure(
            username=username, password=password, full_name=full_name, is_superuser=superuser
        )
        Membership.objects.filter(user=user).exclude(unit=unit).delete()
        membership_grant(user=user, unit=unit, role=role)
        out.append((username, f"{role} — {unit.name}"))
    return out
