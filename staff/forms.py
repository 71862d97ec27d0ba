"""Forms of the staff sections (Vietnamese labels come from the models)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from records.forms import RecordForm, RecordMeta

from .models import DisciplineCase, Person, PersonnelAction, PostQuota, TrainingAttendance

if TYPE_CHECKING:
    from orgs.models import Unit


class _PersonChoiceMixin:
    """Limit the `person` choice to the people of the unit being edited."""

    fields: dict[str, forms.Field]  # of the RecordForm it is mixed into
    unit: Unit | None

    def setup(self) -> None:
        field = self.fields.get("person")
        if isinstance(field, forms.ModelChoiceField) and self.unit is not None:
            field.queryset = Person.objects.filter(unit=self.unit).order_by("full_name")
            field.empty_label = _("— không chọn —")


class PersonForm(RecordForm):
    class Meta(RecordMeta):
        model = Person
        fields = [
            "full_name",
            "category",
            "position",
            "education",
            "political_theory",
            "concurrent_post",
            "has_digital_certificate",
            "in_post_from",
            "in_post_to",
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("in_post_from"), data.get("in_post_to")
        if start and end and end < start:
            self.add_error(
                "in_post_to", _("Ngày thôi giữ chức vụ phải sau hoặc bằng ngày bắt đầu.")
            )
        return data


class PostQuotaForm(RecordForm):
    unique_within_unit = (("year",), _("Đơn vị đã có số lượng được giao cho năm này."))

    class Meta(RecordMeta):
        model = PostQuota
        fields = ["year", "quota", "decision_ref"]

    def clean_year(self) -> int | None:
        year = self.cleaned_data.get("year")
        if year is not None and not 1990 <= year <= 2100:
            from django.forms import ValidationError

            raise ValidationError(_("Năm không hợp lệ."))
        return year


class TrainingAttendanceForm(_PersonChoiceMixin, RecordForm):
    class Meta(RecordMeta):
        model = TrainingAttendance
        fields = ["person", "course", "organiser", "start_on", "end_on"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("start_on"), data.get("end_on")
        if start and end and end < start:
            self.add_error("end_on", _("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."))
        return data


class PersonnelActionForm(_PersonChoiceMixin, RecordForm):
    class Meta(RecordMeta):
        model = PersonnelAction
        fields = ["person", "kind", "effective_on", "decision_ref"]


class DisciplineCaseForm(_PersonChoiceMixin, RecordForm):
    class Meta(RecordMeta):
        model = DisciplineCase
        fields = ["person", "decided_on", "form", "reason"]
