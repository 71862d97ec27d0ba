"""Forms of the tthc sections: catalogue, dossiers, feedback, surveys."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from records.forms import AmountField, RecordForm, RecordMeta

from .models import Dossier, DossierStatus, Feedback, Procedure, SurveyResponse


class ProcedureForm(RecordForm):
    class Meta(RecordMeta):
        model = Procedure
        fields = [
            "code",
            "name",
            "field",
            "online_level",
            "linked_group",
            "announcement_ref",
            "announced_on",
            "basis_effective_on",
            "published_on",
            "published_complete",
        ]
        error_messages = {"code": {"unique": _("Mã TTHC này đã có trong danh mục.")}}

    def clean_code(self) -> str:
        return (self.cleaned_data.get("code") or "").strip()


ENDED = (DossierStatus.RESOLVED, DossierStatus.WITHDRAWN, DossierStatus.REJECTED)


class DossierForm(RecordForm):
    unique_within_unit = (("code",), _("Mã hồ sơ này đã có ở đơn vị."))
    fee = AmountField(label=_("phí, lệ phí (đồng)"), required=False, unit_word=_("đồng"))

    class Meta(RecordMeta):
        model = Dossier
        fields = [
            "code",
            "procedure_code",
            "procedure_name",
            "channel",
            "status",
            "received_at",
            "due_at",
            "resolved_at",
            "components_digitized",
            "result_digitized",
            "paid_online",
            "fee",
            "source",
        ]

    def clean_code(self) -> str:
        return (self.cleaned_data.get("code") or "").strip()

    def clean_due_at(self) -> dt.datetime | None:
        # SPEC §4: a deadline typed without a time means the end of that day.
        due = self.cleaned_data.get("due_at")
        raw = (self.data.get(self.add_prefix("due_at")) or "").strip()
        if due is not None and len(raw) <= 10:
            due = due.replace(hour=23, minute=59, second=59)
        return due

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        status = data.get("status")
        received, due, resolved = (
            data.get("received_at"),
            data.get("due_at"),
            data.get("resolved_at"),
        )
        if status in ENDED and not resolved and "resolved_at" not in self.errors:
            self.add_error(
                "resolved_at",
                _("Hồ sơ đã kết thúc (đã giải quyết, rút hoặc từ chối) phải có ngày có kết quả."),
            )
        if status == DossierStatus.PENDING and resolved:
            self.add_error("resolved_at", _("Hồ sơ đang giải quyết không được có ngày có kết quả."))
        if status != DossierStatus.WITHDRAWN and not due and "due_at" not in self.errors:
            self.add_error("due_at", _("Cần nhập hạn xử lý (trừ hồ sơ rút)."))
        if received and resolved and resolved < received:
            self.add_error("resolved_at", _("Ngày có kết quả phải sau hoặc bằng ngày tiếp nhận."))
        if received and due and due < received:
            self.add_error("due_at", _("Hạn xử lý phải sau hoặc bằng ngày tiếp nhận."))
        return data


class FeedbackForm(RecordForm):
    class Meta(RecordMeta):
        model = Feedback
        fields = ["received_on", "channel", "subject", "due_on", "resolved_on", "answer"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        received, resolved = data.get("received_on"), data.get("resolved_on")
        if received and resolved and resolved < received:
            self.add_error("resolved_on", _("Ngày xử lý xong phải sau hoặc bằng ngày tiếp nhận."))
        return data


class SurveyResponseForm(RecordForm):
    class Meta(RecordMeta):
        model = SurveyResponse
        fields = ["answered_on", "procedure_code", "rating"]
