"""What each workflow transition says to the user (issue 11, point 6): before it (the
confirmation page states what will happen) and after it (the message names the NEW state).
The transitions themselves live in `reports.workflow`."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Report
from .rendering.formatting import doc_number
from .workflow import STATE_LABELS, TRANSITIONS

#: Shown on the confirmation page, before the user confirms.
CONFIRM: dict[str, object] = {
    "submit": gettext_lazy(
        "Sau khi gửi, số liệu kỳ này bị khóa: dữ liệu các phần, nội dung báo cáo, số và ngày văn "
        "bản không sửa được nữa, trừ khi cấp trên trả lại báo cáo. Báo cáo được chuyển đến cơ "
        "quan Nội vụ cấp trên để tiếp nhận."
    ),
    "return": gettext_lazy(
        "Báo cáo được trả lại cho đơn vị kèm lý do bạn ghi dưới đây. Số liệu kỳ này được mở khóa "
        "để đơn vị sửa và gửi lại."
    ),
    "accept": gettext_lazy(
        "Bạn xác nhận đã xem và tiếp nhận báo cáo. Sau khi tiếp nhận, báo cáo không trả lại được "
        "nữa; lãnh đạo đơn vị sẽ ký số bản chính thức."
    ),
    "sign": gettext_lazy(
        "Sau khi ký số, bản PDF chính thức mang chữ ký số của bạn và không thay đổi được nữa; "
        "báo cáo chuyển sang trạng thái «Đã ký số»."
    ),
}

#: The flash message after the transition; `%(state)s` is the new state.
_DONE: dict[str, object] = {
    "submit": gettext_lazy("Đã gửi báo cáo. Trạng thái mới: «%(state)s» — số liệu kỳ này đã khóa."),
    "return": gettext_lazy("Đã trả lại báo cáo cho đơn vị. Trạng thái mới: «%(state)s»."),
    "accept": gettext_lazy("Đã tiếp nhận báo cáo. Trạng thái mới: «%(state)s»."),
    "sign": gettext_lazy("Đã ký số báo cáo. Trạng thái mới: «%(state)s»."),
}


def confirm_text(name: str) -> str:
    return str(CONFIRM.get(name, ""))


def done_message(name: str, report: Report) -> str:
    """The message after `name` moved `report` (as returned by the transition service)."""
    state = str(STATE_LABELS.get(report.state, report.state))
    template = _DONE.get(name)
    if template is None:
        label = TRANSITIONS[name].label if name in TRANSITIONS else name
        return _("%(action)s: xong. Trạng thái mới: «%(state)s».") % {
            "action": label,
            "state": state,
        }
    return str(template) % {"state": state}


def target_label(name: str) -> str:
    """The state the transition leads to, as the user reads it."""
    return str(STATE_LABELS[TRANSITIONS[name].target])


def missing_document_facts(report: Report) -> list[str]:
    """What the document still lacks to be signed: its number, its date of issue."""
    missing = []
    if not report.doc_number:
        missing.append(_("số văn bản"))
    if not report.issued_on:
        missing.append(_("ngày ban hành"))
    return missing


def missing_text(missing: list[str]) -> str:
    """'số văn bản và ngày ban hành' / 'số văn bản'."""
    if len(missing) == 2:
        return _("%(a)s và %(b)s") % {"a": missing[0], "b": missing[1]}
    return ", ".join(missing)


def document_reference(report: Report) -> str:
    """'05/BC-UBND' as the document prints it; '' without a number."""
    if not report.doc_number:
        return ""
    return f"{doc_number(report.doc_number)}/{report.doc_symbol}"


def signing_refusal(report: Report) -> str:
    """Why the report cannot be signed yet for want of its number or date ('' if it can)."""
    missing = missing_document_facts(report)
    if not missing:
        return ""
    return _(
        "Chưa ký số được: báo cáo chưa có %(what)s. Số và ngày văn bản chỉ nhập được trước khi "
        "gửi; đề nghị cấp trên trả lại báo cáo để bổ sung rồi gửi lại."
    ) % {"what": missing_text(missing)}
