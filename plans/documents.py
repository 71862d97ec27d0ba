"""The register of documents: the form widget of its file, the choice of a register entry on
other records' forms, and the one way a stored document file leaves the server (the unit's
scoped view, issue 10, 8)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from common.files import stored_file_response
from orgs.decorators import unit_period_view

from .models import RegisteredDocument

if TYPE_CHECKING:
    from orgs.http import UnitPeriodRequest
    from orgs.models import Period, Unit


class _StoredFile:
    """What ClearableFileInput shows for the current file: its original name, linked to the
    scoped download view (never the storage URL: nothing under MEDIA_ROOT is served)."""

    def __init__(self, name: str, url: str) -> None:
        self.name = name
        self.url = url

    def __str__(self) -> str:
        return self.name


class DocumentFileInput(forms.ClearableFileInput):
    """The file input of a register entry; links the current file through the scoped view."""

    stored: _StoredFile | None = None

    def download(self, document: RegisteredDocument, *, unit: Unit, period: Period | None) -> None:
        if document.file and period is not None:
            self.stored = _StoredFile(
                document.file_name or document.reference,
                document_file_url(document, unit=unit, period=period),
            )

    def is_initial(self, value: Any) -> bool:
        return self.stored is not None or super().is_initial(value)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        if self.stored is not None and value:
            context["widget"]["value"] = self.stored
            context["widget"]["is_initial"] = True
        return context


def document_file_url(document: RegisteredDocument, *, unit: Unit, period: Period) -> str:
    return reverse("plans_document_file", args=[unit.code, period.code, document.pk])


def limit_to_register(field: forms.Field, *, unit: Unit | None, period: Period | None) -> None:
    """A register-entry choice on another record's form: only the unit's documents of the
    period, shown by their reference and subject."""
    assert isinstance(field, forms.ModelChoiceField)
    qs = RegisteredDocument.objects.none()
    if unit is not None and period is not None:
        qs = RegisteredDocument.objects.filter(unit=unit, period=period).order_by(
            "doc_type", "issued_on", "pk"
        )
    field.queryset = qs
    setattr(field, "label_from_instance", register_label)  # noqa: B010  (an instance's label)
    field.error_messages["invalid_choice"] = _("Văn bản không có trong sổ văn bản của kỳ này.")


def document_file_link(obj: Any) -> str:
    """The list cell of a register entry's file: its name linked to the scoped view."""
    if not obj.file:
        return ""
    url = reverse("plans_document_file", args=[obj.unit.code, obj.period.code, obj.pk])
    return format_html('<a href="{}">{}</a>', url, obj.file_name or obj.reference)


def register_label(document: RegisteredDocument) -> str:
    return f"{document.get_doc_type_display()} {document.reference} — {document.subject}"


@unit_period_view
def document_file(request: UnitPeriodRequest, pk: int) -> HttpResponseBase:
    """The stored file of a register entry of this unit and period; anything else is 404."""
    document = get_object_or_404(
        RegisteredDocument.objects.filter(unit=request.unit, period=request.period), pk=pk
    )
    return stored_file_response(document.file, download_name=document.file_name)
