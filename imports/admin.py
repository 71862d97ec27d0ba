from django.contrib import admin

from .models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = (
        "at",
        "kind",
        "unit",
        "original_name",
        "rows",
        "created",
        "updated",
        "unchanged",
        "by",
    )
    list_filter = ("kind",)
    readonly_fields = [f.name for f in ImportBatch._meta.fields]
