"""Xã Bình Phước (21073): raw records that reproduce every count of the seed report for 2023
(`/work/shared/seed/bao-cao-cchc-2023-xa-binh-phuoc.txt`, figures checked in
`reference/seed-figures-checked.md`), and a plausible 2022 for year-over-year comparison.

The seed's own inconsistencies stay what they are — the records are honest and validation flags
the rest (SPEC §6):

- 18 late dossiers are records (10 of them land dossiers decided upstream). The seed's hand-typed
  "Tồn tại, hạn chế" said 17 (07 + 10): a figure that contradicts its indicator is an error that
  blocks submission, so the demo's narrative quotes the count by its placeholder
  `{{ tthc.resolved_late }}` (18) and splits it as the records do (08 + 10).
- 848 dossiers were received online but only 843 belong to procedures with online service: the
  other 5 are online dossiers of procedures at level `none`, as the seed's figures imply.
- Non-specialised workers (KCT): the seed lists education levels 6 university + 3 college +
  2 intermediate = 11 for 10 people. Records cannot hold 11 education levels for 10 persons (each
  person has exactly one), so the records hold 6 + 3 + 1 and the seed's 11 is impossible by
  construction — the "make it impossible" outcome of SPEC §6.
- "Trên 80 + 40 lượt" legal-education attendance is an entered figure of 120 marked approximate;
  "trên 44 lượt" training attendances are 44 records.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from staff.models import Education as E
from staff.models import PoliticalTheory as T
from staff.models import StaffCategory as C

from . import builders as b
from . import register
from .dossiers import DossierProfile, generate

if TYPE_CHECKING:
    from orgs.models import Period

CODE = "21073"

CADRE, CIVIL, KCT = C.CADRE, C.CIVIL_SERVANT, C.KCT
UNI, COL, INT = E.UNIVERSITY, E.COLLEGE, E.INTERMEDIATE
P_INT, P_ELEM, P_NONE = T.INTERMEDIATE, T.ELEMENTARY, T.NONE

# 11 cadres + 9 civil servants = 20/20 posts; education 19 university + 1 intermediate;
# political theory 17 intermediate + 3 elementary; all 20 hold a digital certificate.
# The 1 intermediate and the 3 elementary are civil servants ("01 công chức chưa đảm bảo về trình
# độ chuyên môn", "03 công chức chưa đảm bảo về trình độ lý luận chính trị").
SINCE = dt.date(2021, 7, 1)
PERSONS = [
    b.PersonSpec("Phạm Văn Lộc", CADRE, "Bí thư Đảng ủy xã", UNI, P_INT),
    b.PersonSpec("Lê Quang Thành", CADRE, "Phó Bí thư Thường trực Đảng ủy xã", UNI, P_INT),
    b.PersonSpec("Nguyễn Tấn Phát", CADRE, "Chủ tịch Hội đồng nhân dân xã", UNI, P_INT),
    b.PersonSpec("Huỳnh Thị Mỹ Dung", CADRE, "Phó Chủ tịch Hội đồng nhân dân xã", UNI, P_INT),
    b.PersonSpec("Ngô Văn Vương", CADRE, "Chủ tịch Ủy ban nhân dân xã", UNI, P_INT),
    b.PersonSpec("Trương Công Khải", CADRE, "Phó Chủ tịch Ủy ban nhân dân xã", UNI, P_INT),
    b.PersonSpec("Võ Văn Tám", CADRE, "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam xã", UNI, P_INT),
    b.PersonSpec("Đặng Minh Tiến", CADRE, "Bí thư Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", UNI, P_INT),
    b.PersonSpec("Trần Thị Thu Hà", CADRE, "Chủ tịch Hội Liên hiệp Phụ nữ xã", UNI, P_INT),
    b.PersonSpec("Bùi Văn Nhân", CADRE, "Chủ tịch Hội Nông dân xã", UNI, P_INT),
    b.PersonSpec("Đỗ Văn Quý", CADRE, "Chủ tịch Hội Cựu chiến binh xã", UNI, P_INT),
    b.PersonSpec("Phan Văn Thuận", CIVIL, "Chỉ huy trưởng Ban Chỉ huy Quân sự xã", UNI, P_INT),
    b.PersonSpec("Nguyễn Thị Lan", CIVIL, "Công chức Văn phòng - Thống kê", UNI, P_INT),
    b.PersonSpec("Lương Minh Trí", CIVIL, "Công chức Văn phòng - Thống kê", UNI, P_ELEM),
    b.PersonSpec("Hồ Thị Kim Oanh", CIVIL, "Công chức Tư pháp - Hộ tịch", UNI, P_INT),
    b.PersonSpec("Dương Văn Cảnh", CIVIL, "Công chức Tư pháp - Hộ tịch", UNI, P_ELEM),
    b.PersonSpec("Cao Văn Định", CIVIL, "Công chức Địa chính - Xây dựng", UNI, P_INT),
    b.PersonSpec("Tạ Quang Vũ", CIVIL, "Công chức Địa chính - Xây dựng", INT, P_INT),
    b.PersonSpec("Lý Thị Ngọc Hân", CIVIL, "Công chức Tài chính - Kế toán", UNI, P_INT),
    b.PersonSpec("Đoàn Thị Thanh Thủy", CIVIL, "Công chức Văn hóa - Xã hội", UNI, P_ELEM),
    # 10 KCT, 2 with a concurrent post; education 6 + 3 + 1 (the seed's "6 + 3 + 2 = 11" cannot be
    # recorded for 10 people); political theory 4 intermediate + 2 elementary + 4 none.
    b.PersonSpec("Nguyễn Văn Bình", KCT, "Phó Chỉ huy trưởng Ban Chỉ huy Quân sự xã", COL, P_INT, has_digital_certificate=False),
    b.PersonSpec("Lê Thị Hồng", KCT, "Phó Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam xã", UNI, P_INT, has_digital_certificate=False),
    b.PersonSpec("Phạm Minh Nhật", KCT, "Phó Bí thư Đoàn Thanh niên Cộng sản Hồ Chí Minh xã", UNI, P_NONE, has_digital_certificate=False),
    b.PersonSpec("Võ Thị Bích Ngọc", KCT, "Phó Chủ tịch Hội Liên hiệp Phụ nữ xã", UNI, P_ELEM, has_digital_certificate=False),
    b.PersonSpec("Trần Văn Lực", KCT, "Phó Chủ tịch Hội Nông dân xã", COL, P_ELEM, has_digital_certificate=False),
    b.PersonSpec("Huỳnh Văn Sáu", KCT, "Phó Chủ tịch Hội Cựu chiến binh xã", INT, P_INT, concurrent_post="Chủ tịch Hội Người cao tuổi xã", has_digital_certificate=False),
    b.PersonSpec("Nguyễn Thị Ngọc Ánh", KCT, "Văn phòng Đảng ủy xã", UNI, P_INT),
    b.PersonSpec("Đặng Thị Mai", KCT, "Văn thư - Lưu trữ", COL, P_NONE, concurrent_post="Thủ quỹ", has_digital_certificate=False),
    b.PersonSpec("Bùi Thị Hạnh", KCT, "Chủ tịch Hội Chữ thập đỏ xã", UNI, P_NONE, has_digital_certificate=False),
    b.PersonSpec("Lê Văn Tâm", KCT, "Phụ trách Đài truyền thanh xã", UNI, P_NONE, has_digital_certificate=False),
]  # fmt: skip
for _p in PERSONS:
    _p.in_post_from = SINCE

QUOTA_REF = (
    "Quyết định số 96/QĐ-UBND ngày 03/02/2023 của UBND tỉnh Quảng Ngãi về giao số lượng, "
    "bố trí cán bộ, công chức xã, phường, thị trấn"
)

# The seed's 2023 dossier figures, from 15/12/2022 to 31/10/2023 (F9–F13, F31–F39):
# provincial system: partial 684 online / 1382, full 128 online / 142; national portal linked
# groups: 27/27 (birth) and 4/4 (death), all online; 5 online dossiers of procedures without
# online service; 390 - 5 = 385 direct dossiers of procedures without online service.
PROFILE_2023 = DossierProfile(
    partial_online=684,
    partial_direct=1382 - 684,
    full_online=128,
    full_direct=142 - 128,
    none_online=5,
    none_direct=1097 - (1382 - 684) - (142 - 128),
    national_birth=27,
    national_death=4,
    carried_resolved=16,
    carried_withdrawn=1,
    late=18,
    late_land=10,
    withdrawn=58,
    pending=17,
    digitized_components=1231,
    digitized_results=784,
    payments=445,
    payment_amount=5_158_000,
)

# 2022: fewer online dossiers and far fewer online payments, so that year-over-year warnings
# show on a few figures (received online +63 %, online payments ×3.8, digitised results +87 %).
PROFILE_2022 = DossierProfile(
    partial_online=420,
    partial_direct=820,
    full_online=78,
    full_direct=30,
    none_online=2,
    none_direct=360,
    national_birth=18,
    national_death=3,
    carried_resolved=20,
    carried_withdrawn=1,
    late=25,
    late_land=12,
    withdrawn=48,
    pending=14,
    digitized_components=780,
    digitized_results=420,
    payments=118,
    payment_amount=1_298_000,
)

LIMITATIONS = """Công tác thông tin tuyên truyền về CCHC, chuyển đổi số tuy được quan tâm triển khai thực hiện nhưng chưa được sâu rộng, chưa tạo được sự lan tỏa trong đại bộ phận Nhân dân. Chưa có sáng kiến hoặc giải pháp mới để tham mưu áp dụng hiệu quả trong thực hiện nhiệm vụ CCHC.

- Công tác tuyên truyền, phổ biến giáo dục pháp luật được quan tâm triển khai thực hiện, tuy nhiên việc tuyên truyền chỉ dừng lại ở cán bộ, công chức xã, lực lượng nòng cốt, cốt cán ở thôn; việc tuyên truyền, phổ biến pháp luật đến tận người dân còn hạn chế; chưa có nhiều hình thức đổi mới để Nhân dân hưởng ứng tham gia.

- Hiện còn có 01 công chức chưa đảm bảo về trình độ chuyên môn nghiệp vụ và 03 công chức chưa đảm bảo về trình độ lý luận chính trị.

- Việc cập nhật, xử lý các bước quy trình trên hệ thống phần mềm cũng như công tác phối hợp trong quá trình tiếp nhận, giải quyết TTHC liên thông trên hệ thống phần mềm giữa cấp xã và cấp huyện đôi lúc chưa được kịp thời, dẫn đến vẫn còn một số hồ sơ cập nhật, xử lý trên hệ thống phần mềm bị trễ hạn, nhưng trên thực tế văn bản giấy đã trả kết quả trước hạn cho công dân. (Trong năm, có {{ tthc.resolved_late }} hồ sơ trễ hạn trên hệ thống phần mềm tổng hợp. Trong đó: có 08 hồ sơ thuộc trách nhiệm của công chức chuyên môn xã chậm xử lý, kết thúc hồ sơ trên phần mềm và 10 hồ sơ thuộc thẩm quyền trả kết quả của cơ quan cấp trên ở lĩnh vực đất đai). Tỷ lệ số hóa kết quả giải quyết TTHC chưa đạt kế hoạch đề ra.

- Cơ sở vật chất, trang thiết bị tại Bộ phận Một cửa để phục vụ cho công việc và giải quyết thủ tục hành chính cho tổ chức và công dân mặc dù đã được quan tâm đầu tư, nhưng vẫn còn nhiều hạn chế. Tỷ lệ người dân sử dụng dịch vụ công trực tuyến thực hiện gửi hồ sơ, nhận kết quả trực tuyến chưa cao.

- Công tác triển khai thực hiện xây dựng Chính quyền điện tử, hướng đến chính quyền số còn gặp nhiều khó khăn; hạ tầng cơ sở vật chất về công nghệ thông tin mặc dù đã được quan tâm đầu tư nhưng còn nhiều hạn chế, hầu hết các thiết bị đã cũ chưa được nâng cấp, bổ sung nên chưa phục vụ tối ưu cho công việc và triển khai nhiệm vụ."""

PETITION = {
    "channel": "Hệ thống tiếp nhận, trả lời phản ánh, kiến nghị của Chính phủ (cấp trên chuyển đến)",
    "subject": (
        "Công dân phản ánh công chức chuyên môn của xã chậm soạn thảo hồ sơ Hợp đồng phân chia "
        "di sản thừa kế."
    ),
    "answer": (
        "UBND xã đã có buổi làm việc, trả lời cụ thể cho công dân và báo cáo kết quả cho cấp có "
        "thẩm quyền theo quy định."
    ),
}

CBCC_NAMES = [p.full_name for p in PERSONS if p.category != KCT]
CIVIL_NAMES = [p.full_name for p in PERSONS if p.category == CIVIL]


def build(*, periods: dict[str, Period]) -> b.UnitData:
    """The unit's data for the periods `2022` and `2023` (those present in `periods`)."""
    data = b.UnitData(
        persons=PERSONS,
        quotas={2022: (20, ""), 2023: (20, QUOTA_REF)},
        periods={},
        document={"signer_name": "Ngô Văn Vương"},
    )
    if "2023" in periods:
        data.periods["2023"] = _period_2023(periods["2023"], periods.get("2024"))
    if "2022" in periods:
        data.periods["2022"] = _period_2022(periods["2022"], periods.get("2023"))
    return data


def _period_2023(period: Period, next_period: Period | None) -> b.PeriodData:
    rng = random.Random(f"{CODE}-2023")
    s, e = period.start, period.end
    pd = b.PeriodData()
    pd.dossiers = generate(rng=rng, start=s, end=e, profile=PROFILE_2023)
    petition_day = dt.date(2023, 6, 12)
    pd.feedback = [{**PETITION, "received_on": petition_day, "resolved_on": dt.date(2023, 6, 19)}]
    pd.surveys = b.surveys(rng, s, e, {5: 158, 4: 59})
    pd.trainings = b.trainings(rng, s, e, CBCC_NAMES, 44)
    pd.actions = [
        {
            "person": "Lương Minh Trí",
            "kind": "grade_transfer",
            "effective_on": dt.date(2023, 7, 1),
            "decision_ref": "Quyết định số 1875/QĐ-UBND ngày 26/6/2023 của UBND huyện Bình Sơn",
        },
        {
            "person": "Hồ Thị Kim Oanh",
            "kind": "raise",
            "effective_on": dt.date(2023, 3, 1),
            "decision_ref": "Quyết định số 512/QĐ-UBND ngày 24/02/2023 của UBND huyện Bình Sơn",
        },
        {
            "person": "Cao Văn Định",
            "kind": "raise",
            "effective_on": dt.date(2023, 5, 1),
            "decision_ref": "Quyết định số 1120/QĐ-UBND ngày 25/4/2023 của UBND huyện Bình Sơn",
        },
        {
            "person": "Võ Văn Tám",
            "kind": "raise",
            "effective_on": dt.date(2023, 9, 1),
            "decision_ref": "Quyết định số 2436/QĐ-UBND ngày 28/8/2023 của UBND huyện Bình Sơn",
        },
        {
            "person": "Dương Văn Cảnh",
            "kind": "rotation",
            "effective_on": dt.date(2023, 4, 3),
            "decision_ref": "Quyết định số 95/QĐ-UBND ngày 28/3/2023 của UBND xã Bình Phước",
        },
    ]
    pd.plan_tasks = b.plan_tasks(rng, s, e, 28, 28)
    pd.directives = b.directives(rng, s, e, on_time=85, late=27, in_progress=2)
    pd.budget = b.budget(
        as_of=dt.date(2023, 9, 30),
        revenue=(6_648_000_000, 5_605_000_000),
        ordinance=(278_399_000, 200_000_000),
        expenditure=(4_776_000_000, 5_606_000_000),
    )
    pd.investments = [
        {
            "project": "Bê tông hóa đường giao thông nông thôn tuyến liên thôn",
            "allocated": 629_700_000,
            "disbursed": 612_300_000,
            "as_of": dt.date(2023, 10, 31),
        },
        {
            "project": "Sửa chữa, nâng cấp nhà văn hóa thôn",
            "allocated": 400_000_000,
            "disbursed": 393_500_000,
            "as_of": dt.date(2023, 10, 31),
        },
    ]
    pd.asset_regulations = [
        {
            "decision_ref": "30/QĐ-UBND",
            "issued_on": dt.date(2023, 1, 30),
            "title": "Ban hành Quy chế quản lý, sử dụng tài sản công của UBND xã Bình Phước",
        }
    ]
    pd.entered = [
        {"code": "legal.docs_reviewed", "value": 1},
        {
            "code": "legal.education_events",
            "value": 2,
            "note": "01 đợt tuyên truyền Luật Thực hiện dân chủ ở cơ sở, Luật Hòa giải ở cơ sở; "
            "01 hội nghị tập huấn kỹ năng hòa giải",
        },
        {
            "code": "legal.education_attendance",
            "value": 120,
            "approximate": True,
            "note": "trên 80 lượt (đợt tuyên truyền) + 40 lượt (hội nghị tập huấn)",
        },
        {"code": "tthc.procedures_reviewed", "value": 8},
        {
            "code": "tthc.simplifications_proposed",
            "value": 2,
            "note": "thủ tục đăng ký khai sinh và thủ tục xác nhận tình trạng hôn nhân",
        },
        {"code": "egov.tech_teams", "value": 6, "note": "01 tổ ở xã và 05 tổ ở 05 thôn"},
        {
            "code": "cchc.communication_plans",
            "value": 1,
            "note": "Kế hoạch số 18/KH-UBND ngày 22/02/2023 về tuyên truyền CCHC năm 2023",
        },
        {"code": "survey.issued", "value": 217, "note": "phát 217 phiếu khảo sát"},
    ]
    pd.narratives = {"limitations": LIMITATIONS, **register.NARRATIVES_2023}
    pd.documents = register.DOCUMENTS_2023
    return pd


def _period_2022(period: Period, next_period: Period | None) -> b.PeriodData:
    rng = random.Random(f"{CODE}-2022")
    s, e = period.start, period.end
    pd = b.PeriodData()
    pd.dossiers = generate(
        rng=rng,
        start=s,
        end=e,
        profile=PROFILE_2022,
        closed_before=next_period.start if next_period else None,
    )
    pd.surveys = b.surveys(rng, s, e, {5: 121, 4: 56, 3: 3})
    pd.trainings = b.trainings(rng, s, e, CBCC_NAMES, 38)
    pd.actions = b.personnel_actions(
        rng, s, e, CIVIL_NAMES, grade_transfers=0, raises=4, rotations=0, unit_short="Bình Phước"
    )
    pd.plan_tasks = b.plan_tasks(rng, s, e, 25, 25)
    pd.directives = b.directives(rng, s, e, on_time=70, late=24, in_progress=2)
    pd.budget = b.budget(
        as_of=dt.date(2022, 9, 30),
        revenue=(5_912_000_000, 5_300_000_000),
        ordinance=(241_500_000, 190_000_000),
        expenditure=(4_380_000_000, 5_310_000_000),
    )
    pd.investments = [
        {
            "project": "Kênh mương nội đồng",
            "allocated": 850_000_000,
            "disbursed": 802_400_000,
            "as_of": dt.date(2022, 10, 31),
        }
    ]
    pd.asset_regulations = [
        {
            "decision_ref": "25/QĐ-UBND",
            "issued_on": dt.date(2022, 1, 24),
            "title": "Ban hành Quy chế quản lý, sử dụng tài sản công của UBND xã Bình Phước",
        }
    ]
    pd.entered = [
        {"code": "legal.docs_reviewed", "value": 2},
        {"code": "legal.education_events", "value": 2},
        {"code": "legal.education_attendance", "value": 100, "approximate": True},
        {"code": "tthc.procedures_reviewed", "value": 6},
        {"code": "tthc.simplifications_proposed", "value": 1},
        {"code": "egov.tech_teams", "value": 6},
    ]
    return pd
