from django.contrib import admin

from records.admin import LockedRecordAdmin

from .models import Dossier, Feedback, Procedure, SurveyResponse


@admin.register(Procedure)
class ProcedureAdmin(LockedRecordAdmin):
    list_display = ("code", "name", "field", "online_level", "linked_group")
    list_filter = ("online_level", "field")
    search_fields = ("code", "name")


@admin.register(Dossier)
class DossierAdmin(LockedRecordAdmin):
    list_display = ("code", "unit", "procedure_code", "channel", "received_at", "status")
    list_filter = ("status", "channel", "online_level")
    search_fields = ("code", "procedure_code")
    raw_id_fields = ("unit", "procedure")
    list_select_related = ("unit",)


@admin.register(Feedback)
class FeedbackAdmin(LockedRecordAdmin):
    list_display = ("unit", "received_on", "resolved_on")
    raw_id_fields = ("unit",)


@admin.register(SurveyResponse)
class SurveyResponseAdmin(LockedRecordAdmin):
    list_display = ("unit", "answered_on", "rating")
    raw_id_fields = ("unit",)
