from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import AssetRegulation, BudgetLine, InvestmentLine

for model in (BudgetLine, InvestmentLine, AssetRegulation):
    admin.site.register(model, SimpleHistoryAdmin, raw_id_fields=("unit", "period"))
