"""Forms of the plan-task, directive and entered-figure sections."""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from records.forms import RecordForm, RecordMeta

from .documents import DocumentFileInput, limit_to_register
from .entered import ENTERED_FIGURES
from .models import Directive, EnteredFigure, PlanTask, RegisteredDocument

DOCUMENT_EXTENSIONS = ("pdf", "doc", "docx", "odt", "jpg", "jpeg", "png")
DOCUMENT_MAX_BYTES = 20 * 1024 * 1024


class PlanTaskForm(RecordForm):
    class Meta(RecordMeta):
        model = PlanTask
        fields = ["title", "owner", "due_on", "done_on", "plan"]

    def setup(self) -> None:
        limit_to_register(self.fields["plan"], unit=self.unit, period=self.period)


class RegisteredDocumentForm(RecordForm):
    """A document of the register; its file is optional, kept under a random name and served
    only through the unit's scoped view."""

    unique_within_unit = (
        ("number", "symbol"),
        _("Văn bản có cùng số và ký hiệu đã có trong sổ văn bản của kỳ này."),
    )

    class Meta(RecordMeta):
        model = RegisteredDocument
        fields = ["doc_type", "number", "symbol", "issued_on", "issuer", "subject", "file"]
        widgets = {"file": DocumentFileInput}

    def setup(self) -> None:
        if not self.instance.pk and self.unit is not None and not self.initial.get("issuer"):
            # most documents of a unit's register are its own: drafted as «UBND xã Bình Phước»
            self.initial["issuer"] = f"UBND {self.unit.kind_word.lower()} {self.unit.short_name}"
        widget = self.fields["file"].widget
        if isinstance(widget, DocumentFileInput) and self.instance.pk and self.unit is not None:
            widget.download(self.instance, unit=self.unit, period=self.period)

    def clean_number(self) -> str:
        return str(self.cleaned_data.get("number") or "").strip()

    def clean_symbol(self) -> str:
        return str(self.cleaned_data.get("symbol") or "").strip().strip("/")

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            name = upload.name or ""
            ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
            if ext not in DOCUMENT_EXTENSIONS:
                raise forms.ValidationError(
                    _("Chỉ nhận tệp %(exts)s.") % {"exts": ", ".join(DOCUMENT_EXTENSIONS)}
                )
            if (upload.size or 0) > DOCUMENT_MAX_BYTES:
                raise forms.ValidationError(_("Tệp lớn hơn 20 MB."))
            # the user's name is kept only as the download name (the stored name is random)
            self.instance.file_name = name.replace("\\", "/").rsplit("/", 1)[-1][:255]
        elif upload is False:  # "clear" ticked
            self.instance.file_name = ""
        return upload


class DirectiveForm(RecordForm):
    class Meta(RecordMeta):
        model = Directive
        fields = ["title", "reference", "assigned_on", "due_on", "done_on"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        assigned, due, done = data.get("assigned_on"), data.get("due_on"), data.get("done_on")
        if assigned and due and due < assigned:
            self.add_error("due_on", _("Hạn hoàn thành phải sau hoặc bằng ngày giao."))
        if assigned and done and done < assigned:
            self.add_error("done_on", _("Ngày hoàn thành phải sau hoặc bằng ngày giao."))
        return data


def entered_label(code: str) -> str:
    for c, label, _section in ENTERED_FIGURES:
        if c == code:
            return str(label)
    return code


class EnteredFigureForm(RecordForm):
    unique_within_unit = (
        ("code",),
        _("Chỉ tiêu này đã được nhập cho kỳ báo cáo; hãy sửa bản ghi đã có."),
    )

    code = forms.ChoiceField(label=_("chỉ tiêu"), choices=())

    class Meta(RecordMeta):
        model = EnteredFigure
        fields = ["code", "value", "approximate", "note"]

    def setup(self) -> None:
        field = self.fields["code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("— chọn chỉ tiêu —"))] + [
            (code, f"{label} ({code})") for code, label, _s in ENTERED_FIGURES
        ]
        field.error_messages["invalid_choice"] = _("Chỉ tiêu không hợp lệ.")
