"""Figures with no raw record anywhere, entered by the clerk per (unit, period) and keyed by
indicator code (model EnteredFigure). The indicator registry defines one indicator per code."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from reports.indicators.base import Section

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# (code, label, report section)
ENTERED_FIGURES: list[tuple[str, StrOrPromise, str]] = [
    ("legal.docs_reviewed", _("Văn bản QPPL được kiểm tra, rà soát"), Section.INSTITUTIONS),
    (
        "legal.education_events",
        _("Đợt, hội nghị tuyên truyền, phổ biến giáo dục pháp luật"),
        Section.INSTITUTIONS,
    ),
    (
        "legal.education_attendance",
        _("Lượt người tham gia tuyên truyền, phổ biến pháp luật"),
        Section.INSTITUTIONS,
    ),
    ("tthc.procedures_reviewed", _("TTHC được rà soát, đánh giá"), Section.PROCEDURES),
    (
        "tthc.simplifications_proposed",
        _("TTHC được đề xuất sửa đổi, đơn giản hóa"),
        Section.PROCEDURES,
    ),
    ("survey.issued", _("Phiếu khảo sát sự hài lòng phát ra"), Section.PROCEDURES),
    ("cchc.inspections", _("Cuộc kiểm tra công tác CCHC"), Section.DIRECTION),
    ("cchc.communication_plans", _("Kế hoạch tuyên truyền CCHC được ban hành"), Section.DIRECTION),
    ("egov.tech_teams", _("Tổ công nghệ số cộng đồng"), Section.EGOV),
    (
        "egov.electronic_documents_rate_num",
        _("Văn bản đi, đến được xử lý dưới dạng điện tử"),
        Section.EGOV,
    ),
    ("egov.electronic_documents_rate_den", _("Tổng số văn bản đi, đến"), Section.EGOV),
]
ENTERED_CODES = [code for code, _label, _section in ENTERED_FIGURES]
