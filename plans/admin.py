from django.contrib import admin

from records.admin import LockedRecordAdmin

from .models import Directive, EnteredFigure, PlanTask

for model in (PlanTask, Directive, EnteredFigure):
    admin.site.register(model, LockedRecordAdmin, raw_id_fields=("unit", "period"))
