"""The narrative of a higher level (a district before 1/7/2025, a province after the reform):
its vocabulary, its legal bases, its default texts and the scoped placeholders they quote.

A higher level's report keeps apart
- its **own** records — the plan, the tasks assigned to it, its one-stop dossiers, its staff:
  the records whose unit is the district (province) itself — quoted as `{{ own.<code> }}`;
- **the units in its area** — the communes under it, their figures summed — quoted as
  `{{ area.<code> }}`, with `{{ area.units }}` (how many) and `{{ area.with.<code> }}` (how many
  of them have a non-zero value, e.g. issued a plan: `{{ area.with.plan.tasks }}`).

A **breakdown** placeholder `{{ staff.edu.all }}` (also scoped: `{{ area.staff.edu.all }}`) prints
every category of the breakdown that has people, in registry order ("Đại học 19 người, Trung
cấp 01 người"), so the parts always sum to the total the text prints beside them: a category
is never silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..indicators import registry
from ..rendering.formatting import document_figure

if TYPE_CHECKING:
    from orgs.models import Period, Unit

SCOPES = ("own", "area")
SCOPED_RE = re.compile(r"^(own|area)\.([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)$")
WITH_RE = re.compile(r"^area\.with\.([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)$")
BREAKDOWN_RE = re.compile(r"^(?:(own|area)\.)?([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)\.all$")
AREA_UNITS = "area.units"
#: Breakdowns a text may print whole, and the word of their unit.
BREAKDOWNS: dict[str, str] = {
    "staff.edu": "người",
    "staff.pol": "người",
    "kct.edu": "người",
    "kct.pol": "người",
}


def breakdown_codes(prefix: str) -> list[str]:
    return [c for c in registry.codes() if c.startswith(prefix + ".") and c.count(".") == 2]


def is_level_placeholder(name: str) -> bool:
    """Scoped (`own.x`, `area.x`, `area.with.x`, `area.units`) or breakdown (`x.all`) names."""
    if name == AREA_UNITS:
        return True
    if (m := WITH_RE.match(name)) is not None:
        return m.group(1) in registry
    if (m := BREAKDOWN_RE.match(name)) is not None:
        return m.group(2) in BREAKDOWNS
    if (m := SCOPED_RE.match(name)) is not None:
        return m.group(2) in registry
    return False


def _count(value: Any) -> str:
    """A count as the register writes it ("02 nhiệm vụ")."""
    if isinstance(value, int) and 0 < value < 10:
        return f"{value:02d}"
    return document_figure(value, "count")


def breakdown_text(prefix: str, values: Mapping[str, Any], scope: str | None = None) -> str:
    """Every non-empty category of a breakdown: 'Đại học 19 người, Trung cấp 01 người'."""
    word = BREAKDOWNS[prefix]
    parts = []
    for code in breakdown_codes(prefix):
        value = values.get(f"{scope}.{code}" if scope else code)
        if not value:
            continue
        label = str(registry.get(code).label).rsplit(": ", 1)[-1]
        if label.startswith("Chưa "):  # "chưa qua đào tạo" inside a sentence
            label = label[0].lower() + label[1:]
        parts.append(f"{label} {_count(value)} {word}")
    return ", ".join(parts) if parts else "không có"


def format_level_placeholder(
    name: str,
    values: Mapping[str, Any],
    figure: Callable[[str, Mapping[str, Any], Mapping[str, str]], str | None],
) -> str | None:
    """The printed value of a level placeholder, or None if `name` is not one. `figure` prints
    an unscoped figure (`placeholders.format_placeholder`, passed in: no import circle)."""
    if not is_level_placeholder(name):
        return None
    if (m := BREAKDOWN_RE.match(name)) is not None:
        return breakdown_text(m.group(2), values, m.group(1))
    if name == AREA_UNITS or WITH_RE.match(name):
        return _count(values.get(name))
    m = SCOPED_RE.match(name)
    assert m is not None
    # Printed exactly as the unscoped figure would be (one number style for the document).
    code = m.group(2)
    return figure(code, {code: values.get(name)}, {})


# --- vocabulary ---------------------------------------------------------------------------------

CHILD_ORDER = ("xã", "phường", "thị trấn", "đặc khu", "huyện", "quận", "thị xã", "thành phố")


@dataclass(frozen=True)
class LevelWords:
    """How a higher level names itself and what is under it, as official reports write it."""

    kind: str  # "huyện", "tỉnh"
    name: str  # "huyện Bình Sơn"
    party: str  # "Huyện ủy", "Tỉnh ủy"
    council: str  # "HĐND huyện"
    agencies: str  # "các phòng, ban chuyên môn thuộc UBND huyện"
    children: str  # "các xã, thị trấn"
    superior: str  # who assigns its tasks: "UBND tỉnh, Chủ tịch UBND tỉnh"
    home_affairs: str  # its own home-affairs agency: "Phòng Nội vụ", "Sở Nội vụ"
    one_stop: str  # its own one-stop office
    province: bool


def children_phrase(kinds: list[str]) -> str:
    """'các xã, thị trấn' from the kinds of the child units present (official order)."""
    found = [k for k in CHILD_ORDER if k in {x.lower() for x in kinds}]
    return "các " + ", ".join(found or ["xã"])


def party_committee(unit: Unit) -> str:
    """Huyện ủy / Quận ủy / Thị ủy / Thành ủy / Tỉnh ủy (never 'Đảng ủy huyện')."""
    kind = unit.kind_word.lower()
    return {
        "huyện": "Huyện ủy",
        "quận": "Quận ủy",
        "thị xã": "Thị ủy",
        "thành phố": "Thành ủy",
        "tỉnh": "Tỉnh ủy",
    }.get(kind, f"Đảng ủy {kind}")


def level_words(unit: Unit, child_kinds: list[str]) -> LevelWords:
    from orgs.models import Level

    kind = unit.kind_word.lower()
    province = unit.level == Level.PROVINCE
    if province:
        agencies = f"các sở, ban, ngành {kind}"
        superior = "Chính phủ, Thủ tướng Chính phủ"
        home_affairs = "Sở Nội vụ"
        one_stop = "Trung tâm Phục vụ hành chính công tỉnh"
    else:
        agencies = f"các phòng, ban chuyên môn thuộc UBND {kind}"
        superior = "UBND tỉnh, Chủ tịch UBND tỉnh"
        home_affairs = "Phòng Nội vụ"
        one_stop = f"Bộ phận Một cửa {kind}"
    return LevelWords(
        kind=kind,
        name=f"{kind} {unit.short_name}",
        party=party_committee(unit),
        council=f"HĐND {kind}",
        agencies=agencies,
        children=children_phrase(child_kinds),
        superior=superior,
        home_affairs=home_affairs,
        one_stop=one_stop,
        province=province,
    )


def legal_bases(words: LevelWords) -> dict[str, str]:
    """The level's own legal bases (never the decree on commune cadres for a district).

    District (before 1/7/2025): positions and staffing of civil servants (NĐ 62/2020), the
    specialised offices of a district (NĐ 37/2014 as amended by NĐ 108/2020), the one-stop
    regime (NĐ 61/2018, NĐ 107/2021). Province after the reform: the Law on the Organisation of
    Local Government 2025, the specialised agencies of provinces and communes (NĐ 150/2025,
    unconfirmed date), the one-stop regime NĐ 118/2025 (reference/admin-units.md)."""
    if words.province:
        return {
            "organisation": (
                "Luật Tổ chức chính quyền địa phương năm 2025 và Nghị định số 150/2025/NĐ-CP "
                "ngày 12/6/2025 của Chính phủ quy định tổ chức các cơ quan chuyên môn thuộc Ủy "
                "ban nhân dân cấp tỉnh và Ủy ban nhân dân xã, phường, đặc khu"
            ),
            "one_stop": (
                "Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ về thực hiện thủ tục "
                "hành chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng "
                "Dịch vụ công quốc gia"
            ),
            "staffing": (
                "Nghị định số 62/2020/NĐ-CP ngày 01/6/2020 của Chính phủ về vị trí việc làm và "
                "biên chế công chức"
            ),
        }
    return {
        "organisation": (
            "Nghị định số 37/2014/NĐ-CP ngày 05/5/2014 của Chính phủ quy định tổ chức các cơ "
            "quan chuyên môn thuộc Ủy ban nhân dân huyện, quận, thị xã, thành phố thuộc tỉnh, "
            "được sửa đổi, bổ sung bởi Nghị định số 108/2020/NĐ-CP ngày 14/9/2020"
        ),
        "one_stop": (
            "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một "
            "cửa, một cửa liên thông trong giải quyết thủ tục hành chính và Nghị định số "
            "107/2021/NĐ-CP ngày 06/12/2021 sửa đổi, bổ sung một số điều của Nghị định số "
            "61/2018/NĐ-CP"
        ),
        "staffing": (
            "Nghị định số 62/2020/NĐ-CP ngày 01/6/2020 của Chính phủ về vị trí việc làm và "
            "biên chế công chức"
        ),
    }


def _words_map(words: LevelWords) -> dict[str, str]:
    bases = legal_bases(words)
    return {
        "kind": words.kind,
        "party": words.party,
        "council": words.council,
        "agencies": words.agencies,
        "children": words.children,
        "Children": words.children[:1].upper() + words.children[1:],
        "superior": words.superior,
        "home_affairs": words.home_affairs,
        "one_stop": words.one_stop,
        "basis_organisation": bases["organisation"],
        "basis_one_stop": bases["one_stop"],
        "basis_staffing": bases["staffing"],
    }


# Default texts of a higher level. %(…)s are the level's words (filled in once, when the
# default is shown); {{ … }} are placeholders, resolved at every rendering.
HIGHER_TEXTS: dict[str, str] = {
    "direction": (
        "- Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình "
        "tổng thể cải cách hành chính nhà nước giai đoạn 2021 – 2030 và chỉ đạo của cấp trên, "
        "UBND %(kind)s đã ban hành Kế hoạch CCHC năm {{ period.year }} của %(kind)s; trong đó đề ra "
        "{{ own.plan.tasks }} nhiệm vụ cụ thể, phân công cho %(agencies)s chủ trì thực hiện. "
        "Tính đến nay, đã hoàn thành {{ own.plan.tasks_done }}/{{ own.plan.tasks }} nhiệm vụ, "
        "đạt tỷ lệ {{ own.plan.tasks_done_rate }}.\n"
        "- Trên cơ sở Kế hoạch của %(kind)s, %(children)s trên địa bàn đã ban hành "
        "{{ area.with.plan.tasks }}/{{ area.units }} kế hoạch CCHC năm {{ period.year }} với tổng số "
        "{{ area.plan.tasks }} nhiệm vụ; đến nay đã hoàn thành {{ area.plan.tasks_done }} nhiệm "
        "vụ, đạt tỷ lệ {{ area.plan.tasks_done_rate }} (*kết quả của từng đơn vị tại Phụ lục "
        "II*).\n"
        "- Trong kỳ báo cáo, UBND %(kind)s được %(superior)s giao {{ own.directives.assigned }} "
        "nhiệm vụ; đã hoàn thành đúng hạn {{ own.directives.done_on_time }} nhiệm vụ, hoàn thành "
        "nhưng trễ hạn {{ own.directives.done_late }} nhiệm vụ; đang thực hiện, còn trong hạn "
        "{{ own.directives.in_time }} nhiệm vụ; chưa hoàn thành, đã quá hạn "
        "{{ own.directives.overdue }} nhiệm vụ.\n"
        "- %(Children)s trên địa bàn được cấp trên giao {{ area.directives.assigned }} nhiệm vụ; "
        "đã hoàn thành đúng hạn {{ area.directives.done_on_time }} nhiệm vụ, hoàn thành nhưng "
        "trễ hạn {{ area.directives.done_late }} nhiệm vụ; đang thực hiện, còn trong hạn "
        "{{ area.directives.in_time }} nhiệm vụ; chưa hoàn thành, đã quá hạn "
        "{{ area.directives.overdue }} nhiệm vụ."
    ),
    "institutions": (
        "- *Về theo dõi thi hành pháp luật:* UBND %(kind)s ban hành Kế hoạch theo dõi tình hình "
        "thi hành pháp luật {{ period.label }}, chỉ đạo %(agencies)s và %(children)s triển khai "
        "thực hiện đầy đủ, kịp thời các văn bản quy phạm pháp luật của các cấp, các ngành.\n"
        "- *Về kiểm tra, rà soát văn bản quy phạm pháp luật:* Trong kỳ, cấp %(kind)s đã kiểm "
        "tra, rà soát {{ own.legal.docs_reviewed }} văn bản; %(children)s trên địa bàn đã kiểm "
        "tra, rà soát {{ area.legal.docs_reviewed }} văn bản quy phạm pháp luật.\n"
        "- *Về tuyên truyền, phổ biến, giáo dục pháp luật:* Cấp %(kind)s tổ chức "
        "{{ own.legal.education_events }} đợt, hội nghị với {{ own.legal.education_attendance }} "
        "lượt người tham gia; %(children)s tổ chức {{ area.legal.education_events }} đợt, hội "
        "nghị với {{ area.legal.education_attendance }} lượt người tham gia."
    ),
    "procedures": (
        "- *Về kiểm soát, rà soát, đánh giá TTHC:* UBND %(kind)s đã ban hành Kế hoạch kiểm soát "
        "thủ tục hành chính và Kế hoạch rà soát, đánh giá thủ tục hành chính {{ period.label }}. "
        "Cấp %(kind)s đã rà soát, đánh giá {{ own.tthc.procedures_reviewed }} TTHC, đề xuất đơn "
        "giản hóa {{ own.tthc.simplifications_proposed }} TTHC; %(children)s đã rà soát, đánh "
        "giá {{ area.tthc.procedures_reviewed }} TTHC, đề xuất đơn giản hóa "
        "{{ area.tthc.simplifications_proposed }} TTHC.\n"
        "- *Về tiếp nhận và xử lý phản ánh, kiến nghị:* UBND %(kind)s đã tiếp nhận "
        "{{ own.feedback.received }} lượt, xử lý {{ own.feedback.resolved }} lượt; %(children)s "
        "đã tiếp nhận {{ area.feedback.received }} lượt, xử lý {{ area.feedback.resolved }} lượt "
        "phản ánh, kiến nghị.\n"
        "- *Thực hiện cơ chế một cửa, một cửa liên thông tại %(one_stop)s* (theo "
        "%(basis_one_stop)s): từ ngày {{ period.start }} đến ngày {{ period.end }}, đã tiếp nhận "
        "{{ own.tthc.total }} hồ sơ (*kỳ trước chuyển qua {{ own.tthc.carried_over }} hồ sơ*); "
        "đã giải quyết {{ own.tthc.resolved }} hồ sơ (*trước hạn, đúng hạn "
        "{{ own.tthc.resolved_on_time }} hồ sơ, đạt tỷ lệ {{ own.tthc.on_time_rate }}; trễ hạn "
        "{{ own.tthc.resolved_late }} hồ sơ*); đang giải quyết {{ own.tthc.pending }} hồ sơ "
        "(*trong đó quá hạn {{ own.tthc.pending_overdue }} hồ sơ*); rút, từ chối "
        "{{ own.tthc.withdrawn }} hồ sơ.\n"
        "- *Tại Bộ phận Một cửa của %(children)s trên địa bàn:* tổng số hồ sơ tiếp nhận là "
        "{{ area.tthc.total }} hồ sơ; đã giải quyết {{ area.tthc.resolved }} hồ sơ (*trước hạn, "
        "đúng hạn {{ area.tthc.resolved_on_time }} hồ sơ, đạt tỷ lệ "
        "{{ area.tthc.on_time_rate }}; trễ hạn {{ area.tthc.resolved_late }} hồ sơ*); đang giải "
        "quyết {{ area.tthc.pending }} hồ sơ (*trong đó quá hạn {{ area.tthc.pending_overdue }} "
        "hồ sơ*); rút, từ chối {{ area.tthc.withdrawn }} hồ sơ. Tỷ lệ hồ sơ nộp trực tuyến đạt "
        "{{ area.tthc.online_rate }} (*chi tiết từng đơn vị tại Phụ lục II*).\n"
        "- *Về đo lường sự hài lòng:* trên toàn %(kind)s đã thu về {{ survey.responses }} phiếu "
        "khảo sát; có {{ survey.satisfied }} phiếu hài lòng và rất hài lòng, đạt "
        "{{ survey.satisfaction_rate }}."
    ),
    "apparatus": (
        "- Thực hiện %(basis_organisation)s, tổ chức bộ máy của UBND %(kind)s gồm %(agencies)s "
        "được sắp xếp, kiện toàn theo quy định; chức năng, nhiệm vụ được phân định rõ ràng, không "
        "chồng chéo.\n"
        "- Về biên chế (theo %(basis_staffing)s): cấp %(kind)s được giao {{ own.staff.quota }} "
        "biên chế; đã bố trí {{ own.staff.filled }} người. Về trình độ chuyên môn: "
        "{{ own.staff.edu.all }}. Về trình độ lý luận chính trị: {{ own.staff.pol.all }}.\n"
        "- Cán bộ, công chức của %(children)s trên địa bàn: được giao {{ area.staff.quota }} "
        "biên chế, đã bố trí {{ area.staff.filled }} người (*cán bộ {{ area.staff.cadres }} "
        "người, công chức {{ area.staff.civil_servants }} người*). Về trình độ chuyên môn: "
        "{{ area.staff.edu.all }}. Về trình độ lý luận chính trị: {{ area.staff.pol.all }}.\n"
        "- Người hoạt động không chuyên trách ở %(children)s: {{ area.kct.total }} người (*trong "
        "đó {{ area.kct.concurrent }} trường hợp kiêm nhiệm*). Trình độ chuyên môn: "
        "{{ area.kct.edu.all }}. Trình độ chính trị: {{ area.kct.pol.all }}."
    ),
    "civil_service": (
        "- *Về đào tạo, bồi dưỡng:* Trong kỳ, cấp %(kind)s đã cử {{ own.training.attendances }} "
        "lượt, %(children)s đã cử {{ area.training.attendances }} lượt cán bộ, công chức tham gia "
        "các lớp đào tạo, bồi dưỡng.\n"
        "- *Về chế độ, chính sách:* Trên toàn %(kind)s đã chuyển ngạch cho "
        "{{ personnel.grade_transfers }} công chức, nâng bậc lương thường xuyên cho "
        "{{ personnel.raises }} cán bộ, công chức và chuyển đổi vị trí công tác "
        "{{ personnel.rotations }} công chức.\n"
        "- *Về kỷ luật, kỷ cương hành chính:* UBND %(kind)s chỉ đạo %(agencies)s và %(children)s "
        "tăng cường kỷ luật, kỷ cương hành chính. Trong kỳ, số cán bộ, công chức bị xử lý kỷ "
        "luật ở cấp %(kind)s là {{ own.discipline.cases }} trường hợp, ở %(children)s là "
        "{{ area.discipline.cases }} trường hợp."
    ),
    "finance": (
        "- *Về thu, chi ngân sách cấp %(kind)s:* tổng thu ngân sách ước đạt "
        "{{ own.budget.revenue_actual }}, bằng {{ own.budget.revenue_rate }} kế hoạch; tổng "
        "chi ước đạt {{ own.budget.expenditure_actual }}, bằng "
        "{{ own.budget.expenditure_rate }} kế hoạch.\n"
        "- *Ngân sách của %(children)s:* tổng thu ước đạt {{ area.budget.revenue_actual }}, "
        "bằng {{ area.budget.revenue_rate }} kế hoạch; tổng chi ước đạt "
        "{{ area.budget.expenditure_actual }}, bằng {{ area.budget.expenditure_rate }} kế "
        "hoạch.\n"
        "- *Về giải ngân vốn đầu tư công:* cấp %(kind)s đã giải ngân {{ own.invest.disbursed }} "
        "trên kế hoạch {{ own.invest.allocated }}, đạt {{ own.invest.disbursement_rate }}; "
        "%(children)s "
        "đã giải ngân {{ area.invest.disbursed }} trên kế hoạch {{ area.invest.allocated }}, đạt "
        "{{ area.invest.disbursement_rate }} kế hoạch."
    ),
    "egov": (
        "- *Về dịch vụ công trực tuyến:* tại %(one_stop)s, số hồ sơ nộp trực tuyến là "
        "{{ own.egov.online_eligible_online }}/{{ own.egov.online_eligible }} hồ sơ của TTHC có "
        "cung cấp dịch vụ công trực tuyến, đạt {{ own.egov.online_service_rate }}; tại "
        "%(children)s là {{ area.egov.online_eligible_online }}/{{ area.egov.online_eligible }} "
        "hồ sơ, đạt {{ area.egov.online_service_rate }}.\n"
        "- *Về số hóa hồ sơ:* %(children)s đã số hóa kết quả giải quyết "
        "{{ area.egov.digitized_results }} hồ sơ, đạt {{ area.egov.digitized_results_rate }} số "
        "hồ sơ đã giải quyết; cấp %(kind)s đạt {{ own.egov.digitized_results_rate }}.\n"
        "- *Về thanh toán trực tuyến:* trên toàn %(kind)s đã thanh toán trực tuyến phí, lệ phí "
        "{{ egov.online_payments }} lượt với số tiền {{ egov.online_payment_amount }}."
    ),
    "strengths": (
        "Công tác cải cách hành chính được %(party)s, %(council)s, UBND %(kind)s quan tâm lãnh "
        "đạo, chỉ đạo; %(agencies)s và %(children)s triển khai thực hiện đạt kết quả theo Kế "
        "hoạch đề ra. Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn trên toàn %(kind)s đạt "
        "{{ tthc.on_time_rate }}; tỷ lệ hồ sơ nộp trực tuyến đạt {{ tthc.online_rate }}."
    ),
    "limitations": (
        "- Kết quả giữa %(children)s chưa đồng đều (*xem bảng xếp hạng các chỉ tiêu chủ yếu*); "
        "trên toàn %(kind)s còn {{ tthc.resolved_late }} hồ sơ giải quyết trễ hạn và "
        "{{ tthc.pending_overdue }} hồ sơ đang giải quyết đã quá hạn.\n"
        "- Tỷ lệ số hóa kết quả giải quyết TTHC ({{ egov.digitized_results_rate }}) chưa đạt "
        "kế hoạch đề ra."
    ),
    "causes": (
        "- Một số cơ quan, đơn vị chưa quan tâm đúng mức đến công tác CCHC, chuyển đổi số.\n"
        "- Hạ tầng công nghệ thông tin ở một số xã còn hạn chế; việc tiếp cận dịch vụ công trực "
        "tuyến của người dân chưa cao."
    ),
    "tasks_ahead": (
        "- Tiếp tục triển khai Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ; ban hành Kế "
        "hoạch CCHC năm {{ period.next_year }} của %(kind)s, chỉ đạo %(children)s ban hành và "
        "thực hiện kế hoạch của đơn vị mình.\n"
        "- Theo dõi, đôn đốc %(children)s có chỉ tiêu thấp trong bảng xếp hạng; tăng cường kiểm "
        "tra công tác CCHC, kỷ luật, kỷ cương hành chính.\n"
        "- Đẩy mạnh dịch vụ công trực tuyến, số hóa hồ sơ, kết quả giải quyết TTHC."
    ),
}


def higher_default_texts(words: LevelWords) -> dict[str, str]:
    """The default text of each section for this higher level."""
    mapping = _words_map(words)
    return {key: text % mapping for key, text in HIGHER_TEXTS.items()}


def child_units(unit: Unit, period: Period) -> list[Unit]:
    """The units directly under `unit` valid during the period, by name."""
    from orgs.models import Unit as UnitModel

    return list(
        UnitModel.objects.filter(parent=unit)
        .valid_during(period.start, period.end)
        .order_by("name")
    )


def higher_words(unit: Unit, period: Period) -> LevelWords | None:
    """The vocabulary of a higher level (a unit that is not a commune and has units under it
    in the period), or None for a commune: a commune's report keeps the commune template."""
    from orgs.models import Level

    if unit.level == Level.COMMUNE:
        return None
    children = child_units(unit, period)
    if not children:
        return None
    return level_words(unit, [c.kind_word for c in children])


def default_texts_for(unit: Unit, period: Period) -> dict[str, str] | None:
    """The default texts of the unit's level, or None to keep the commune defaults."""
    words = higher_words(unit, period)
    return higher_default_texts(words) if words is not None else None
