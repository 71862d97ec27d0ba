from django.contrib import admin

from records.admin import LockedRecordAdmin

from .models import AssetRegulation, BudgetLine, InvestmentLine

for model in (BudgetLine, InvestmentLine, AssetRegulation):
    admin.site.register(model, LockedRecordAdmin, raw_id_fields=("unit", "period"))
