from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Directive, EnteredFigure, PlanTask

for model in (PlanTask, Directive, EnteredFigure):
    admin.site.register(model, SimpleHistoryAdmin, raw_id_fields=("unit", "period"))
