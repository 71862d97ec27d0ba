"""Forms of the budget, public-investment and asset-regulation sections. Money is typed in VND
with or without dots as thousands separators; the parsed value is echoed beside the input."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from records.forms import AmountField, RecordForm, RecordMeta

from .models import AssetRegulation, BudgetLine, InvestmentLine


class BudgetLineForm(RecordForm):
    unique_within_unit = (
        ("kind",),
        _("Loại thu, chi này đã được nhập cho kỳ báo cáo; hãy sửa dòng đã có."),
    )
    plan = AmountField(label=_("kế hoạch (đồng)"), unit_word=_("đồng"))
    actual = AmountField(label=_("thực hiện (đồng)"), unit_word=_("đồng"))

    class Meta(RecordMeta):
        model = BudgetLine
        fields = ["kind", "plan", "actual", "as_of", "estimated"]


class InvestmentLineForm(RecordForm):
    allocated = AmountField(label=_("kế hoạch vốn giao (đồng)"), unit_word=_("đồng"))
    disbursed = AmountField(label=_("đã giải ngân (đồng)"), unit_word=_("đồng"))

    class Meta(RecordMeta):
        model = InvestmentLine
        fields = ["project", "allocated", "disbursed", "as_of"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        allocated, disbursed = data.get("allocated"), data.get("disbursed")
        if allocated is not None and disbursed is not None and disbursed > allocated:
            self.add_error(
                "disbursed", _("Số đã giải ngân không được lớn hơn kế hoạch vốn được giao.")
            )
        return data


class AssetRegulationForm(RecordForm):
    class Meta(RecordMeta):
        model = AssetRegulation
        fields = ["decision_ref", "issued_on", "title"]
