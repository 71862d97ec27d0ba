from django.contrib import admin

from records.admin import LockedRecordAdmin

from .models import DisciplineCase, Person, PersonnelAction, PostQuota, TrainingAttendance


@admin.register(Person)
class PersonAdmin(LockedRecordAdmin):
    list_display = ("full_name", "unit", "category", "position", "education", "political_theory")
    list_filter = ("category", "education", "political_theory")
    search_fields = ("full_name", "position")
    raw_id_fields = ("unit",)


for model in (PostQuota, TrainingAttendance, PersonnelAction, DisciplineCase):
    admin.site.register(model, LockedRecordAdmin, raw_id_fields=("unit",))
