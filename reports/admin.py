from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    DocumentSettings,
    Job,
    NarrativeSection,
    RenderedDocument,
    Report,
    ReportTransition,
)


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
    # State changes go through the workflow service, never through the admin form.
    readonly_fields = ("state", "submitted_at")


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
    readonly_fields = ("report", "kind", "file", "sha256", "data_hash", "pages", "by", "created_at")


admin.site.register(NarrativeSection, SimpleHistoryAdmin, raw_id_fields=("unit", "period"))
admin.site.register(DocumentSettings, SimpleHistoryAdmin, raw_id_fields=("unit",))
