"""The unit's CCHC plan tasks, the tasks assigned by the level above (directives) and the
figures entered directly (no raw record anywhere).

These models moved here from `reports`; they keep their tables (and the tables of their
history) under the old names, so an existing database keeps its rows (migrations
reports 0003 / plans 0001 move the state only).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from orgs.records import UnitPeriodRecord


class PlanTask(UnitPeriodRecord):
    """A task of the unit's own CCHC plan for the year."""

    title = models.CharField(_("nhiệm vụ"), max_length=500)
    owner = models.CharField(_("người/bộ phận thực hiện"), max_length=200, blank=True)
    due_on = models.DateField(_("thời hạn"), null=True, blank=True)
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    history = HistoricalRecords(table_name="reports_historicalplantask")

    class Meta:
        db_table = "reports_plantask"
        verbose_name = _("nhiệm vụ kế hoạch CCHC")
        verbose_name_plural = _("nhiệm vụ kế hoạch CCHC")
        ordering = ["due_on", "pk"]


class Directive(UnitPeriodRecord):
    """A task assigned by the level above (UBND, Chủ tịch, Phó Chủ tịch cấp trên giao)."""

    title = models.CharField(_("nhiệm vụ"), max_length=500)
    reference = models.CharField(_("văn bản giao"), max_length=200, blank=True)
    assigned_on = models.DateField(_("ngày giao"))
    due_on = models.DateField(_("hạn hoàn thành"))
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    history = HistoricalRecords(table_name="reports_historicaldirective")

    class Meta:
        db_table = "reports_directive"
        verbose_name = _("nhiệm vụ cấp trên giao")
        verbose_name_plural = _("nhiệm vụ cấp trên giao")
        ordering = ["assigned_on", "pk"]


class EnteredFigure(UnitPeriodRecord):
    """A figure with no raw record anywhere (legal documents reviewed, ...), keyed by indicator code."""

    code = models.CharField(_("mã chỉ tiêu"), max_length=80)
    value = models.BigIntegerField(_("giá trị"))
    approximate = models.BooleanField(
        _("số ước (trên/khoảng)"),
        default=False,
        help_text=_("Đánh dấu khi số liệu là ước tính, ví dụ «trên 80 lượt»."),
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    history = HistoricalRecords(table_name="reports_historicalenteredfigure")

    class Meta:
        db_table = "reports_enteredfigure"
        verbose_name = _("số liệu nhập trực tiếp")
        verbose_name_plural = _("số liệu nhập trực tiếp")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period", "code"], name="figure_unit_period_code_unique"
            )
        ]
