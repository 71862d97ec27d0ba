from django.contrib import admin

from records.admin import LockedRecordAdmin

from .models import Directive, EnteredFigure, PlanTask, RegisteredDocument

for model in (PlanTask, Directive, EnteredFigure):
    admin.site.register(model, LockedRecordAdmin, raw_id_fields=("unit", "period"))
# The file leaves the server only through the unit's scoped view, never an admin link.
admin.site.register(
    RegisteredDocument, LockedRecordAdmin, raw_id_fields=("unit", "period"), exclude=("file",)
)
