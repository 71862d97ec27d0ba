"""Form building blocks of the record sections: the base form with the optimistic-lock version,
Vietnamese number input (dots as thousands separators), date inputs."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlencode

from django import forms
from django.db import models
from django.forms.renderers import BaseRenderer
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.formatting import format_number
from common.widgets import (
    DATE_INPUT_FORMATS,
    DATETIME_INPUT_FORMATS,
    DateInput,
    DateTimeInput,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    from orgs.models import Period, Unit

_GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_PLAIN = re.compile(r"^-?\d+$")


def parse_amount(text: str) -> int:
    """'1.500.000' or '1500000' (or with spaces) -> 1500000.

    Dots are thousands separators (Vietnamese style) and only accepted in groups of three, so
    '1.5' is refused instead of silently read as 15; a comma (decimal part) is refused: amounts
    in VND and counts are whole numbers. Raises ValueError with a Vietnamese message."""
    raw = (text or "").strip().replace(" ", "").replace("\u00a0", "")
    if _PLAIN.match(raw):
        return int(raw)
    if _GROUPED.match(raw):
        return int(raw.replace(".", ""))
    if "," in raw:
        raise ValueError(
            _("Chỉ nhập số nguyên; dùng dấu chấm để phân cách hàng nghìn (ví dụ 1.500.000).")
        )
    raise ValueError(
        _(
            "«%(value)s» không phải là số hợp lệ. Nhập chữ số, có thể phân cách hàng nghìn bằng dấu chấm (1.500.000)."
        )
        % {"value": text}
    )


def format_amount(value: int | None) -> str:
    if value is None:
        return ""
    return format_number(value)


class AmountInput(forms.TextInput):
    """A text input (numeric keypad) whose parsed value is echoed beside it via htmx."""

    def __init__(
        self, attrs: dict[str, Any] | None = None, *, unit_word: StrOrPromise = ""
    ) -> None:
        base = {"inputmode": "numeric", "autocomplete": "off", "class": "amount"}
        base.update(attrs or {})
        super().__init__(base)
        self.unit_word = unit_word

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: BaseRenderer | None = None,
    ) -> SafeString:
        final = {**self.attrs, **(attrs or {})}
        if final.get("aria-invalid") and "hx-trigger" in final:
            # The field's error is printed below it: echoing the same error on load would print
            # it twice. The echo comes back as soon as the user types.
            attrs = {**(attrs or {}), "hx-trigger": "input changed delay:250ms"}
        html = super().render(name, value, attrs, renderer)
        return mark_safe(f'{html} <span class="echo-slot help" aria-live="polite"></span>')

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, int):
            return format_amount(value)
        return super().format_value(value)


class AmountField(forms.Field):
    """A whole number (VND or a count) typed with or without dots as thousands separators."""

    default_error_messages = {
        "min_value": gettext_lazy("Giá trị không được nhỏ hơn %(limit)s."),
    }

    def __init__(
        self, *, min_value: int | None = 0, unit_word: StrOrPromise = "", **kwargs: Any
    ) -> None:
        self.min_value = min_value
        kwargs.setdefault("widget", AmountInput(unit_word=unit_word))
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:
        if value in (None, ""):
            return None
        if isinstance(value, int):
            return value
        try:
            return parse_amount(str(value))
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc

    def validate(self, value: int | None) -> None:
        super().validate(value)
        if value is not None and self.min_value is not None and value < self.min_value:
            raise forms.ValidationError(
                self.error_messages["min_value"],
                code="min_value",
                params={"limit": format_amount(self.min_value)},
            )


def formfield_callback(model_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """Date/datetime fields read and accept dd/mm/yyyy (hh:mm) whatever the browser's locale."""
    if isinstance(model_field, models.DateTimeField):
        kwargs.setdefault("widget", DateTimeInput())
        field = model_field.formfield(**kwargs)
        assert isinstance(field, forms.DateTimeField)
        field.input_formats = DATETIME_INPUT_FORMATS
        return field
    if isinstance(model_field, models.DateField):
        kwargs.setdefault("widget", DateInput())
        field = model_field.formfield(**kwargs)
        assert isinstance(field, forms.DateField)
        field.input_formats = DATE_INPUT_FORMATS
        return field
    if isinstance(model_field, models.BigIntegerField):
        return AmountField(
            label=model_field.verbose_name,
            required=not model_field.blank,
            help_text=model_field.help_text,
        )
    return model_field.formfield(**kwargs)


class RecordMeta:
    """Base Meta of section forms: `class Meta(RecordMeta): model = ...; fields = [...]`."""

    formfield_callback = staticmethod(formfield_callback)


class RecordForm(forms.ModelForm):
    """Base of every section form.

    Carries the `version` the editor loaded (optimistic locking), receives the (unit, period)
    being edited so that choices can be limited to the unit and the period window can be checked,
    and checks declared uniqueness within the unit (constraints on unit/period are not validated
    by ModelForm because those fields are not on the form)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # (fields, message): a record with the same values in the same unit (and period) exists.
    unique_within_unit: tuple[tuple[str, ...], StrOrPromise] | None = None

    def __init__(
        self, *args: Any, unit: Unit | None = None, period: Period | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.period = period
        if self.instance.pk is not None and not self.is_bound:
            self.initial["version"] = getattr(self.instance, "version", None)
        for name, f in self.fields.items():
            f.error_messages.setdefault("required", _("Trường này là bắt buộc."))
            f.error_messages["required"] = _("Trường này là bắt buộc.")
            choices = getattr(f, "choices", None)
            if choices and not isinstance(f, forms.ModelChoiceField):
                choices = list(choices)
                if choices and choices[0][0] == "":
                    # any field with choices (a ChoiceField, whatever its class)
                    cast(forms.ChoiceField, f).choices = [("", _("— chọn —")), *choices[1:]]
            elif isinstance(f, forms.ModelChoiceField):
                f.empty_label = _("— không chọn —")
            if isinstance(f.widget, AmountInput) and unit is not None and period is not None:
                url = reverse("records_amount_echo", args=[unit.code, period.code])
                f.widget.attrs.update(
                    {
                        "hx-get": f"{url}?{urlencode({'f': name, 'u': f.widget.unit_word})}",
                        "hx-trigger": "input changed delay:250ms, load",
                        "hx-target": "next .echo-slot",
                        "hx-swap": "innerHTML",
                    }
                )
        self.setup()

    def setup(self) -> None:
        """Hook: limit choices to the unit, etc."""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if self.unique_within_unit and self.unit is not None:
            fields, message = self.unique_within_unit
            values = {f: data.get(f) for f in fields}
            if all(v not in (None, "") for v in values.values()):
                qs = self._meta.model._default_manager.filter(unit=self.unit, **values)
                if hasattr(self._meta.model, "period") and self.period is not None:
                    qs = qs.filter(period=self.period)
                if self.instance.pk is not None:
                    qs = qs.exclude(pk=self.instance.pk)
                if qs.exists():
                    self.add_error(fields[0], message)
        return data

    @property
    def expected_version(self) -> int | None:
        if not hasattr(self, "cleaned_data"):
            return None
        return self.cleaned_data.get("version")
