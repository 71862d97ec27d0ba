"""The narrative of the report: default texts per section, placeholders, hand-typed figures.

A section's text is plain text, one paragraph per line, with `*italic*` and `**bold**` as in
the seed, and placeholders `{{ tthc.total }}` that print the live indicator value in
Vietnamese style. A few document placeholders (`{{ period.label }}`, `{{ unit.kind }}` …) name
the period and the unit. An unknown placeholder is an error on save and a visible marker when
rendered (never a crash).

    parse_placeholders(text)            -> ["tthc.total", ...]
    unknown_placeholders(text)          -> names neither in the registry nor document placeholders
    section_texts(unit=, period=)       -> {key: text}  (stored text, or the default)
    render_runs(text, values=, unit=, period=) -> [[Run, ...], ...]  one list per paragraph
    check_figures(unit=, period=, values=) -> [Finding, ...]  hand-typed numbers that contradict
    narrative_save(...)                 -> NarrativeSection  (version check, locked data, errors)
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .indicators import registry
from .models import NarrativeSection
from .rendering.formatting import fmt_date, fmt_value
from .sections import SECTION_KEYS, SECTIONS

PLACEHOLDER_RE = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
CODE_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
EMPHASIS_RE = re.compile(r"(\*\*[^*\n]+?\*\*|\*[^*\n]+?\*)")

# Document placeholders (not indicators): the period and the unit the report is about.
DOCUMENT_PLACEHOLDERS: dict[str, object] = {
    "period.label": gettext_lazy("kỳ báo cáo, ví dụ «năm 2023»"),
    "period.start": gettext_lazy("ngày đầu kỳ, dd/mm/yyyy"),
    "period.end": gettext_lazy("ngày cuối kỳ, dd/mm/yyyy"),
    "period.year": gettext_lazy("năm của kỳ báo cáo"),
    "period.next_year": gettext_lazy("năm sau"),
    "unit.name": gettext_lazy("tên đơn vị, ví dụ «Xã Bình Phước»"),
    "unit.kind": gettext_lazy("loại đơn vị viết thường, ví dụ «xã»"),
}


def normalize(text: str) -> str:
    """NFC, Unix line ends, no trailing spaces: what is stored and what is printed."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def marker(name: str) -> str:
    """How a placeholder is written: '{{ tthc.total }}'."""
    return "{{ " + name + " }}"


def parse_placeholders(text: str) -> list[str]:
    return [m.group(1) for m in PLACEHOLDER_RE.finditer(text or "")]


def is_known(name: str) -> bool:
    return name in DOCUMENT_PLACEHOLDERS or (bool(CODE_RE.match(name)) and name in registry)


def unknown_placeholders(text: str) -> list[str]:
    seen: list[str] = []
    for name in parse_placeholders(text):
        if not is_known(name) and name not in seen:
            seen.append(name)
    return seen


def document_values(*, unit, period) -> dict[str, str]:
    """Printed values of the document placeholders (Vietnamese whatever the interface
    language: the editor's preview shows what the document prints)."""
    with translation.override("vi"):
        label = str(period.label)
    return {
        "period.label": label,
        "period.start": fmt_date(period.start),
        "period.end": fmt_date(period.end),
        "period.year": str(period.year),
        "period.next_year": str(period.year + 1),
        "unit.name": unit.name,
        "unit.kind": unit.kind_word.lower(),
    }


def format_placeholder(name: str, values: dict, doc_values: dict) -> str | None:
    """The printed value of a placeholder, or None when the name is unknown."""
    if name in doc_values:
        return doc_values[name]
    if CODE_RE.match(name) and name in registry:
        kind = registry.get(name).kind
        value = values.get(name)
        # The register of official reports writes small counts with two digits ("02 nhiệm vụ").
        if kind == "count" and isinstance(value, int) and 0 < value < 10:
            return f"{value:02d}"
        return fmt_value(value, kind)
    return None


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph: plain text, a resolved value, or an unknown-placeholder marker."""

    text: str
    bold: bool = False
    italic: bool = False
    kind: str = "text"  # "text" | "value" | "unknown"


def render_runs(text: str, *, values: dict, doc_values: dict) -> list[list[Run]]:
    """Paragraphs (one per non-empty line) as runs, placeholders resolved."""
    paragraphs: list[list[Run]] = []
    for line in normalize(text).split("\n"):
        if not line.strip():
            continue
        runs: list[Run] = []
        for segment in EMPHASIS_RE.split(line):
            if not segment:
                continue
            bold = italic = False
            if segment.startswith("**") and segment.endswith("**") and len(segment) > 4:
                segment, bold = segment[2:-2], True
            elif segment.startswith("*") and segment.endswith("*") and len(segment) > 2:
                segment, italic = segment[1:-1], True
            pos = 0
            for m in PLACEHOLDER_RE.finditer(segment):
                if m.start() > pos:
                    runs.append(Run(segment[pos : m.start()], bold, italic))
                printed = format_placeholder(m.group(1), values, doc_values)
                if printed is None:
                    runs.append(Run(marker(m.group(1)), bold, italic, "unknown"))
                else:
                    runs.append(Run(printed, bold, italic, "value"))
                pos = m.end()
            if pos < len(segment):
                runs.append(Run(segment[pos:], bold, italic))
        paragraphs.append(runs)
    return paragraphs


def resolve_text(text: str, *, values: dict, doc_values: dict) -> str:
    """The text with placeholders printed (plain, for previews of a single line or tests)."""

    def sub(m: re.Match) -> str:
        printed = format_placeholder(m.group(1), values, doc_values)
        return printed if printed is not None else marker(m.group(1))

    return PLACEHOLDER_RE.sub(sub, text)


# --- stored texts -----------------------------------------------------------------------------


def stored_sections(*, unit, period) -> dict[str, NarrativeSection]:
    return {
        s.key: s
        for s in NarrativeSection.objects.filter(unit=unit, period=period, key__in=SECTION_KEYS)
    }


def section_texts(*, unit, period) -> dict[str, str]:
    """The text of every section: the stored one, or the default when no row exists."""
    stored = stored_sections(unit=unit, period=period)
    return {
        key: (stored[key].text if key in stored else DEFAULT_TEXTS.get(key, ""))
        for key in SECTION_KEYS
    }


@transaction.atomic
def narrative_save(*, unit, period, key: str, text: str, version: int, by) -> NarrativeSection:
    """Store a section's text. `version` is the one the editor loaded (0 for the default
    text): a different stored version means someone else saved in between, and nothing is
    written. Unknown placeholders are refused with their names."""
    from .locks import ensure_unlocked
    from .recompute import records_changed

    if key not in SECTION_KEYS:
        raise ValidationError(_("Mục báo cáo không tồn tại."))
    ensure_unlocked(unit=unit, period=period)
    text = normalize(text)
    unknown = unknown_placeholders(text)
    if unknown:
        raise ValidationError(
            _("Chỉ tiêu không tồn tại: %(names)s. Hãy chọn trong danh sách chỉ tiêu.")
            % {"names": ", ".join(marker(n) for n in unknown)}
        )
    row = (
        NarrativeSection.objects.select_for_update()
        .filter(unit=unit, period=period, key=key)
        .first()
    )
    current = row.version if row else 0
    if int(version) != current:
        raise ValidationError(
            _(
                "Nội dung mục này vừa được người khác lưu. Hãy tải lại trang, xem bản mới "
                "rồi sửa lại; nội dung của bạn chưa được lưu."
            )
        )
    if row is None:
        row = NarrativeSection(unit=unit, period=period, key=key, version=0)
    row.text = text
    row.version = current + 1
    row.updated_by = by
    row._history_user = by
    row.save()
    records_changed(unit=unit, period=period)
    return row


@transaction.atomic
def narrative_reset(*, unit, period, key: str, version: int, by) -> None:
    """Go back to the default text of a section (delete the stored row)."""
    from .locks import ensure_unlocked

    ensure_unlocked(unit=unit, period=period)
    row = (
        NarrativeSection.objects.select_for_update()
        .filter(unit=unit, period=period, key=key)
        .first()
    )
    if row is None:
        return
    if int(version) != row.version:
        raise ValidationError(_("Nội dung mục này vừa được người khác lưu. Hãy tải lại trang."))
    row._history_user = by
    row.delete()


# --- figures typed by hand --------------------------------------------------------------------

NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d+)"
RATE = r"(\d+(?:,\d+)?)\s*%"

# (pattern, indicator code): a number typed next to the words that name the indicator.
# Kept small and precise: a pattern must not match a sentence about something else.
FIGURE_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(p, re.IGNORECASE), code)
    for p, code in (
        (
            NUMBER + r"\s+hồ sơ(?: được giải quyết| giải quyết)? (?:bị )?trễ hạn",
            "tthc.resolved_late",
        ),
        (r"trễ hạn\s*:?\s*" + NUMBER + r"\s+hồ sơ", "tthc.resolved_late"),
        (r"tổng số hồ sơ[^.;:()\n]*?\blà\s*:?\s*" + NUMBER + r"\s+hồ sơ", "tthc.total"),
        (r"tiếp nhận trực tuyến\s*:?\s*" + NUMBER + r"\s+hồ sơ", "tthc.received_online"),
        (r"tiếp nhận trực tiếp\s*:?\s*" + NUMBER + r"\s+hồ sơ", "tthc.received_direct"),
        (r"kỳ trước chuyển qua\s*:?\s*" + NUMBER + r"\s+hồ sơ", "tthc.carried_over"),
        (r"hồ sơ đã giải quyết\s*:?\s*(?:là\s*)?" + NUMBER + r"\s+hồ sơ", "tthc.resolved"),
        (
            r"giải quyết (?:trước hạn, đúng hạn|trước hạn và đúng hạn|trước hạn|đúng hạn)\s*:?\s*"
            + NUMBER
            + r"\s+hồ sơ",
            "tthc.resolved_on_time",
        ),
        (r"\brút\s*:?\s*" + NUMBER + r"\s+hồ sơ", "tthc.withdrawn"),
        (r"tỷ lệ hồ sơ nộp trực tuyến đạt\s*:?\s*" + RATE, "tthc.online_rate"),
        (
            r"giải quyết (?:trước hạn|đúng hạn)[^.;()\n]*?đạt tỷ lệ\s*:?\s*" + RATE,
            "tthc.on_time_rate",
        ),
        (r"\bcó\s+" + NUMBER + r"\s+nhiệm vụ được[^.;\n]*?giao", "directives.assigned"),
        (NUMBER + r"\s+phiếu khảo sát", "survey.responses"),
        (r"tiếp nhận(?: và xử lý)?\s+" + NUMBER + r"\s+lượt phản ánh", "feedback.received"),
        (r"thanh toán trực tuyến[^.;\n]*?được\s+" + NUMBER + r"\s+lượt", "egov.online_payments"),
        (r"bố trí (?:đủ )?" + NUMBER + r"/\d+", "staff.filled"),
        (r"\bcán bộ\s*:?\s*" + NUMBER + r"\s+người", "staff.cadres"),
        (r"\bcông chức\s*:?\s*" + NUMBER + r"\s+người", "staff.civil_servants"),
        (
            r"người hoạt động (?:KCT|không chuyên trách)[^.;()\n]*?(?:gồm có|là)\s+"
            + NUMBER
            + r"\s+người",
            "kct.total",
        ),
    )
]


@dataclass(frozen=True)
class Finding:
    """A number typed by hand that contradicts the indicator its words name."""

    section: str
    code: str
    typed: str
    expected: str
    excerpt: str
    message: str

    def as_dict(self) -> dict:
        return asdict(self)


def _parse_typed(raw: str, kind: str) -> Decimal | None:
    try:
        if kind == "percent":
            return Decimal(raw.replace(".", "").replace(",", "."))
        return Decimal(int(raw.replace(".", "")))
    except (InvalidOperation, ValueError):
        return None


def check_text(text: str, *, values: dict, section: str = "") -> list[Finding]:
    """Findings for one text: each pattern match whose number differs from the indicator."""
    findings: list[Finding] = []
    text = normalize(text)
    titles = section_numbers()
    for pattern, code in FIGURE_PATTERNS:
        if code not in registry or values.get(code) is None:
            continue
        kind = registry.get(code).kind
        actual = Decimal(values[code])
        for m in pattern.finditer(text):
            typed = _parse_typed(m.group(1), kind)
            if typed is None or typed == actual:
                continue
            expected = fmt_value(values[code], kind)
            findings.append(
                Finding(
                    section=section,
                    code=code,
                    typed=m.group(1),
                    expected=expected,
                    excerpt=m.group(0),
                    message=_(
                        "Mục %(section)s: «%(excerpt)s» khác chỉ tiêu «%(label)s» = %(expected)s."
                    )
                    % {
                        "section": titles.get(section, section),
                        "excerpt": m.group(0),
                        "label": registry.get(code).label,
                        "expected": expected,
                    },
                )
            )
    return findings


def check_figures(*, unit, period, values: dict) -> list[Finding]:
    """Hand-typed figures in the unit's narrative for the period that contradict indicators."""
    findings: list[Finding] = []
    for key, text in section_texts(unit=unit, period=period).items():
        findings.extend(check_text(text, values=values, section=key))
    return findings


def section_numbers() -> dict[str, str]:
    """Generated numbers of the sections: {'procedures': 'II.2', 'direction': 'I', ...}."""
    out: dict[str, str] = {}
    counts: dict[str, int] = {}
    sizes: dict[str, int] = {}
    for _key, part, _title in SECTIONS:
        sizes[part] = sizes.get(part, 0) + 1
    for key, part, _title in SECTIONS:
        counts[part] = counts.get(part, 0) + 1
        out[key] = f"{part}.{counts[part]}" if sizes[part] > 1 else part
    return out


# --- default texts (the register of the seed report) ------------------------------------------

DEFAULT_TEXTS: dict[str, str] = {
    "direction": (
        "- Thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình "
        "tổng thể cải cách hành chính nhà nước giai đoạn 2021 – 2030 và Kế hoạch cải cách hành "
        "chính {{ period.label }} của cấp trên, UBND {{ unit.kind }} đã ban hành Kế hoạch CCHC "
        "{{ period.label }}; trong đó đã đề ra {{ plan.tasks }} nhiệm vụ cụ thể; trên cơ sở chức "
        "năng, nhiệm vụ, UBND {{ unit.kind }} đã phân công trách nhiệm cụ thể cho từng công chức "
        "phụ trách từng nhiệm vụ. Tính đến nay, UBND {{ unit.kind }} đã triển khai thực hiện và "
        "hoàn thành {{ plan.tasks_done }}/{{ plan.tasks }} nhiệm vụ theo Kế hoạch CCHC đã đề ra, "
        "đạt tỷ lệ {{ plan.tasks_done_rate }}.\n"
        "- Công tác tuyên truyền cải cách hành chính được triển khai thực hiện bằng nhiều hình "
        "thức khác nhau như: lồng ghép vào các cuộc họp, hội nghị cơ quan, ở thôn; đăng tải trên "
        "Trang thông tin điện tử; niêm yết tại Bộ phận tiếp nhận và trả kết quả, nhằm góp phần "
        "nâng cao hiệu lực, hiệu quả quản lý nhà nước, tạo điều kiện cho Mặt trận, các tổ chức "
        "đoàn thể và Nhân dân tham gia giám sát hoạt động của đội ngũ cán bộ, công chức trong "
        "thực thi công vụ.\n"
        "- Công tác chỉ đạo triển khai thực hiện nhiệm vụ cấp trên giao luôn được chú trọng. "
        "Trong kỳ báo cáo, có {{ directives.assigned }} nhiệm vụ được cấp trên giao; đã hoàn "
        "thành đúng hạn {{ directives.done_on_time }} nhiệm vụ, hoàn thành nhưng trễ hạn "
        "{{ directives.done_late }} nhiệm vụ (*tỷ lệ hoàn thành đúng hạn đạt "
        "{{ directives.on_time_rate }}*); đang trong hạn giải quyết {{ directives.in_progress }} "
        "nhiệm vụ."
    ),
    "institutions": (
        "- *Về theo dõi thi hành pháp luật:* UBND {{ unit.kind }} ban hành Kế hoạch theo dõi tình "
        "hình thi hành pháp luật trên địa bàn {{ period.label }} và triển khai thực hiện đầy đủ, "
        "kịp thời, bảo đảm hiệu quả, đúng quy định các văn bản quy phạm pháp luật của các cấp, "
        "các ngành.\n"
        "- *Về kiểm tra, rà soát văn bản quy phạm pháp luật:* Công tác xây dựng và ban hành văn "
        "bản quy phạm pháp luật thường xuyên được quan tâm; văn bản được ban hành bảo đảm đúng "
        "trình tự, thủ tục theo quy định pháp luật và phù hợp với thực tiễn. Trong kỳ báo cáo, đã "
        "kiểm tra, rà soát {{ legal.docs_reviewed }} văn bản quy phạm pháp luật.\n"
        "- *Về tuyên truyền, phổ biến, giáo dục pháp luật:* Tổ chức {{ legal.education_events }} "
        "đợt, hội nghị tuyên truyền, phổ biến pháp luật với {{ legal.education_attendance }} lượt "
        "người tham gia; đồng thời lồng ghép tuyên truyền trong các cuộc họp, hội nghị, các buổi "
        "tiếp công dân, nhằm quán triệt các nhiệm vụ và giải pháp liên quan đến thực thi pháp luật."
    ),
    "procedures": (
        "- *Về kiểm soát, rà soát, đánh giá TTHC:* Thực hiện các văn bản chỉ đạo của cấp trên, "
        "UBND {{ unit.kind }} đã ban hành Kế hoạch kiểm soát thủ tục hành chính và Kế hoạch rà "
        "soát, đánh giá thủ tục hành chính {{ period.label }}. Triển khai rà soát, đánh giá "
        "{{ tthc.procedures_reviewed }} TTHC thuộc thẩm quyền giải quyết; qua rà soát đã đề xuất "
        "sửa đổi, đơn giản hóa {{ tthc.simplifications_proposed }} TTHC.\n"
        "- *Về công khai TTHC:* Các TTHC sau khi được Chủ tịch UBND tỉnh công bố được niêm yết "
        "công khai, đầy đủ quy trình, thủ tục, phí, lệ phí, thời gian giải quyết tại Bộ phận tiếp "
        "nhận và trả kết quả và đăng tải trên Trang thông tin điện tử, tạo điều kiện thuận lợi cho "
        "cá nhân, tổ chức tìm hiểu khi có nhu cầu giải quyết thủ tục hành chính.\n"
        "- *Về tiếp nhận và xử lý phản ánh, kiến nghị của cá nhân, tổ chức:* Trong kỳ báo cáo, "
        "UBND {{ unit.kind }} đã tiếp nhận {{ feedback.received }} lượt phản ánh, kiến nghị; đã "
        "xử lý {{ feedback.resolved }} lượt và trả lời cụ thể cho công dân theo quy định.\n"
        "- *Thực hiện cơ chế một cửa, một cửa liên thông:* Từ ngày {{ period.start }} đến ngày "
        "{{ period.end }}, tổng số hồ sơ được tiếp nhận và giải quyết tại Bộ phận Một cửa là "
        "{{ tthc.total }} hồ sơ (*trong đó: tiếp nhận trực tuyến {{ tthc.received_online }} hồ "
        "sơ; tiếp nhận trực tiếp {{ tthc.received_direct }} hồ sơ; qua dịch vụ bưu chính công ích "
        "{{ tthc.received_postal }} hồ sơ; kỳ trước chuyển qua {{ tthc.carried_over }} hồ sơ*). "
        "Số hồ sơ đã giải quyết: {{ tthc.resolved }} hồ sơ (*trong đó: giải quyết trước hạn, đúng "
        "hạn {{ tthc.resolved_on_time }} hồ sơ, đạt tỷ lệ {{ tthc.on_time_rate }}; trễ hạn "
        "{{ tthc.resolved_late }} hồ sơ*); đang giải quyết {{ tthc.pending }} hồ sơ (*trong đó "
        "quá hạn {{ tthc.pending_overdue }} hồ sơ*); rút, từ chối {{ tthc.withdrawn }} hồ sơ. "
        "Tỷ lệ hồ sơ nộp trực tuyến đạt {{ tthc.online_rate }} so với tổng số hồ sơ tiếp nhận mới "
        "trong kỳ ({{ tthc.received_new }} hồ sơ).\n"
        "- *Về đo lường sự hài lòng của người dân, tổ chức:* Việc lấy ý kiến được thực hiện tại "
        "Bộ phận Một cửa thông qua phiếu khảo sát. Trong kỳ báo cáo, đã thu về "
        "{{ survey.responses }} phiếu; có {{ survey.satisfied }} phiếu đánh giá hài lòng và rất "
        "hài lòng, đạt {{ survey.satisfaction_rate }}."
    ),
    "apparatus": (
        "- Căn cứ Nghị định số 33/2023/NĐ-CP ngày 10/6/2023 của Chính phủ quy định về cán bộ, công "
        "chức cấp xã và người hoạt động không chuyên trách ở cấp xã, ở thôn, tổ dân phố, UBND "
        "{{ unit.kind }} được giao {{ staff.quota }} cán bộ, công chức. Đến nay, đã bố trí "
        "{{ staff.filled }}/{{ staff.quota }} biên chế theo quy định (*trong đó: cán bộ "
        "{{ staff.cadres }} người, công chức {{ staff.civil_servants }} người*). Về trình độ "
        "chuyên môn: Đại học {{ staff.edu.university }} người, Cao đẳng {{ staff.edu.college }} "
        "người, Trung cấp {{ staff.edu.intermediate }} người. Về trình độ lý luận chính trị: Cao "
        "cấp {{ staff.pol.advanced }} người, Trung cấp {{ staff.pol.intermediate }} người, Sơ cấp "
        "{{ staff.pol.elementary }} người.\n"
        "- Tổng số người hoạt động không chuyên trách là {{ kct.total }} người (*trong đó có "
        "{{ kct.concurrent }} trường hợp kiêm nhiệm*). Trình độ chuyên môn: Đại học "
        "{{ kct.edu.university }} người, Cao đẳng {{ kct.edu.college }} người, Trung cấp "
        "{{ kct.edu.intermediate }} người. Về trình độ chính trị: Trung cấp "
        "{{ kct.pol.intermediate }} người, Sơ cấp {{ kct.pol.elementary }} người, chưa qua đào "
        "tạo {{ kct.pol.none }} người.\n"
        "- Tổ chức bộ máy của UBND {{ unit.kind }} được sắp xếp, kiện toàn theo quy định; chức "
        "năng, nhiệm vụ của từng chức danh công chức được phân công rõ ràng, không chồng chéo."
    ),
    "civil_service": (
        "- *Về công tác đào tạo, bồi dưỡng:* Căn cứ tình hình thực tế và nhu cầu công việc, UBND "
        "{{ unit.kind }} xây dựng Kế hoạch đào tạo, bồi dưỡng chuyên môn, nghiệp vụ, trình độ "
        "chính trị cho cán bộ, công chức, người hoạt động không chuyên trách. Trong kỳ, đã cử "
        "{{ training.attendances }} lượt cán bộ, công chức tham gia các lớp bồi dưỡng do các cấp "
        "tổ chức.\n"
        "- *Về chế độ, chính sách:* Chế độ, chính sách đối với cán bộ, công chức được thực hiện "
        "kịp thời, đúng quy định. Trong kỳ đã lập thủ tục chuyển ngạch cho "
        "{{ personnel.grade_transfers }} công chức, nâng bậc lương thường xuyên cho "
        "{{ personnel.raises }} cán bộ, công chức và chuyển đổi vị trí công tác "
        "{{ personnel.rotations }} công chức.\n"
        "- *Về chấn chỉnh kỷ luật, kỷ cương hành chính:* UBND {{ unit.kind }} thường xuyên đôn "
        "đốc, nhắc nhở việc chấp hành kỷ luật, kỷ cương hành chính, nâng cao đạo đức công vụ của "
        "đội ngũ cán bộ, công chức. Trong kỳ báo cáo, số cán bộ, công chức bị xử lý kỷ luật là "
        "{{ discipline.cases }} trường hợp."
    ),
    "finance": (
        "- *Về quản lý, sử dụng tài sản công:* UBND {{ unit.kind }} ban hành Quy chế quản lý, sử "
        "dụng tài sản công; việc quản lý, sử dụng và công khai tài sản công được thực hiện đúng "
        "quy định.\n"
        "- *Về thu, chi ngân sách:* Tổng thu ngân sách nhà nước trên địa bàn ước đạt "
        "{{ budget.revenue_actual }} đồng, bằng {{ budget.revenue_rate }} kế hoạch giao; trong đó "
        "thu theo chỉ tiêu Pháp lệnh ước đạt {{ budget.ordinance_revenue_actual }} đồng, bằng "
        "{{ budget.ordinance_revenue_rate }} kế hoạch. Tổng chi ngân sách ước đạt "
        "{{ budget.expenditure_actual }} đồng, bằng {{ budget.expenditure_rate }} kế hoạch năm. "
        "Công tác điều hành thu, chi ngân sách bảo đảm chi kịp thời, đúng định mức, tiêu chuẩn, "
        "chế độ quy định.\n"
        "- *Về giải ngân vốn đầu tư công:* Đến nay đã giải ngân được {{ invest.disbursed }}/"
        "{{ invest.allocated }} đồng, bằng {{ invest.disbursement_rate }} kế hoạch."
    ),
    "egov": (
        "- *Về ban hành văn bản chỉ đạo, kế hoạch chuyển đổi số:* UBND {{ unit.kind }} đã ban hành "
        "Kế hoạch xây dựng và phát triển Chính quyền điện tử hướng đến Chính quyền số "
        "{{ period.label }}; kiện toàn Ban Chỉ đạo chuyển đổi số và {{ egov.tech_teams }} Tổ công "
        "nghệ số cộng đồng, tuyên truyền, hướng dẫn người dân kích hoạt định danh điện tử, nộp hồ "
        "sơ và thanh toán trực tuyến.\n"
        "- *Về ứng dụng phần mềm quản lý văn bản và chữ ký số:* Văn bản đi, đến được xử lý, luân "
        "chuyển dưới dạng điện tử và ký số theo quy định; tỷ lệ cán bộ, công chức được cấp chứng "
        "thư số đạt {{ egov.signature_coverage_rate }}.\n"
        "- *Kết quả cung cấp dịch vụ công trực tuyến:* Số TTHC được cung cấp dịch vụ công trực "
        "tuyến một phần là {{ egov.procedures_online_partial }} thủ tục, toàn trình là "
        "{{ egov.procedures_online_full }} thủ tục. Số hồ sơ nộp trực tuyến là "
        "{{ egov.online_eligible_online }}/{{ egov.online_eligible }} hồ sơ tiếp nhận của TTHC được "
        "cung cấp dịch vụ công trực tuyến, đạt {{ egov.online_service_rate }} (*trong đó: mức độ "
        "một phần đạt {{ egov.online_service_rate.partial }}; mức độ toàn trình đạt "
        "{{ egov.online_service_rate.full }}*).\n"
        "- *Kết quả số hóa hồ sơ:* Số hồ sơ có số hóa đầy đủ thành phần là "
        "{{ egov.digitized_components }} hồ sơ, đạt {{ egov.digitized_components_rate }} số hồ sơ "
        "tiếp nhận mới; số hồ sơ đã số hóa kết quả giải quyết là {{ egov.digitized_results }} hồ "
        "sơ, đạt {{ egov.digitized_results_rate }} số hồ sơ đã giải quyết.\n"
        "- *Kết quả thanh toán trực tuyến:* Trong kỳ, đã thực hiện thanh toán trực tuyến phí, lệ "
        "phí qua Cổng Dịch vụ công quốc gia {{ egov.online_payments }} lượt với số tiền "
        "{{ egov.online_payment_amount }} đồng."
    ),
    "strengths": (
        "Công tác cải cách hành chính được Đảng ủy, UBND {{ unit.kind }} quan tâm lãnh đạo, chỉ "
        "đạo, triển khai thực hiện và đạt được kết quả nhất định theo Kế hoạch đề ra. Các văn bản "
        "chỉ đạo của cấp trên được tổ chức triển khai đầy đủ, kịp thời, đúng quy định. Chất lượng "
        "đội ngũ cán bộ, công chức tiếp tục được nâng cao. Quy trình TTHC thường xuyên được rà "
        "soát và niêm yết công khai, minh bạch; cơ chế một cửa tiếp tục được duy trì, tỷ lệ hồ sơ "
        "giải quyết trước hạn, đúng hạn đạt {{ tthc.on_time_rate }}. Ứng dụng công nghệ thông tin "
        "trong quản lý, điều hành gắn với CCHC, xây dựng chính quyền điện tử đã từng bước thay đổi "
        "thói quen làm việc, nâng cao hiệu quả, công khai, minh bạch trong giải quyết TTHC."
    ),
    "limitations": (
        "- Công tác thông tin, tuyên truyền về CCHC, chuyển đổi số tuy được quan tâm nhưng chưa "
        "sâu rộng, chưa tạo được sự lan tỏa trong đại bộ phận Nhân dân.\n"
        "- Việc cập nhật, xử lý các bước quy trình trên hệ thống phần mềm đôi lúc chưa kịp thời; "
        "trong kỳ còn {{ tthc.resolved_late }} hồ sơ giải quyết trễ hạn trên hệ thống. Tỷ lệ số hóa "
        "kết quả giải quyết TTHC ({{ egov.digitized_results_rate }}) chưa đạt kế hoạch đề ra.\n"
        "- Tỷ lệ người dân sử dụng dịch vụ công trực tuyến chưa cao ({{ tthc.online_rate }} số hồ "
        "sơ tiếp nhận mới); cơ sở vật chất, trang thiết bị công nghệ thông tin còn hạn chế."
    ),
    "causes": (
        "- Một số cán bộ, công chức chưa nhận thức đầy đủ về vai trò, tầm quan trọng của công tác "
        "CCHC, chuyển đổi số nên công tác tham mưu, tổ chức thực hiện chưa đem lại hiệu quả cao.\n"
        "- Công chức làm việc tại Bộ phận Một cửa ngoài nhiệm vụ tiếp nhận còn kiêm nhiệm nhiều "
        "nhiệm vụ chuyên môn khác; số lượng hồ sơ tiếp nhận hằng ngày nhiều, dẫn đến việc xử lý, "
        "kết thúc hồ sơ trên hệ thống phần mềm đôi lúc chưa kịp thời.\n"
        "- Việc tiếp cận công nghệ thông tin của người dân còn hạn chế; phần lớn người dân chưa "
        "có tài khoản trên Cổng dịch vụ công hoặc tài khoản định danh điện tử, chậm thay đổi thói "
        "quen đến trực tiếp cơ quan nhà nước để giải quyết thủ tục hành chính.\n"
        "- Kinh phí đầu tư hạ tầng công nghệ thông tin, chuyển đổi số chưa đáp ứng nhu cầu thực tế."
    ),
    "tasks_ahead": (
        "- Tiếp tục triển khai thực hiện Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban "
        "hành Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 – 2030. Xây dựng, "
        "ban hành Kế hoạch CCHC năm {{ period.next_year }} và tổ chức thực hiện hoàn thành tất cả "
        "các nhiệm vụ đề ra.\n"
        "- Đẩy mạnh công tác tuyên truyền, nâng cao nhận thức của cán bộ, đảng viên và Nhân dân "
        "về CCHC, xây dựng chính quyền điện tử hướng đến chính quyền số.\n"
        "- Tập trung rà soát các văn bản quy phạm pháp luật, đề xuất bổ sung, sửa đổi kịp thời, "
        "phù hợp với tình hình thực tế của địa phương.\n"
        "- Duy trì và thực hiện tốt việc tiếp nhận, giải quyết TTHC trên Cổng dịch vụ công quốc "
        "gia và Hệ thống thông tin giải quyết TTHC của tỉnh; thực hiện số hóa hồ sơ, kết quả giải "
        "quyết TTHC; tăng cường hướng dẫn người dân nộp hồ sơ và thanh toán trực tuyến.\n"
        "- Tiếp tục đào tạo, bồi dưỡng cán bộ, công chức; tăng cường kiểm tra việc chấp hành kỷ "
        "luật, kỷ cương hành chính."
    ),
}
