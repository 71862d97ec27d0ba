from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import DisciplineCase, Person, PersonnelAction, PostQuota, TrainingAttendance


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ("full_name", "unit", "category", "position", "education", "political_theory")
    list_filter = ("category", "education", "political_theory")
    search_fields = ("full_name", "position")
    raw_id_fields = ("unit",)


for model in (PostQuota, TrainingAttendance, PersonnelAction, DisciplineCase):
    admin.site.register(model, SimpleHistoryAdmin, raw_id_fields=("unit",))
