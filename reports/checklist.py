"""The commune's checklist of a report (the workspace page): what is entered, what is left.

    report_checklist(report=, user=) -> Checklist

Per data section: how many records the period holds, the last change (who, when) and the file
the records were last imported from; the validation errors and the warnings still without an
explanation (each with a link to it); the document data still missing (number, issue date,
signer, empty narrative sections); and the one next action for the role of the user looking.
Reads only: the figures come from the stored snapshot (the indicators page recomputes).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from imports.models import ImportBatch
from orgs.policy import may_approve, may_edit_data, may_review, may_sign
from records.selectors import period_records
from records.spec import Section

from .comments import open_comments
from .gates import explained_rules
from .models import DocumentSettings, Report, ReportComment, ReportState
from .narrative.defaults import DEFAULT_TEXTS
from .narrative.selectors import stored_sections
from .sections import SECTIONS as REPORT_SECTIONS
from .sections import section_numbers
from .snapshots import snapshot_findings, snapshot_get
from .validation import ERROR, WARNING, Finding
from .workflow import is_open

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from orgs.models import Period, Unit

ANCHOR_RE = re.compile(r"[^A-Za-z0-9_.-]")

#: The import kinds whose batches are not linked record by record: the section they fill.
BATCH_KIND_OF_SECTION = {
    "people": ImportBatch.Kind.STAFF,
    "budget": ImportBatch.Kind.BUDGET,
}


def finding_anchor(rule: str) -> str:
    """The id of a finding's box on the indicators page (its badges and checklists link it)."""
    return "finding-" + ANCHOR_RE.sub("-", rule)


def record_groups() -> list[tuple[StrOrPromise, tuple[Section, ...]]]:
    """The data sections of a unit, grouped as the sub-navigation groups them."""
    from finance.views import SECTIONS as FINANCE
    from plans.views import SECTIONS as PLANS
    from staff.views import SECTIONS as STAFF
    from tthc.views import SECTIONS as TTHC

    return [
        (_lazy("Thủ tục hành chính"), TTHC),
        (_lazy("Cán bộ công chức"), STAFF),
        (_lazy("Tài chính"), FINANCE),
        (_lazy("Nhiệm vụ & số liệu khác"), PLANS),
    ]


@dataclass
class SectionStatus:
    key: str
    title: StrOrPromise
    url: str
    count: int
    last_at: dt.datetime | None = None
    last_by: User | None = None
    batch: ImportBatch | None = None


@dataclass
class SectionGroup:
    title: StrOrPromise
    sections: list[SectionStatus]


@dataclass
class FindingItem:
    rule: str
    severity: str
    message: str
    url: str


@dataclass
class MissingItem:
    label: str
    url: str


@dataclass
class NextAction:
    label: str
    url: str = ""
    hint: str = ""
    role: str = ""  # clerk | approver | reviewer | "" (nothing left to do)


@dataclass
class CommentItem:
    comment: ReportComment
    url: str


@dataclass
class Checklist:
    groups: list[SectionGroup]
    errors: list[FindingItem]
    unexplained: list[FindingItem]
    explained: int
    missing: list[MissingItem]
    next_action: NextAction
    empty_sections: list[str] = field(default_factory=list)
    comments: list[CommentItem] = field(default_factory=list)  # the reviewers' open comments

    @property
    def warnings(self) -> int:
        return len(self.unexplained) + self.explained


def _last_change(section: Section, qs: Any) -> tuple[dt.datetime | None, User | None]:
    names = {f.name for f in section.model._meta.concrete_fields}
    if "updated_at" not in names:
        return None, None
    related = ("updated_by",) if "updated_by" in names else ()
    last = qs.select_related(*related).order_by("-updated_at", "-pk").first()
    if last is None:
        return None, None
    return last.updated_at, getattr(last, "updated_by", None)


def _batch(section: Section, qs: Any, unit: Unit) -> ImportBatch | None:
    """The file the section's records were last imported from: through the records' own link
    when they have one (dossiers), else the unit's last batch of the section's kind."""
    names = {f.name for f in section.model._meta.concrete_fields}
    if "import_batch" in names:
        last = qs.aggregate(m=Max("import_batch"))["m"]
        return ImportBatch.objects.select_related("by").filter(pk=last).first() if last else None
    kind = BATCH_KIND_OF_SECTION.get(section.key)
    if kind is None or not qs.exists():
        return None
    return ImportBatch.objects.select_related("by").filter(unit=unit, kind=kind).first()


def section_groups(*, unit: Unit, period: Period) -> list[SectionGroup]:
    groups = []
    for title, sections in record_groups():
        rows = []
        for section in sections:
            if getattr(section.scope, "global_catalogue", False):
                continue  # the procedure catalogue is the administrators', not the commune's
            qs = period_records(section, unit=unit, period=period)
            last_at, last_by = _last_change(section, qs)
            rows.append(
                SectionStatus(
                    key=section.key,
                    title=section.title,
                    url=reverse(section.url_name("list"), args=[unit.code, period.code]),
                    count=qs.count(),
                    last_at=last_at,
                    last_by=last_by,
                    batch=_batch(section, qs, unit),
                )
            )
        groups.append(SectionGroup(title=title, sections=rows))
    return groups


def finding_items(
    *, unit: Unit, period: Period
) -> tuple[list[FindingItem], list[FindingItem], int]:
    """(errors, warnings without an explanation, number of explained warnings) of the stored
    snapshot, each linked to its box on the indicators page."""
    findings: list[Finding] = snapshot_findings(snapshot_get(unit=unit, period=period))
    explained = explained_rules(unit=unit, period=period)
    base = reverse("indicators", args=[unit.code, period.code])

    def item(f: Finding) -> FindingItem:
        return FindingItem(
            rule=f.rule,
            severity=f.severity,
            message=str(f.message),
            url=f"{base}#{finding_anchor(f.rule)}",
        )

    errors = [item(f) for f in findings if f.severity == ERROR]
    warnings = [f for f in findings if f.severity == WARNING]
    unexplained = [item(f) for f in warnings if f.rule not in explained]
    return errors, unexplained, len(warnings) - len(unexplained)


def empty_sections(*, unit: Unit, period: Period) -> list[tuple[str, str]]:
    """(key, numbered title) of the narrative sections whose text is empty."""
    stored = stored_sections(unit=unit, period=period)
    numbers = section_numbers()
    out = []
    for key, _part, title in REPORT_SECTIONS:
        row = stored.get(key)
        text = row.text if row is not None else DEFAULT_TEXTS.get(key, "")
        if not text.strip():
            out.append((key, f"{numbers[key]}. {title}"))
    return out


def missing_items(*, report: Report) -> tuple[list[MissingItem], list[str]]:
    unit, period = report.unit, report.period
    settings_url = reverse("document_settings", args=[unit.code, period.code])
    editor_url = reverse("document_editor", args=[unit.code, period.code])
    missing = []
    if report.doc_number is None:
        missing.append(MissingItem(_("Số văn bản"), settings_url))
    if report.issued_on is None:
        missing.append(MissingItem(_("Ngày ban hành"), settings_url))
    doc = DocumentSettings.objects.filter(unit=unit).first()
    if doc is None or not doc.signer_name.strip():
        missing.append(MissingItem(_("Họ tên người ký"), settings_url))
    if doc is None or not doc.addressee.strip():
        missing.append(MissingItem(_("Nơi nhận báo cáo (kính gửi)"), settings_url))
    empty = empty_sections(unit=unit, period=period)
    for key, title in empty:
        missing.append(
            MissingItem(_("Nội dung mục %(title)s") % {"title": title}, f"{editor_url}#sec-{key}")
        )
    return missing, [key for key, _title in empty]


def next_action(
    *,
    report: Report,
    user: User | AnonymousUser,
    errors: list[FindingItem],
    unexplained: list[FindingItem],
    missing: list[MissingItem],
    empty: list[str],
    comments: list[CommentItem] | None = None,
) -> NextAction:
    """The one thing the user looking should do now, by state and by role."""
    unit, period = report.unit, report.period
    args = [unit.code, period.code]
    here = reverse("workspace", args=args)
    approver, clerk = may_approve(user, unit), may_edit_data(user, unit)
    reviewer = may_review(user, unit)
    if is_open(report.state) and (approver or clerk):
        role = "approver" if approver else "clerk"
        returned = report.state == ReportState.RETURNED
        if comments:
            return NextAction(
                ngettext(
                    "Xử lý %(n)s ý kiến của cấp trên",
                    "Xử lý %(n)s ý kiến của cấp trên",
                    len(comments),
                )
                % {"n": len(comments)},
                comments[0].url,
                _("Sửa theo từng ý kiến rồi đánh dấu đã xử lý (có thể trả lời)."),
                role,
            )
        if errors:
            return NextAction(
                ngettext("Sửa %(n)s lỗi số liệu", "Sửa %(n)s lỗi số liệu", len(errors))
                % {"n": len(errors)},
                errors[0].url,
                _("Lỗi phải được sửa trong dữ liệu trước khi gửi."),
                role,
            )
        if unexplained:
            return NextAction(
                ngettext("Giải trình %(n)s cảnh báo", "Giải trình %(n)s cảnh báo", len(unexplained))
                % {"n": len(unexplained)},
                unexplained[0].url,
                _("Mỗi cảnh báo cần một giải trình trước khi gửi."),
                role,
            )
        if empty and approver:
            return NextAction(
                _("Soạn nội dung báo cáo"),
                reverse("document_editor", args=args) + f"#sec-{empty[0]}",
                ngettext(
                    "Còn %(n)s mục chưa có nội dung.", "Còn %(n)s mục chưa có nội dung.", len(empty)
                )
                % {"n": len(empty)},
                role,
            )
        if approver:
            return NextAction(
                _("Gửi lại báo cáo") if returned else _("Gửi báo cáo"),
                f"{here}#report-actions",
                _("Số liệu không còn lỗi và mọi cảnh báo đã được giải trình."),
                role,
            )
        return NextAction(
            _("Nhập và kiểm tra dữ liệu"),
            reverse("indicators", args=args),
            _("Số liệu đã sẵn sàng: lãnh đạo xã soạn nội dung và gửi báo cáo."),
            role,
        )
    if report.state == ReportState.SUBMITTED and reviewer:
        return NextAction(
            _("Xem xét báo cáo: tiếp nhận hoặc trả lại"),
            f"{here}#report-actions",
            _("Đối chiếu số liệu, giải trình và nội dung trước khi quyết định."),
            "reviewer",
        )
    if report.state == ReportState.ACCEPTED and may_sign(user, unit):
        return NextAction(
            _("Ký số báo cáo"),
            reverse("document_sign", args=args),
            _("Báo cáo đã được tiếp nhận; ký số để hoàn thành."),
            "approver",
        )
    if report.state == ReportState.SIGNED:
        return NextAction(_("Báo cáo đã hoàn thành (đã ký số)."))
    if report.state == ReportState.SUBMITTED:
        return NextAction(_("Chờ cấp trên xem xét báo cáo."))
    if report.state == ReportState.ACCEPTED:
        return NextAction(_("Chờ lãnh đạo xã ký số báo cáo."))
    return NextAction(_("Chờ xã hoàn thành và gửi báo cáo."))


def comment_items(*, report: Report) -> list[CommentItem]:
    """The reviewers' comments still open, each linked to its place on the comments page."""
    base = reverse("report_comments", args=[report.unit.code, report.period.code])
    return [
        CommentItem(comment=c, url=f"{base}#comment-{c.pk}")
        for c in open_comments(report).select_related("by").order_by("at", "pk")
    ]


def report_checklist(*, report: Report, user: User | AnonymousUser) -> Checklist:
    unit, period = report.unit, report.period
    errors, unexplained, explained = finding_items(unit=unit, period=period)
    missing, empty = missing_items(report=report)
    comments = comment_items(report=report)
    return Checklist(
        groups=section_groups(unit=unit, period=period),
        errors=errors,
        unexplained=unexplained,
        explained=explained,
        missing=missing,
        next_action=next_action(
            report=report,
            user=user,
            errors=errors,
            unexplained=unexplained,
            missing=missing,
            empty=empty,
            comments=comments,
        ),
        empty_sections=empty,
        comments=comments,
    )
