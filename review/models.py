"""Records of the reviewer's side."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class IndicatorTarget(models.Model):
    """A floor for one indicator, set by the reviewers of a unit for the units under it: a child's
    value below it is highlighted on the dashboard. Without a period it holds for every period;
    with one it overrides the general target in that period. A target set on a unit also holds
    under its descendants unless a nearer unit sets its own (review.targets.targets_for)."""

    unit = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("đơn vị đặt chỉ tiêu"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    code = models.CharField(_("mã chỉ tiêu"), max_length=80)
    value = models.DecimalField(_("mức tối thiểu"), max_digits=18, decimal_places=2)
    period = models.ForeignKey(
        "orgs.Period",
        verbose_name=_("kỳ báo cáo"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mục tiêu chỉ tiêu")
        verbose_name_plural = _("mục tiêu chỉ tiêu")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "code", "period"],
                name="indicator_target_unit_code_period_unique",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=0), name="indicator_target_value_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}:{self.code}≥{self.value}"
