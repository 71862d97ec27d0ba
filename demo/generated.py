"""Plausible generated data for the other 21 communes of Huyện Bình Sơn, so that the district
has something to compare. Deterministic: every random choice comes from a generator seeded with
the commune code (and the period), so a second load draws the same records."""

from __future__ import annotations

import datetime as dt
import random

from staff.models import Education as E
from staff.models import PoliticalTheory as T
from staff.models import StaffCategory as C

from . import builders as b
from .dossiers import DossierProfile, generate

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


def _unit_word(unit) -> str:
    return unit.kind_word.lower()


def _persons(rng: random.Random, unit) -> tuple[list[b.PersonSpec], int]:
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


def _profile(rng: random.Random, size: int, online_share: float, closing: bool) -> DossierProfile:
    eligible = int(size * rng.uniform(0.72, 0.86))
    full = int(eligible * rng.uniform(0.06, 0.12))
    national = int(eligible * rng.uniform(0.01, 0.025))
    partial = eligible - full - national
    none = size - eligible
    on_time_rate = rng.uniform(0.955, 1.0)
    late = round(size * (1 - on_time_rate))
    withdrawn = int(size * rng.uniform(0.01, 0.04))
    partial_online = int(partial * online_share)
    full_online = int(full * min(0.97, online_share + rng.uniform(0.2, 0.4)))
    online_total = partial_online + full_online + national
    return DossierProfile(
        partial_online=partial_online,
        partial_direct=partial - partial_online,
        full_online=full_online,
        full_direct=full - full_online,
        none_online=rng.randint(0, 4),
        none_direct=none,
        national_birth=int(national * 0.85),
        national_death=national - int(national * 0.85),
        postal=rng.choice((0, 0, 0, 1, 2, 3)),
        carried_resolved=rng.randint(4, 28),
        carried_withdrawn=rng.randint(0, 2),
        late=late,
        late_land=int(late * rng.uniform(0.3, 0.6)),
        withdrawn=withdrawn,
        rejected=rng.randint(0, 3),
        pending=rng.randint(5, 25),
        pending_overdue=0 if closing else rng.choice((0, 0, 0, 1, 2, 3)),
        digitized_components=int(size * rng.uniform(0.4, 0.85)),
        digitized_results=int(size * rng.uniform(0.25, 0.65)),
        payments=int(online_total * rng.uniform(0.2, 0.55)),
        exact=False,
    )


def build(*, unit, periods: dict) -> b.UnitData:
    rng = random.Random(f"{unit.code}-unit")
    persons, quota = _persons(rng, unit)
    chairman = next(
        p.full_name for p in persons if p.position.startswith("Chủ tịch Ủy ban nhân dân")
    )
    size_2023 = rng.randint(600, 2500)
    online_2023 = rng.uniform(0.25, 0.7)
    data = b.UnitData(
        persons=persons,
        quotas={2022: (quota, ""), 2023: (quota, "")},
        periods={},
        document={"signer_name": chairman},
    )
    cbcc = [p.full_name for p in persons if p.category != C.KCT]
    civil = [p.full_name for p in persons if p.category == C.CIVIL_SERVANT]
    plans = {
        "2023": (size_2023, online_2023, periods.get("2024")),
        "2022": (
            int(size_2023 * rng.uniform(0.8, 1.05)),
            online_2023 * rng.uniform(0.6, 0.9),
            periods.get("2023"),
        ),
    }
    for code, (size, online_share, next_period) in plans.items():
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
            profile=_profile(prng, size, online_share, closing),
            closed_before=next_period.start if closing and next_period else None,
        )
        n_feedback = prng.choice((0, 0, 1, 1, 2, 3))
        pd.feedback = b.feedback(
            prng, s, e, n_feedback, n_feedback - prng.choice((0, 0, 0, 1)) if n_feedback else 0
        )
        n_survey = prng.randint(80, 300)
        low = prng.choice((0, 0, 1, 2, 4))
        pd.surveys = b.surveys(
            prng, s, e, {5: int(n_survey * 0.62), 4: n_survey - int(n_survey * 0.62) - low, 3: low}
        )
        pd.trainings = b.trainings(prng, s, e, cbcc, prng.randint(20, 60))
        pd.actions = b.personnel_actions(
            prng, s, e, civil,
            grade_transfers=prng.choice((0, 0, 1)),
            raises=prng.randint(1, 5),
            rotations=prng.choice((0, 1, 1, 2)),
            unit_short=unit.short_name,
        )  # fmt: skip
        if prng.random() < 0.1:
            pd.discipline = [
                {
                    "person": prng.choice(civil),
                    "decided_on": prng.choice(b.window_days(s, e)),
                    "form": "Khiển trách",
                    "reason": "Vi phạm quy định về thời gian giải quyết hồ sơ thủ tục hành chính.",
                }
            ]
        n_tasks = prng.randint(20, 30)
        pd.plan_tasks = b.plan_tasks(prng, s, e, n_tasks, n_tasks - prng.choice((0, 0, 0, 1, 2)))
        assigned = prng.randint(60, 130)
        in_progress = prng.randint(0, 4)
        overdue = prng.choice((0, 0, 0, 1, 2))
        late_d = int((assigned - in_progress - overdue) * prng.uniform(0.05, 0.3))
        pd.directives = b.directives(
            prng, s, e,
            on_time=assigned - in_progress - overdue - late_d,
            late=late_d, in_progress=in_progress, overdue=overdue,
        )  # fmt: skip
        revenue_plan = prng.randint(30, 90) * 100_000_000
        ordinance_plan = prng.randint(15, 40) * 10_000_000
        expenditure_plan = revenue_plan + prng.randint(-5, 5) * 10_000_000
        pd.budget = b.budget(
            as_of=dt.date(period.year, 9, 30),
            revenue=(int(revenue_plan * prng.uniform(0.85, 1.3)) // 1_000_000 * 1_000_000, revenue_plan),
            ordinance=(int(ordinance_plan * prng.uniform(0.8, 1.5)) // 1000 * 1000, ordinance_plan),
            expenditure=(int(expenditure_plan * prng.uniform(0.7, 0.95)) // 1_000_000 * 1_000_000, expenditure_plan),
        )  # fmt: skip
        projects = [
            "Bê tông hóa đường giao thông nông thôn",
            "Sửa chữa, nâng cấp nhà văn hóa thôn",
            "Kênh mương nội đồng",
            "Mở rộng trường mẫu giáo",
        ]
        pd.investments = []
        for project in prng.sample(projects, prng.randint(1, 3)):
            allocated = prng.randint(20, 120) * 10_000_000
            pd.investments.append(
                {
                    "project": project,
                    "allocated": allocated,
                    "disbursed": int(allocated * prng.uniform(0.6, 1.0)) // 100_000 * 100_000,
                    "as_of": e,
                }
            )
        issued = dt.date(period.year, 1, prng.randint(10, 31))
        pd.asset_regulations = [
            {
                "decision_ref": f"{prng.randint(8, 60)}/QĐ-UBND",
                "issued_on": issued,
                "title": f"Ban hành Quy chế quản lý, sử dụng tài sản công của UBND {unit.name[0].lower()}{unit.name[1:]}",
            }
        ]
        reviewed = prng.randint(3, 12)
        pd.entered = [
            {"code": "legal.docs_reviewed", "value": prng.randint(0, 4)},
            {"code": "legal.education_events", "value": prng.randint(1, 5)},
            {"code": "legal.education_attendance", "value": prng.randint(6, 30) * 10, "approximate": prng.random() < 0.4},
            {"code": "tthc.procedures_reviewed", "value": reviewed},
            {"code": "tthc.simplifications_proposed", "value": prng.randint(0, min(3, reviewed))},
            {"code": "egov.tech_teams", "value": 1 + prng.randint(3, 9)},
        ]  # fmt: skip
        data.periods[code] = pd
    return data
