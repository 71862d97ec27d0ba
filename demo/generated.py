"""Plausible generated data for the other 21 communes of Huyện Bình Sơn, so that the district
has something to compare. Deterministic: every random choice comes from a generator seeded with
the commune code (and the period), so a second load draws the same records."""

from __future__ import annotations

import datetime as dt
import random
from functools import partial
from typing import TYPE_CHECKING

from staff.models import Education as E
from staff.models import PoliticalTheory as T
from staff.models import StaffCategory as C

from . import builders as b
from .dossiers import DossierProfile, generate

if TYPE_CHECKING:
    from orgs.models import Period, Unit

CADRE_POSTS = [
    "Bí thư Đảng ủy",
    "Phó Bí thư Thường trực Đảng ủy",
    "Chủ tịch Hội đồng nhân dân",
    "Phó Chủ tịch Hội đồng nhân dân",
    "Chủ tịch Ủy ban nhân dân",
    "Phó Chủ tịch Ủy ban nhân dân",
    "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam",
    "Bí thư Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "Chủ tịch Hội Liên hiệp Phụ nữ",
    "Chủ tịch Hội Nông dân",
    "Chủ tịch Hội Cựu chiến binh",
]
CIVIL_POSTS = [
    "Chỉ huy trưởng Ban Chỉ huy Quân sự",
    "Công chức Văn phòng - Thống kê",
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Địa chính - Xây dựng",
    "Công chức Tài chính - Kế toán",
    "Công chức Văn hóa - Xã hội",
    "Công chức Văn phòng - Thống kê",
    "Công chức Tư pháp - Hộ tịch",
    "Công chức Địa chính - Nông nghiệp - Môi trường",
    "Công chức Văn hóa - Xã hội",
    "Công chức Địa chính - Xây dựng",
]
KCT_POSTS = [
    "Phó Chỉ huy trưởng Ban Chỉ huy Quân sự",
    "Phó Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam",
    "Phó Bí thư Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "Phó Chủ tịch Hội Liên hiệp Phụ nữ",
    "Phó Chủ tịch Hội Nông dân",
    "Phó Chủ tịch Hội Cựu chiến binh",
    "Văn phòng Đảng ủy",
    "Văn thư - Lưu trữ",
    "Chủ tịch Hội Chữ thập đỏ",
    "Phụ trách Đài truyền thanh",
    "Chủ tịch Hội Người cao tuổi",
    "Nhân viên thú y",
]
CONCURRENT = ["Thủ quỹ", "Chủ tịch Hội Người cao tuổi", "Phụ trách công tác gia đình", "Thủ quỹ"]
FEMALE_POSTS = ("Phụ nữ", "Văn thư", "Văn hóa")


def _unit_word(unit: Unit) -> str:
    return unit.kind_word.lower()


def _persons(rng: random.Random, unit: Unit) -> tuple[list[b.PersonSpec], int]:
    """CBCC and KCT of the commune; returns (persons, quota)."""
    quota = rng.randint(18, 22)
    filled = quota - rng.choice((0, 0, 0, 0, 1, 1, 2))
    cadres = min(11, filled - 7) if filled < 18 else rng.choice((10, 11, 11))
    word = _unit_word(unit)
    persons = []
    names = set()

    def name(post: str) -> str:
        female = any(w in post for w in FEMALE_POSTS) or rng.random() < 0.25
        while True:
            n = b.person_name(rng, female)
            if n not in names:
                names.add(n)
                return n

    since = dt.date(2021, 7, 1)
    for i in range(filled):
        if i < cadres:
            post, category = CADRE_POSTS[i], C.CADRE
        else:
            post, category = CIVIL_POSTS[(i - cadres) % len(CIVIL_POSTS)], C.CIVIL_SERVANT
        education = rng.choices(
            (E.UNIVERSITY, E.POSTGRADUATE, E.INTERMEDIATE, E.COLLEGE), (85, 3, 8, 4)
        )[0]
        political = rng.choices((T.INTERMEDIATE, T.ADVANCED, T.ELEMENTARY), (78, 4, 18))[0]
        if category == C.CADRE and i < 2:
            political = rng.choice((T.INTERMEDIATE, T.ADVANCED))
        persons.append(
            b.PersonSpec(
                name(post),
                category,
                f"{post} {word}",
                education,
                political,
                has_digital_certificate=rng.random() < 0.93,
                in_post_from=since,
            )
        )
    n_kct = rng.randint(8, 12)
    concurrent = rng.randint(0, 3)
    for i in range(n_kct):
        post = KCT_POSTS[i % len(KCT_POSTS)]
        persons.append(
            b.PersonSpec(
                name(post),
                C.KCT,
                f"{post} {word}" if "Văn thư" not in post and "thú y" not in post else post,
                rng.choices(
                    (E.UNIVERSITY, E.COLLEGE, E.INTERMEDIATE, E.ELEMENTARY), (50, 20, 25, 5)
                )[0],
                rng.choices((T.INTERMEDIATE, T.ELEMENTARY, T.NONE), (35, 25, 40))[0],
                concurrent_post=CONCURRENT[i] if i < concurrent else "",
                has_digital_certificate=rng.random() < 0.2,
                in_post_from=since,
            )
        )
    return persons, quota


def _base(rng: random.Random) -> dict:
    """The commune's character, drawn once: both years are variations of it, so that last year
    looks like this year (year-over-year warnings then point at real changes, not at noise)."""
    return {
        "size": rng.randint(600, 2500),
        "online_share": rng.uniform(0.25, 0.7),
        "eligible_share": rng.uniform(0.72, 0.86),
        "full_share": rng.uniform(0.06, 0.12),
        "national_share": rng.uniform(0.01, 0.025),
        "full_boost": rng.uniform(0.2, 0.4),
        "on_time_rate": rng.uniform(0.955, 1.0),
        "late_land": rng.uniform(0.3, 0.6),
        "withdrawn_rate": rng.uniform(0.01, 0.04),
        "rejected": rng.randint(0, 3),
        "carried": rng.randint(10, 28),
        "pending": rng.randint(10, 25),
        "none_online": rng.choice((0, 0, 0, 0, 0, 1, 2)),
        "postal": rng.choice((0, 0, 0, 2, 3)),
        "digitized_components": rng.uniform(0.4, 0.85),
        "digitized_results": rng.uniform(0.25, 0.65),
        "payments": rng.uniform(0.2, 0.55),
        "feedback": rng.choice((0, 0, 1, 1, 2, 3)),
        "surveys": rng.randint(80, 300),
        "low_ratings": rng.choice((0, 0, 1, 2, 4)),
        "trainings": rng.randint(20, 60),
        "grade_transfers": rng.choice((0, 0, 1)),
        "raises": rng.randint(3, 6),
        "rotations": rng.choice((0, 1, 1, 2)),
        "discipline": rng.random() < 0.1,
        "tasks": rng.randint(20, 30),
        "directives": rng.randint(60, 130),
        "late_directives": rng.uniform(0.05, 0.3),
        "in_progress": rng.randint(1, 4),
        "overdue": rng.choice((0, 0, 0, 1, 2)),
        "revenue_plan": rng.randint(30, 90) * 100_000_000,
        "ordinance_plan": rng.randint(15, 40) * 10_000_000,
        "expenditure_delta": rng.randint(-5, 5) * 10_000_000,
        "revenue_rate": rng.uniform(0.9, 1.25),
        "ordinance_rate": rng.uniform(0.9, 1.4),
        "expenditure_rate": rng.uniform(0.72, 0.95),
        "projects": rng.sample(PROJECTS, rng.randint(1, 3)),
        "allocations": [rng.randint(40, 120) * 10_000_000 for _ in PROJECTS],
        "disbursement": rng.uniform(0.7, 1.0),
        "docs_reviewed": rng.randint(1, 4),
        "education_events": rng.randint(2, 5),
        "attendance": rng.randint(8, 30) * 10,
        "approximate": rng.random() < 0.4,
        "procedures_reviewed": rng.randint(4, 12),
        "simplifications": rng.randint(1, 3),
        "tech_teams": 1 + rng.randint(3, 9),
    }


PROJECTS = [
    "Bê tông hóa đường giao thông nông thôn",
    "Sửa chữa, nâng cấp nhà văn hóa thôn",
    "Kênh mương nội đồng",
    "Mở rộng trường mẫu giáo",
]


def _vary(rng: random.Random, value: float, factor: float, spread: float = 0.05) -> int:
    return max(0, round(value * factor * rng.uniform(1 - spread, 1 + spread)))


def _actual(rng: random.Random, plan: int, rate: float, unit_vnd: int) -> int:
    """An actual amount near plan × rate, rounded down to `unit_vnd`."""
    return int(plan * rate * rng.uniform(0.95, 1.05)) // unit_vnd * unit_vnd


def _profile(rng: random.Random, base: dict, factor: float, online_share: float, closing: bool):
    size = _vary(rng, base["size"], factor)
    eligible = int(size * base["eligible_share"])
    full = int(eligible * base["full_share"])
    national = int(eligible * base["national_share"])
    partial = eligible - full - national
    none = size - eligible
    late = round(size * (1 - base["on_time_rate"]) * rng.uniform(0.9, 1.1))
    partial_online = int(partial * online_share)
    full_online = int(full * min(0.97, online_share + base["full_boost"]))
    online_total = partial_online + full_online + national
    return DossierProfile(
        partial_online=partial_online,
        partial_direct=partial - partial_online,
        full_online=full_online,
        full_direct=full - full_online,
        none_online=base["none_online"],
        none_direct=none,
        national_birth=int(national * 0.85),
        national_death=national - int(national * 0.85),
        postal=base["postal"],
        carried_resolved=_vary(rng, base["carried"], 1.0, 0.15),
        carried_withdrawn=rng.randint(0, 1),
        late=late,
        late_land=int(late * base["late_land"]),
        withdrawn=int(size * base["withdrawn_rate"]),
        rejected=base["rejected"],
        pending=_vary(rng, base["pending"], 1.0, 0.15),
        pending_overdue=0 if closing else base["overdue"],
        digitized_components=int(size * base["digitized_components"] * factor),
        digitized_results=int(size * base["digitized_results"] * factor),
        payments=int(online_total * base["payments"] * factor),
        exact=False,
    )


def build(*, unit: Unit, periods: dict[str, Period]) -> b.UnitData:
    rng = random.Random(f"{unit.code}-unit")
    persons, quota = _persons(rng, unit)
    chairman = next(
        p.full_name for p in persons if p.position.startswith("Chủ tịch Ủy ban nhân dân")
    )
    base = _base(rng)
    data = b.UnitData(
        persons=persons,
        quotas={2022: (quota, ""), 2023: (quota, "")},
        periods={},
        document={"signer_name": chairman},
    )
    cbcc = [p.full_name for p in persons if p.category != C.KCT]
    civil = [p.full_name for p in persons if p.category == C.CIVIL_SERVANT]
    # 2023 is the reference year; 2022 had a little less of everything and less online.
    growth = rng.uniform(0.88, 1.0)
    plans = {
        "2023": (1.0, base["online_share"], periods.get("2024")),
        "2022": (growth, base["online_share"] * rng.uniform(0.75, 0.92), periods.get("2023")),
    }
    for code, (factor, online_share, next_period) in plans.items():
        period = periods.get(code)
        if period is None:
            continue
        prng = random.Random(f"{unit.code}-{code}")
        s, e = period.start, period.end
        closing = code != "2023"
        pd = b.PeriodData()
        pd.dossiers = generate(
            rng=prng,
            start=s,
            end=e,
            profile=_profile(prng, base, factor, online_share, closing),
            closed_before=next_period.start if closing and next_period else None,
        )
        n_feedback = base["feedback"]
        pd.feedback = b.feedback(prng, s, e, n_feedback, n_feedback)
        n_survey = _vary(prng, base["surveys"], factor)
        low = base["low_ratings"]
        five = int(n_survey * 0.62)
        pd.surveys = b.surveys(prng, s, e, {5: five, 4: n_survey - five - low, 3: low})
        pd.trainings = b.trainings(prng, s, e, cbcc, _vary(prng, base["trainings"], factor))
        pd.actions = b.personnel_actions(
            prng, s, e, civil,
            grade_transfers=base["grade_transfers"],
            raises=base["raises"] - (code == "2022" and prng.random() < 0.5),
            rotations=base["rotations"],
            unit_short=unit.short_name,
        )  # fmt: skip
        if base["discipline"] and not closing:
            pd.discipline = [
                {
                    "person": prng.choice(civil),
                    "decided_on": prng.choice(b.window_days(s, e)),
                    "form": "Khiển trách",
                    "reason": "Vi phạm quy định về thời gian giải quyết hồ sơ thủ tục hành chính.",
                }
            ]
        n_tasks = base["tasks"]
        pd.plan_tasks = b.plan_tasks(prng, s, e, n_tasks, n_tasks - prng.choice((0, 0, 0, 1)))
        assigned = _vary(prng, base["directives"], factor)
        in_progress, overdue = base["in_progress"], base["overdue"]
        late_d = int((assigned - in_progress - overdue) * base["late_directives"])
        pd.directives = b.directives(
            prng, s, e,
            on_time=assigned - in_progress - overdue - late_d,
            late=late_d, in_progress=in_progress, overdue=overdue,
        )  # fmt: skip
        plan_factor = 1.0 if code == "2023" else prng.uniform(0.9, 0.98)
        revenue_plan = round(base["revenue_plan"] * plan_factor, -8)
        ordinance_plan = round(base["ordinance_plan"] * plan_factor, -7)
        expenditure_plan = revenue_plan + base["expenditure_delta"]
        actual = partial(_actual, prng)
        pd.budget = b.budget(
            as_of=dt.date(period.year, 9, 30),
            revenue=(actual(revenue_plan, base["revenue_rate"], 1_000_000), revenue_plan),
            ordinance=(actual(ordinance_plan, base["ordinance_rate"], 1000), ordinance_plan),
            expenditure=(
                actual(expenditure_plan, base["expenditure_rate"], 1_000_000),
                expenditure_plan,
            ),
        )
        pd.investments = []
        for project in base["projects"]:
            allocated = round(base["allocations"][PROJECTS.index(project)] * plan_factor, -6)
            pd.investments.append(
                {
                    "project": project,
                    "allocated": allocated,
                    "disbursed": min(allocated, actual(allocated, base["disbursement"], 100_000)),
                    "as_of": e,
                }
            )
        issued = dt.date(period.year, 1, prng.randint(10, 31))
        pd.asset_regulations = [
            {
                "decision_ref": f"{prng.randint(8, 60)}/QĐ-UBND",
                "issued_on": issued,
                "title": "Ban hành Quy chế quản lý, sử dụng tài sản công của UBND "
                + unit.name[0].lower()
                + unit.name[1:],
            }
        ]
        pd.entered = [
            {"code": "legal.docs_reviewed", "value": base["docs_reviewed"]},
            {"code": "legal.education_events", "value": base["education_events"]},
            {
                "code": "legal.education_attendance",
                "value": _vary(prng, base["attendance"], factor, 0.1),
                "approximate": base["approximate"],
            },
            {"code": "tthc.procedures_reviewed", "value": base["procedures_reviewed"]},
            {"code": "tthc.simplifications_proposed", "value": base["simplifications"]},
            {"code": "egov.tech_teams", "value": base["tech_teams"]},
            # forms issued: every returned one, and a few more that never came back
            {"code": "survey.issued", "value": n_survey + prng.randint(0, 12)},
        ]
        data.periods[code] = pd
    return data
