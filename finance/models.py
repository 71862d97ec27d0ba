"""Budget lines, public investment and the public-asset regulation of a unit."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from orgs.records import UnitPeriodRecord


class BudgetKind(models.TextChoices):
    REVENUE = "revenue", _("Tổng thu ngân sách nhà nước trên địa bàn")
    ORDINANCE_REVENUE = "ordinance_revenue", _("Thu theo chỉ tiêu Pháp lệnh")
    EXPENDITURE = "expenditure", _("Tổng chi ngân sách")


class BudgetLine(UnitPeriodRecord):
    """Plan and actual of one budget aggregate, in VND, as of a date."""

    kind = models.CharField(_("loại"), max_length=20, choices=BudgetKind.choices)
    plan = models.BigIntegerField(_("kế hoạch (đồng)"))
    actual = models.BigIntegerField(_("thực hiện (đồng)"))
    as_of = models.DateField(_("số liệu tính đến ngày"))
    estimated = models.BooleanField(_("số ước thực hiện"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dòng thu, chi ngân sách")
        verbose_name_plural = _("thu, chi ngân sách")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period", "kind"], name="budget_unit_period_kind_unique"
            )
        ]


class InvestmentLine(UnitPeriodRecord):
    """Public investment capital allocated to and disbursed by the unit for one project."""

    project = models.CharField(_("dự án, công trình"), max_length=300)
    allocated = models.BigIntegerField(_("kế hoạch vốn giao (đồng)"))
    disbursed = models.BigIntegerField(_("đã giải ngân (đồng)"))
    as_of = models.DateField(_("số liệu tính đến ngày"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vốn đầu tư công")
        verbose_name_plural = _("vốn đầu tư công")


class AssetRegulation(UnitPeriodRecord):
    """The unit's decision issuing its rules on managing and using public assets."""

    decision_ref = models.CharField(_("số, ký hiệu quyết định"), max_length=100)
    issued_on = models.DateField(_("ngày ban hành"))
    title = models.CharField(_("trích yếu"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quy chế quản lý tài sản công")
        verbose_name_plural = _("quy chế quản lý tài sản công")
