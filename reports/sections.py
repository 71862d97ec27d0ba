"""The sections of the report document, in order (SPEC §8; Resolution 76/NQ-CP pillars).

Numbering is generated from this order, so a missing "3." cannot happen."""

from django.utils.translation import gettext_lazy as _

# (key, part, title). Part I, II (six pillars), III (assessment), IV (tasks ahead).
SECTIONS: list[tuple[str, str, object]] = [
    ("direction", "I", _("Công tác chỉ đạo, điều hành")),
    ("institutions", "II", _("Cải cách thể chế")),
    ("procedures", "II", _("Cải cách thủ tục hành chính")),
    ("apparatus", "II", _("Cải cách tổ chức bộ máy hành chính nhà nước")),
    ("civil_service", "II", _("Cải cách chế độ công vụ")),
    ("finance", "II", _("Cải cách tài chính công")),
    ("egov", "II", _("Xây dựng và phát triển Chính quyền điện tử, Chính quyền số")),
    ("strengths", "III", _("Ưu điểm")),
    ("limitations", "III", _("Tồn tại, hạn chế")),
    ("causes", "III", _("Nguyên nhân của những tồn tại, hạn chế")),
    ("tasks_ahead", "IV", _("Một số nhiệm vụ trọng tâm trong thời gian tới")),
]
SECTION_KEYS = [key for key, _part, _title in SECTIONS]

PARTS: dict[str, object] = {
    "I": _("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
    "II": _("KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH"),
    "III": _("ĐÁNH GIÁ CHUNG"),
    "IV": _("PHƯƠNG HƯỚNG, NHIỆM VỤ TRỌNG TÂM"),
}


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
