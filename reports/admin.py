"""The admin of the kernel's models goes through the same rules as every other channel: the
workflow decides what a report's state allows, `locks` whether a (unit, period) may change."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .locks import period_is_locked
from .models import (
    DocumentSettings,
    Job,
    NarrativeSection,
    RenderedDocument,
    Report,
    ReportTransition,
    ReportVersion,
)
from .workflow import LOCKING_STATES, document_settings_are_editable


class TransitionInline(admin.TabularInline):
    model = ReportTransition
    extra = 0
    readonly_fields = ("from_state", "to_state", "by", "at", "comment")
    can_delete = False


@admin.register(Report)
class ReportAdmin(SimpleHistoryAdmin):
    list_display = ("unit", "period", "state", "doc_number", "issued_on", "submitted_at")
    list_filter = ("state", "period")
    search_fields = ("unit__code", "unit__name")
    raw_id_fields = ("unit",)
    inlines = [TransitionInline]
    # State changes go through the workflow service, never through the admin form; the number
    # and date of issue only while the workflow allows them (never after submission).
    readonly_fields = ("state", "submitted_at")

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> tuple:
        fields = tuple(super().get_readonly_fields(request, obj))
        if isinstance(obj, Report) and not document_settings_are_editable(obj.state):
            fields += ("doc_number", "doc_symbol", "issued_on", "unit", "period")
        return fields


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = (
        "pk",
        "kind",
        "status",
        "progress",
        "unit",
        "period",
        "created_by",
        "created_at",
    )
    list_filter = ("kind", "status")
    readonly_fields = [f.name for f in Job._meta.fields]


@admin.register(RenderedDocument)
class RenderedDocumentAdmin(SimpleHistoryAdmin):
    list_display = ("report", "kind", "sha256", "pages", "by", "created_at")
    list_filter = ("kind",)
    readonly_fields = (
        "report",
        "kind",
        "download",
        "sha256",
        "data_hash",
        "pages",
        "by",
        "created_at",
    )
    exclude = ("file",)

    @admin.display(description=_("tệp"))
    def download(self, obj: RenderedDocument) -> SafeString | str:
        """Stored files are served only through the scoped download view, never by URL."""
        if not obj.file.name:
            return "—"
        url = reverse(
            "document_download",
            kwargs={"code": obj.report.unit.code, "period": obj.report.period.code, "pk": obj.pk},
        )
        return format_html('<a href="{}">{}</a>', url, _("Tải tệp"))


@admin.register(NarrativeSection)
class NarrativeSectionAdmin(SimpleHistoryAdmin):
    """The narrative of a submitted report is read-only here as on its page."""

    raw_id_fields = ("unit", "period")

    def _locked(self, obj: Model | None) -> bool:
        return isinstance(obj, NarrativeSection) and period_is_locked(
            unit=obj.unit, period=obj.period
        )

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not self._locked(obj) and super().has_delete_permission(request, obj)


@admin.register(DocumentSettings)
class DocumentSettingsAdmin(SimpleHistoryAdmin):
    """The header and closing data of a unit's report for one period: read-only once that
    report is submitted (the submitted version keeps its own frozen copy anyway)."""

    list_display = ("unit", "period", "addressee", "signer_name")
    list_filter = ("period",)
    raw_id_fields = ("unit", "period")

    def _locked(self, obj: Model | None) -> bool:
        return (
            isinstance(obj, DocumentSettings)
            and Report.objects.filter(
                unit=obj.unit, period=obj.period, state__in=LOCKING_STATES
            ).exists()
        )

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not self._locked(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return not self._locked(obj) and super().has_delete_permission(request, obj)


@admin.register(ReportVersion)
class ReportVersionAdmin(admin.ModelAdmin):
    """Frozen submissions: read-only, never deleted (what was sent stays what was sent)."""

    list_display = ("report", "number", "submitted_at", "submitted_by", "sha256")
    list_filter = ("report__period",)
    search_fields = ("report__unit__code", "report__unit__name")

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        return [f.name for f in ReportVersion._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
