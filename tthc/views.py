"""Record sections of the tthc app: procedure catalogue, dossiers, feedback, surveys
(declared for the generic CRUD machinery)."""

from django.utils.translation import gettext_lazy as _

from records import scopes
from records.spec import Column, Filter, Section, Total, TotalGroup

from . import forms
from .models import Dossier, Feedback, Procedure, SurveyResponse
from .services_records import (
    dossier_link_procedure,
    procedure_sync_dossiers,
    procedure_unlink_dossiers,
)

PROCEDURES = Section(
    key="procedures",
    model=Procedure,
    form=forms.ProcedureForm,
    scope=scopes.GlobalCatalogue(),
    title=_("Danh mục thủ tục hành chính"),
    columns=(
        Column("code", link=True),
        Column("name"),
        Column("field"),
        Column("online_level"),
        Column("linked_group"),
    ),
    search=("code", "name", "field", "linked_group"),
    ordering=("code",),
    filters=(Filter("online_level"),),
    totals=(
        TotalGroup(
            _("Danh mục"),
            (
                Total(_("Tổng số TTHC"), indicator="egov.procedures"),
                Total(
                    _("DVC trực tuyến một phần"),
                    indicator="egov.procedures_online_partial",
                ),
                Total(
                    _("DVC trực tuyến toàn trình"),
                    indicator="egov.procedures_online_full",
                ),
            ),
        ),
    ),
    after_save=procedure_sync_dossiers,
    after_delete=procedure_unlink_dossiers,
    help=_("Danh mục dùng chung của tỉnh; chỉ quản trị viên được thêm, sửa."),
)

DOSSIERS = Section(
    key="dossiers",
    model=Dossier,
    form=forms.DossierForm,
    scope=scopes.DossierScope(),
    title=_("Hồ sơ thủ tục hành chính"),
    columns=(
        Column("code", link=True),
        Column("procedure_code"),
        Column("procedure_name"),
        Column("channel"),
        Column("status"),
        Column("received_at", kind="datetime"),
        Column("due_at", kind="datetime"),
        Column("resolved_at", kind="datetime"),
        Column("fee", kind="vnd"),
    ),
    export_fields=(
        "code",
        "procedure_code",
        "procedure_name",
        "channel",
        "received_at",
        "due_at",
        "resolved_at",
        "status",
        "components_digitized",
        "result_digitized",
        "paid_online",
        "fee",
        "source",
    ),
    search=("code", "procedure_code", "procedure_name"),
    ordering=("-received_at",),
    filters=(Filter("status"), Filter("channel"), Filter("source")),
    totals=(
        TotalGroup(
            _("Tiếp nhận trong kỳ"),
            (
                Total(_("Trực tuyến"), indicator="tthc.received_online"),
                Total(_("Trực tiếp"), indicator="tthc.received_direct"),
                Total(_("Bưu chính"), indicator="tthc.received_postal"),
                Total(_("Mới tiếp nhận"), indicator="tthc.received_new"),
                Total(_("Kỳ trước chuyển sang"), indicator="tthc.carried_over"),
                Total(_("Tổng số"), indicator="tthc.total"),
            ),
        ),
        TotalGroup(
            _("Kết quả"),
            (
                Total(_("Đã giải quyết"), indicator="tthc.resolved"),
                Total(_("Đúng hạn"), indicator="tthc.resolved_on_time"),
                Total(_("Quá hạn"), indicator="tthc.resolved_late"),
                Total(_("Rút, từ chối"), indicator="tthc.withdrawn"),
                Total(_("Đang giải quyết"), indicator="tthc.pending"),
                Total(_("Tỷ lệ đúng hạn"), indicator="tthc.on_time_rate", kind="percent"),
                Total(_("Tỷ lệ trực tuyến"), indicator="tthc.online_rate", kind="percent"),
            ),
        ),
    ),
    before_save=dossier_link_procedure,
    help=_(
        "Hồ sơ tiếp nhận trong kỳ và hồ sơ kỳ trước chuyển sang. "
        "Nhập số lượng lớn bằng chức năng nhập tệp."
    ),
)

FEEDBACK = Section(
    key="feedback",
    model=Feedback,
    form=forms.FeedbackForm,
    scope=scopes.ByUnitDate("received_on"),
    title=_("Phản ánh, kiến nghị"),
    columns=(
        Column("received_on", kind="date", link=True),
        Column("channel"),
        Column("subject", sortable=False),
        Column("due_on", kind="date"),
        Column("resolved_on", kind="date"),
    ),
    search=("subject", "channel", "answer"),
    ordering=("-received_on",),
    totals=(
        TotalGroup(
            _("Trong kỳ"),
            (
                Total(_("Tiếp nhận"), indicator="feedback.received"),
                Total(
                    _("Đã xử lý"),
                    indicator="feedback.resolved",
                ),
                Total(_("Xử lý đúng hạn"), indicator="feedback.resolved_on_time"),
            ),
        ),
    ),
)

SURVEYS = Section(
    key="surveys",
    model=SurveyResponse,
    form=forms.SurveyResponseForm,
    scope=scopes.ByUnitDate("answered_on"),
    title=_("Phiếu khảo sát sự hài lòng"),
    columns=(
        Column("answered_on", kind="date", link=True),
        Column("procedure_code"),
        Column("rating"),
    ),
    search=("procedure_code",),
    ordering=("-answered_on",),
    filters=(Filter("rating"),),
    totals=(
        TotalGroup(
            _("Trong kỳ"),
            (
                Total(_("Số phiếu"), indicator="survey.responses"),
                Total(
                    _("Hài lòng, rất hài lòng"),
                    indicator="survey.satisfied",
                ),
                Total(_("Tỷ lệ hài lòng"), indicator="survey.satisfaction_rate", kind="percent"),
            ),
        ),
    ),
)

SECTIONS = (DOSSIERS, PROCEDURES, FEEDBACK, SURVEYS)
