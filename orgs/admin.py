from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Membership, Period, Unit


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "level", "parent", "valid_from", "valid_to")
    list_filter = ("level",)
    search_fields = ("code", "name")
    raw_id_fields = ("parent", "successor")


@admin.register(Period)
class PeriodAdmin(SimpleHistoryAdmin):
    list_display = ("code", "start", "end", "deadline", "is_closed")
    readonly_fields = ("year", "kind", "number")


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("user", "unit", "role")
    list_filter = ("role",)
    search_fields = ("user__username", "unit__code", "unit__name")
    raw_id_fields = ("unit",)
