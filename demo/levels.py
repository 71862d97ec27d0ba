"""Demo records of the higher levels (called by `demo.records.load_all`):

- Huyện Bình Sơn's **own** records for 2023 — the district's plan, the tasks the province
  assigned to it, its one-stop dossiers, its civil servants — apart from its 22 communes', so
  that the district's report keeps "UBND huyện" and "the communes in its area" apart;
- the province after the reform (Tỉnh Quảng Ngãi, from 1/7/2025) with the five communes of the
  former district directly under it (Xã Bình Sơn, Vạn Tường, Bình Minh, Bình Chương, Đông Sơn)
  and records for the period 2025S2 (the first half-year of the two-tier government): the
  province's own records and every commune's.

Small on purpose (a few thousand dossiers) so that the demo loads fast; deterministic (every
random choice is seeded by the unit code and the period)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from orgs.models import Period, Unit
from reports.models import DocumentSettings, SignerTitle
from staff.models import Education as E
from staff.models import PoliticalTheory as T
from staff.models import StaffCategory as C

from . import builders as b
from . import generated
from .dossiers import DossierProfile, generate

HIGHER_PERIOD = "2025S2"
DISTRICT_PERIOD = "2023"

DISTRICT_POSTS = [
    "Chánh Văn phòng HĐND và UBND huyện",
    "Trưởng phòng Nội vụ",
    "Trưởng phòng Tư pháp",
    "Trưởng phòng Tài chính - Kế hoạch",
    "Trưởng phòng Tài nguyên và Môi trường",
    "Trưởng phòng Kinh tế và Hạ tầng",
    "Trưởng phòng Văn hóa và Thông tin",
    "Trưởng phòng Giáo dục và Đào tạo",
    "Chuyên viên Phòng Nội vụ",
    "Chuyên viên Văn phòng HĐND và UBND huyện",
    "Chuyên viên Phòng Tư pháp",
    "Chuyên viên Phòng Tài chính - Kế hoạch",
    "Chuyên viên Bộ phận Một cửa huyện",
    "Chuyên viên Bộ phận Một cửa huyện",
]
PROVINCE_POSTS = [
    "Chánh Văn phòng UBND tỉnh",
    "Giám đốc Sở Nội vụ",
    "Giám đốc Sở Tư pháp",
    "Giám đốc Sở Tài chính",
    "Giám đốc Trung tâm Phục vụ hành chính công tỉnh",
    "Phó Giám đốc Sở Nội vụ",
    "Trưởng phòng Cải cách hành chính, Sở Nội vụ",
    "Chuyên viên Phòng Cải cách hành chính, Sở Nội vụ",
    "Chuyên viên Văn phòng UBND tỉnh",
    "Chuyên viên Trung tâm Phục vụ hành chính công tỉnh",
    "Chuyên viên Trung tâm Phục vụ hành chính công tỉnh",
    "Chuyên viên Sở Tư pháp",
    "Chuyên viên Sở Tài chính",
    "Chuyên viên Sở Khoa học và Công nghệ",
    "Chuyên viên Sở Khoa học và Công nghệ",
    "Chuyên viên Sở Nội vụ",
]


def ensure_period(periods: dict[str, Period]) -> Period:
    """The period of the province document: 01/7/2025–31/12/2025 (2025S2)."""
    period = periods.get(HIGHER_PERIOD)
    if period is None:
        period, _ = Period.objects.get_or_create(
            code=HIGHER_PERIOD,
            defaults={
                "start": dt.date(2025, 7, 1),
                "end": dt.date(2025, 12, 31),
                "deadline": dt.date(2026, 1, 15),
            },
        )
        periods[HIGHER_PERIOD] = period
    return period


def _own_persons(rng: random.Random, posts: list[str], since: dt.date) -> list[b.PersonSpec]:
    names: set[str] = set()
    out = []
    for post in posts:
        while (name := b.person_name(rng, rng.random() < 0.4)) in names:
            pass
        names.add(name)
        out.append(
            b.PersonSpec(
                name,
                C.CIVIL_SERVANT,
                post,
                rng.choices((E.POSTGRADUATE, E.UNIVERSITY), (30, 70))[0],
                rng.choices((T.ADVANCED, T.INTERMEDIATE), (45, 55))[0],
                has_digital_certificate=True,
                in_post_from=since,
            )
        )
    return out


def _own_period(
    rng: random.Random,
    period: Period,
    persons: list[b.PersonSpec],
    *,
    size: int,
    tasks: tuple[int, int],
    directives: tuple[int, int, int, int],
    assigned_by: str,
    scale: int = 1,
) -> b.PeriodData:
    """A higher level's own records of one period: its plan, the tasks assigned to it from
    above, its one-stop dossiers, surveys, trainings, budget and entered figures."""
    s, e = period.start, period.end
    pd = b.PeriodData()
    online = int(size * 0.55)
    pd.dossiers = generate(
        rng=rng,
        start=s,
        end=e,
        profile=DossierProfile(
            partial_online=online,
            partial_direct=size - online - 20,
            full_online=12,
            full_direct=3,
            none_online=0,
            none_direct=5,
            carried_resolved=6,
            late=4,
            withdrawn=3,
            pending=8,
            pending_overdue=1,
            digitized_components=int(size * 0.8),
            digitized_results=int(size * 0.7),
            payments=int(online * 0.4),
            exact=False,
        ),
    )
    pd.feedback = b.feedback(rng, s, e, 2, 2)
    pd.surveys = b.surveys(rng, s, e, {5: 70, 4: 38, 3: 2})
    names = [p.full_name for p in persons]
    pd.trainings = b.trainings(rng, s, e, names, 18)
    pd.plan_tasks = b.plan_tasks(rng, s, e, *tasks)
    on_time, late, in_progress, overdue = directives
    pd.directives = b.directives(
        rng, s, e, on_time=on_time, late=late, in_progress=in_progress, overdue=overdue,
        district=assigned_by,
    )  # fmt: skip
    as_of = min(e, dt.date(period.year, 9, 30))
    pd.budget = b.budget(
        as_of=as_of,
        revenue=(41_250_000_000 * scale, 38_000_000_000 * scale),
        ordinance=(9_870_000_000 * scale, 9_000_000_000 * scale),
        expenditure=(33_480_000_000 * scale, 40_500_000_000 * scale),
    )
    pd.investments = [
        {
            "project": "Nâng cấp hạ tầng công nghệ thông tin Bộ phận Một cửa",
            "allocated": 2_400_000_000 * scale,
            "disbursed": 2_016_000_000 * scale,
            "as_of": e,
        }
    ]
    pd.entered = [
        {"code": "legal.docs_reviewed", "value": 6},
        {"code": "legal.education_events", "value": 4},
        {"code": "legal.education_attendance", "value": 520},
        {"code": "tthc.procedures_reviewed", "value": 24},
        {"code": "tthc.simplifications_proposed", "value": 5},
    ]
    return pd


def district_data(unit: Unit, period: Period) -> b.UnitData:
    rng = random.Random(f"{unit.code}-own-{period.code}")
    persons = _own_persons(rng, DISTRICT_POSTS, dt.date(2021, 7, 1))
    pd = _own_period(
        rng, period, persons, size=420, tasks=(36, 34), directives=(58, 9, 3, 2),
        assigned_by="UBND tỉnh Quảng Ngãi",
    )  # fmt: skip
    return b.UnitData(
        persons=persons,
        quotas={period.year: (16, "")},
        periods={period.code: pd},
        document={"signer_name": b.person_name(rng, False)},
    )


def province_data(unit: Unit, period: Period) -> b.UnitData:
    rng = random.Random(f"{unit.code}-own-{period.code}")
    persons = _own_persons(rng, PROVINCE_POSTS, dt.date(2025, 7, 1))
    pd = _own_period(
        rng, period, persons, size=380, tasks=(42, 37), directives=(46, 6, 5, 1),
        assigned_by="Văn phòng Chính phủ", scale=12,
    )  # fmt: skip
    return b.UnitData(
        persons=persons,
        quotas={period.year: (18, "")},
        periods={period.code: pd},
        document={"signer_name": b.person_name(rng, False)},
    )


def commune_data(unit: Unit, period: Period) -> b.UnitData:
    """A commune of the new province for 2025S2: the character of the generated communes, half
    a year of records, more online than in 2023."""
    rng = random.Random(f"{unit.code}-{period.code}-unit")
    persons, quota = generated._persons(rng, unit)
    for p in persons:
        p.in_post_from = period.start
    chairman = next(p.full_name for p in persons if p.position.startswith("Chủ tịch Ủy ban"))
    base = generated._base(rng)
    prng = random.Random(f"{unit.code}-{period.code}")
    s, e = period.start, period.end
    pd = b.PeriodData()
    online_share = min(0.85, base["online_share"] + 0.15)
    pd.dossiers = generate(
        rng=prng,
        start=s,
        end=e,
        profile=generated._profile(prng, base, 0.35, online_share, False),
    )
    pd.feedback = b.feedback(prng, s, e, base["feedback"], base["feedback"])
    n_survey = max(40, base["surveys"] // 2)
    five = int(n_survey * 0.6)
    pd.surveys = b.surveys(prng, s, e, {5: five, 4: n_survey - five - 1, 3: 1})
    cbcc = [p.full_name for p in persons if p.category != C.KCT]
    pd.trainings = b.trainings(prng, s, e, cbcc, base["trainings"] // 2)
    n_tasks = base["tasks"]
    pd.plan_tasks = b.plan_tasks(prng, s, e, n_tasks, n_tasks - prng.choice((0, 1, 2)))
    assigned = base["directives"] // 2
    in_progress, overdue = base["in_progress"], base["overdue"]
    late = int((assigned - in_progress - overdue) * base["late_directives"])
    pd.directives = b.directives(
        prng, s, e, on_time=assigned - in_progress - overdue - late, late=late,
        in_progress=in_progress, overdue=overdue, district="UBND tỉnh Quảng Ngãi",
    )  # fmt: skip
    plan = base["revenue_plan"]
    pd.budget = b.budget(
        as_of=e,
        revenue=(int(plan * 0.52) // 1_000_000 * 1_000_000, plan),
        ordinance=(
            int(base["ordinance_plan"] * 0.55) // 1000 * 1000,
            base["ordinance_plan"],
        ),
        expenditure=(int(plan * 0.47) // 1_000_000 * 1_000_000, plan),
    )
    project = base["projects"][0]
    allocated = base["allocations"][generated.PROJECTS.index(project)]
    pd.investments = [
        {
            "project": project,
            "allocated": allocated,
            "disbursed": int(allocated * base["disbursement"] * 0.6) // 100_000 * 100_000,
            "as_of": e,
        }
    ]
    pd.entered = [
        {"code": "legal.docs_reviewed", "value": base["docs_reviewed"]},
        {"code": "legal.education_events", "value": base["education_events"]},
        {"code": "legal.education_attendance", "value": base["attendance"]},
        {"code": "tthc.procedures_reviewed", "value": base["procedures_reviewed"]},
        {"code": "tthc.simplifications_proposed", "value": base["simplifications"]},
        {"code": "egov.tech_teams", "value": base["tech_teams"]},
    ]
    return b.UnitData(
        persons=persons,
        quotas={period.year: (quota, "")},
        periods={period.code: pd},
        document={"signer_name": chairman},
    )


def _settings(unit: Unit, period: Period, data: b.UnitData, created: dict[str, int]) -> None:
    """Document settings of a higher level (its own words, reports.rendering.level) or of a
    commune of the new province (addressed to the Sở Nội vụ: there is no district any more)."""
    if DocumentSettings.objects.filter(unit=unit, period=period).exists():
        return
    from reports.rendering.level import higher_default_settings

    settings = higher_default_settings(unit, period)
    if settings is None:
        word = unit.kind_word.lower()
        settings = DocumentSettings(
            unit=unit,
            issuing_body=f"ỦY BAN NHÂN DÂN\n{unit.name.upper()}",
            place_name=unit.short_name,
            addressee="Sở Nội vụ tỉnh Quảng Ngãi",
            recipients="\n".join(
                [
                    "Như trên;",
                    f"TT. Đảng ủy {word};",
                    f"TT. HĐND {word};",
                    f"CT, các PCT UBND {word};",
                    "Lưu: VT.",
                ]
            ),
            signer_title=SignerTitle.CHAIRMAN,
            organisation_name=f"Ủy ban nhân dân {word} {unit.short_name}",
        )
    settings.period = period
    settings.signer_name = data.document["signer_name"]
    settings.save()
    created["DocumentSettings"] += 1


def load(
    *,
    units: dict[str, Unit],
    periods: dict[str, Period],
    proc_ids: dict[str, int],
    created: dict[str, int],
    write_unit: Any,
) -> dict[str, Period]:
    """Write the higher levels' records; returns the periods whose snapshots need a refresh
    (empty when nothing was written)."""
    changed: dict[str, Period] = {}
    district = units.get("district")
    period_2023 = periods.get(DISTRICT_PERIOD)
    if district is not None and period_2023 is not None:
        data = district_data(district, period_2023)
        if write_unit(district, data, {DISTRICT_PERIOD: period_2023}, proc_ids, created):
            changed[DISTRICT_PERIOD] = period_2023
        _settings(district, period_2023, data, created)
    province = units.get("province_2025")
    if province is None:
        return changed
    period = ensure_period(periods)
    targets: list[tuple[Unit, b.UnitData]] = [(province, province_data(province, period))]
    for key in sorted(units):
        if key.startswith("new:"):
            targets.append((units[key], commune_data(units[key], period)))
    for unit, data in targets:
        if write_unit(unit, data, {HIGHER_PERIOD: period}, proc_ids, created):
            changed[HIGHER_PERIOD] = period
        _settings(unit, period, data, created)
    return changed
