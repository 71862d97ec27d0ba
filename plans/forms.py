"""Forms of the plan-task, directive and entered-figure sections."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from records.forms import RecordForm, RecordMeta

from .entered import ENTERED_FIGURES
from .models import Directive, EnteredFigure, PlanTask


class PlanTaskForm(RecordForm):
    class Meta(RecordMeta):
        model = PlanTask
        fields = ["title", "owner", "due_on", "done_on"]


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
