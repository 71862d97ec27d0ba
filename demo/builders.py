"""Containers for a unit's demo data and builders of the non-dossier records from counts.

The builders take exact counts (the Bình Phước seed) or random ones (the other communes) and
return plain field dicts; `demo.records` writes them."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from staff.models import PersonnelActionKind

from . import workdays as wd


@dataclass
class PersonSpec:
    full_name: str
    category: str
    position: str
    education: str
    political_theory: str
    concurrent_post: str = ""
    has_digital_certificate: bool = True
    in_post_from: dt.date | None = None


@dataclass
class PeriodData:
    dossiers: list[dict] = field(default_factory=list)
    feedback: list[dict] = field(default_factory=list)
    surveys: list[dict] = field(default_factory=list)
    trainings: list[dict] = field(default_factory=list)
    actions: list[dict] = field(default_factory=list)
    discipline: list[dict] = field(default_factory=list)
    plan_tasks: list[dict] = field(default_factory=list)
    directives: list[dict] = field(default_factory=list)
    budget: list[dict] = field(default_factory=list)
    investments: list[dict] = field(default_factory=list)
    asset_regulations: list[dict] = field(default_factory=list)
    entered: list[dict] = field(default_factory=list)
    narratives: dict[str, str] = field(default_factory=dict)
    documents: list[dict] = field(default_factory=list)  # the register (demo/register.py)


@dataclass
class UnitData:
    persons: list[PersonSpec]
    quotas: dict[int, tuple[int, str]]  # year -> (quota, decision)
    periods: dict[str, PeriodData]
    document: dict


def window_days(start: dt.date, end: dt.date) -> list[dt.date]:
    return wd.working_days(start, end)


# --- CCHC plan tasks --------------------------------------------------------------------------

PLAN_TASKS = [
    ("Ban hành Kế hoạch cải cách hành chính năm", "Văn phòng - Thống kê"),
    ("Ban hành Kế hoạch tuyên truyền cải cách hành chính", "Văn phòng - Thống kê"),
    ("Ban hành Kế hoạch kiểm soát thủ tục hành chính", "Tư pháp - Hộ tịch"),
    ("Ban hành Kế hoạch rà soát, đánh giá thủ tục hành chính", "Tư pháp - Hộ tịch"),
    (
        "Ban hành Kế hoạch truyền thông về hoạt động kiểm soát thủ tục hành chính",
        "Tư pháp - Hộ tịch",
    ),
    ("Tự kiểm tra nội bộ công tác kiểm soát thủ tục hành chính", "Tư pháp - Hộ tịch"),
    (
        "Niêm yết công khai thủ tục hành chính tại Bộ phận Một cửa và Trang thông tin điện tử xã",
        "Văn phòng - Thống kê",
    ),
    ("Khảo sát, đo lường sự hài lòng của người dân, tổ chức", "Văn phòng - Thống kê"),
    ("Ban hành Kế hoạch theo dõi tình hình thi hành pháp luật", "Tư pháp - Hộ tịch"),
    ("Tự kiểm tra, rà soát, hệ thống hóa văn bản quy phạm pháp luật", "Tư pháp - Hộ tịch"),
    ("Phổ biến, giáo dục pháp luật, hòa giải ở cơ sở", "Tư pháp - Hộ tịch"),
    ("Xây dựng xã đạt chuẩn tiếp cận pháp luật", "Tư pháp - Hộ tịch"),
    ("Kiện toàn Bộ phận tiếp nhận và trả kết quả theo cơ chế một cửa", "Văn phòng - Thống kê"),
    ("Thực hiện kỷ luật, kỷ cương hành chính, đạo đức công vụ", "Văn phòng - Thống kê"),
    ("Kiện toàn Tổ kiểm tra việc chấp hành kỷ luật, kỷ cương hành chính", "Văn phòng - Thống kê"),
    (
        "Đào tạo, bồi dưỡng cán bộ, công chức, người hoạt động không chuyên trách",
        "Văn phòng - Thống kê",
    ),
    ("Rà soát, bố trí cán bộ, công chức theo quy định", "Văn phòng - Thống kê"),
    ("Thực hiện chế độ, chính sách đối với cán bộ, công chức", "Tài chính - Kế toán"),
    ("Ban hành Quy chế quản lý, sử dụng tài sản công", "Tài chính - Kế toán"),
    ("Công khai dự toán, quyết toán ngân sách xã", "Tài chính - Kế toán"),
    ("Giải ngân vốn đầu tư công theo kế hoạch", "Địa chính - Xây dựng"),
    ("Kế hoạch xây dựng Chính quyền điện tử hướng đến Chính quyền số", "Văn hóa - Xã hội"),
    ("Ứng dụng công nghệ thông tin trong hoạt động cơ quan", "Văn phòng - Thống kê"),
    ("Đẩy mạnh dịch vụ công trực tuyến và thanh toán trực tuyến", "Văn phòng - Thống kê"),
    ("Kiện toàn Ban Chỉ đạo chuyển đổi số và các Tổ công nghệ số cộng đồng", "Văn hóa - Xã hội"),
    ("Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "Tư pháp - Hộ tịch"),
    ("Sử dụng chữ ký số, văn bản điện tử trên phần mềm quản lý văn bản", "Văn phòng - Thống kê"),
    ("Hội nghị chuyên đề đánh giá Chỉ số cải cách hành chính", "Văn phòng - Thống kê"),
    ("Triển khai mô hình «Điểm dịch vụ công trực tuyến», «Công dân số»", "Văn hóa - Xã hội"),
    ("Báo cáo định kỳ công tác cải cách hành chính", "Văn phòng - Thống kê"),
]


def plan_tasks(rng: random.Random, start: dt.date, end: dt.date, n: int, done: int) -> list[dict]:
    """n tasks of the unit's CCHC plan due within the window; `done` of them done by their due
    date, the rest not done."""
    days = window_days(start, end)
    out = []
    for i in range(n):
        title, owner = PLAN_TASKS[i % len(PLAN_TASKS)]
        due = rng.choice(days[len(days) // 6 :])
        done_on = None
        if i < done:
            done_on = rng.choice([d for d in days if d <= due][-40:])
        out.append({"title": title, "owner": owner, "due_on": due, "done_on": done_on})
    return out


# --- tasks assigned by the district ------------------------------------------------------------

DIRECTIVE_SUBJECTS = [
    "Báo cáo kết quả thực hiện công tác cải cách hành chính quý",
    "Rà soát, cập nhật dữ liệu hộ tịch lên Cơ sở dữ liệu hộ tịch điện tử",
    "Triển khai thực hiện Đề án 06 trên địa bàn xã",
    "Báo cáo tình hình tiếp nhận, giải quyết hồ sơ thủ tục hành chính",
    "Tổ chức tuyên truyền dịch vụ công trực tuyến",
    "Kiểm tra, xử lý vi phạm trật tự xây dựng",
    "Rà soát hộ nghèo, hộ cận nghèo",
    "Báo cáo công tác phòng, chống thiên tai và tìm kiếm cứu nạn",
    "Thống kê, báo cáo số liệu đất đai",
    "Giải quyết đơn thư của công dân chuyển đến",
    "Triển khai tiêm chủng, phòng chống dịch bệnh",
    "Báo cáo kết quả thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới",
    "Rà soát đối tượng bảo trợ xã hội",
    "Tổng hợp nhu cầu đào tạo, bồi dưỡng cán bộ, công chức",
    "Báo cáo tình hình thu, chi ngân sách",
    "Kiểm tra, đôn đốc giải ngân vốn đầu tư công",
    "Triển khai số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
    "Báo cáo công tác tiếp công dân, giải quyết khiếu nại, tố cáo",
    "Rà soát, đề xuất đơn giản hóa thủ tục hành chính",
    "Chuẩn bị nội dung làm việc với Đoàn kiểm tra của huyện",
]


def directives(
    rng: random.Random,
    start: dt.date,
    end: dt.date,
    *,
    on_time: int,
    late: int,
    in_progress: int,
    overdue: int = 0,
    district: str = "UBND huyện Bình Sơn",
) -> list[dict]:
    """Tasks assigned within the window: done on time, done late (within the window), still in
    progress and not yet due at the end, and still in progress past their due date (`overdue`)."""
    days = window_days(start, end)
    out = []
    number = rng.randint(20, 60)
    kinds = ["on_time"] * on_time + ["late"] * late + ["in_progress"] * in_progress
    kinds += ["overdue"] * overdue
    rng.shuffle(kinds)
    assigned_days = sorted(rng.choice(days[:-25]) for _ in kinds)
    for kind, assigned in zip(kinds, assigned_days, strict=True):
        number += rng.randint(8, 40)
        span = rng.choice((5, 7, 10, 15, 20))
        due = wd.add_working_days(assigned, span)
        done_on = None
        if kind == "on_time":
            done_on = wd.add_working_days(assigned, rng.randint(1, span))
        elif kind == "late":
            done_on = wd.add_working_days(due, rng.randint(1, 8))
            if done_on > end:
                due = wd.add_working_days(assigned, 3)
                done_on = wd.add_working_days(due, 1)
        elif kind == "in_progress":
            # Assigned shortly before the end and due after it.
            assigned = rng.choice(days[-12:])
            due = wd.add_working_days(end, rng.randint(5, 20))
        else:
            assigned = rng.choice(days[-60:-30])
            due = wd.add_working_days(assigned, 10)
        subject = rng.choice(DIRECTIVE_SUBJECTS)
        out.append(
            {
                "title": subject,
                "reference": f"Công văn số {number}/UBND ngày {assigned:%d/%m/%Y} của {district}",
                "assigned_on": assigned,
                "due_on": due,
                "done_on": done_on,
            }
        )
    return out


# --- surveys, feedback ------------------------------------------------------------------------

SURVEY_PROCEDURES = ["2.000815", "2.000884", "1.001193", "1.000894", "1.004873", "2.000635"]


def surveys(
    rng: random.Random, start: dt.date, end: dt.date, ratings: dict[int, int]
) -> list[dict]:
    days = window_days(start, end)
    out = []
    for rating, n in sorted(ratings.items()):
        for _ in range(n):
            out.append(
                {
                    "answered_on": rng.choice(days),
                    "procedure_code": rng.choice(SURVEY_PROCEDURES),
                    "rating": rating,
                }
            )
    out.sort(key=lambda r: (r["answered_on"], r["rating"]))
    return out


FEEDBACK_SUBJECTS = [
    (
        "Phản ánh việc công chức chậm giải quyết hồ sơ chứng thực hợp đồng.",
        "UBND xã đã làm việc với công chức phụ trách, trả kết quả cho công dân và trả lời bằng văn bản.",
    ),
    (
        "Kiến nghị niêm yết rõ mức lệ phí chứng thực tại Bộ phận Một cửa.",
        "Đã bổ sung niêm yết mức phí, lệ phí và trả lời công dân.",
    ),
    (
        "Phản ánh khó khăn khi nộp hồ sơ trực tuyến trên Cổng dịch vụ công.",
        "Tổ công nghệ số cộng đồng đã hướng dẫn công dân nộp hồ sơ; đã trả lời công dân.",
    ),
]


def feedback(rng: random.Random, start: dt.date, end: dt.date, n: int, resolved: int) -> list[dict]:
    days = window_days(start, end)
    out = []
    for i in range(n):
        subject, answer = FEEDBACK_SUBJECTS[i % len(FEEDBACK_SUBJECTS)]
        received = rng.choice(days[:-20])
        done = i < resolved
        out.append(
            {
                "received_on": received,
                "channel": "Hệ thống tiếp nhận, trả lời phản ánh, kiến nghị của Chính phủ",
                "subject": subject,
                "resolved_on": wd.add_working_days(received, rng.randint(3, 10)) if done else None,
                "answer": answer if done else "",
            }
        )
    return out


# --- staff -------------------------------------------------------------------------------------

COURSES = [
    ("Bồi dưỡng kỹ năng, nghiệp vụ công tác hộ tịch, chứng thực", "Sở Tư pháp tỉnh Quảng Ngãi"),
    (
        "Tập huấn sử dụng Hệ thống thông tin giải quyết thủ tục hành chính tỉnh",
        "Sở Thông tin và Truyền thông",
    ),
    ("Bồi dưỡng kiến thức quản lý nhà nước ngạch chuyên viên", "Trường Chính trị tỉnh Quảng Ngãi"),
    ("Tập huấn nghiệp vụ kế toán ngân sách xã", "Phòng Tài chính - Kế hoạch huyện Bình Sơn"),
    ("Bồi dưỡng kỹ năng chuyển đổi số cho cán bộ, công chức cấp xã", "UBND huyện Bình Sơn"),
    ("Tập huấn công tác kiểm soát thủ tục hành chính", "Văn phòng UBND tỉnh Quảng Ngãi"),
    (
        "Bồi dưỡng nghiệp vụ quản lý đất đai, xây dựng",
        "Phòng Tài nguyên và Môi trường huyện Bình Sơn",
    ),
    ("Bồi dưỡng kiến thức quốc phòng và an ninh đối tượng 4", "Trung tâm Chính trị huyện Bình Sơn"),
    ("Tập huấn công tác văn thư, lưu trữ", "Phòng Nội vụ huyện Bình Sơn"),
    ("Bồi dưỡng nghiệp vụ công tác tiếp công dân", "Thanh tra huyện Bình Sơn"),
]


def trainings(
    rng: random.Random, start: dt.date, end: dt.date, names: list[str], n: int
) -> list[dict]:
    days = window_days(start, end)
    out = []
    for i in range(n):
        course, organiser = COURSES[rng.randrange(len(COURSES))]
        first = rng.choice(days[:-10])
        out.append(
            {
                "person": names[i % len(names)],
                "course": course,
                "organiser": organiser,
                "start_on": first,
                "end_on": wd.add_working_days(first, rng.randint(0, 4)),
            }
        )
    return out


def personnel_actions(
    rng: random.Random,
    start: dt.date,
    end: dt.date,
    names: list[str],
    *,
    grade_transfers: int,
    raises: int,
    rotations: int,
    unit_short: str,
) -> list[dict]:
    days = window_days(start, end)
    picks = rng.sample(names, min(len(names), grade_transfers + raises + rotations))
    kinds = (
        [PersonnelActionKind.GRADE_TRANSFER] * grade_transfers
        + [PersonnelActionKind.RAISE] * raises
        + [PersonnelActionKind.ROTATION] * rotations
    )
    out = []
    for kind, name in zip(kinds, picks, strict=False):
        day = rng.choice(days)
        issuer = (
            "UBND huyện Bình Sơn"
            if kind != PersonnelActionKind.ROTATION
            else f"UBND xã {unit_short}"
        )
        out.append(
            {
                "person": name,
                "kind": kind,
                "effective_on": day,
                "decision_ref": f"Quyết định số {rng.randint(100, 3000)}/QĐ-UBND ngày {day:%d/%m/%Y} của {issuer}",
            }
        )
    return out


# --- finance -----------------------------------------------------------------------------------


def budget(
    *,
    as_of: dt.date,
    revenue: tuple[int, int],
    ordinance: tuple[int, int],
    expenditure: tuple[int, int],
) -> list[dict]:
    """(actual, plan) pairs in VND."""
    return [
        {"kind": kind, "actual": actual, "plan": plan, "as_of": as_of, "estimated": True}
        for kind, (actual, plan) in (
            ("revenue", revenue),
            ("ordinance_revenue", ordinance),
            ("expenditure", expenditure),
        )
    ]


# --- names -------------------------------------------------------------------------------------

SURNAMES = [
    "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Đặng", "Bùi", "Đỗ",
    "Ngô", "Dương", "Lý", "Đinh", "Hồ", "Tạ", "Lương", "Cao", "Đoàn",
]  # fmt: skip
MALE_MIDDLE = ["Văn", "Minh", "Quốc", "Đức", "Hữu", "Công", "Thanh", "Tấn", "Ngọc", "Xuân"]
FEMALE_MIDDLE = ["Thị", "Thị Thu", "Thị Kim", "Thị Mỹ", "Ngọc", "Thị Thanh", "Thị Bích"]
MALE_GIVEN = [
    "Hùng", "Dũng", "Tuấn", "Sơn", "Hải", "Phong", "Tâm", "Vinh", "Lợi", "Tín", "Hòa", "Khánh",
    "Trung", "Nghĩa", "Thành", "Phúc", "Quang", "Bảo", "Cường", "Đạt", "Hiếu", "Long",
]  # fmt: skip
FEMALE_GIVEN = [
    "Hoa", "Lan", "Hương", "Thảo", "Trinh", "Nga", "Hạnh", "Loan", "Mai", "Phượng", "Vân",
    "Yến", "Nhung", "Hằng", "Diễm", "Oanh",
]  # fmt: skip


def person_name(rng: random.Random, female: bool) -> str:
    middle = rng.choice(FEMALE_MIDDLE if female else MALE_MIDDLE)
    given = rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)
    return f"{rng.choice(SURNAMES)} {middle} {given}"
