"""Abstract base models shared by the record apps."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimestampedModel):
    """A record edited in forms: `version` detects concurrent edits (optimistic locking).

    Services compare the version the editor loaded with the stored one and refuse the save
    when they differ, so the second writer is told instead of silently overwriting.
    """

    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cập nhật"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        abstract = True


class UnitRecord(VersionedModel):
    """A raw record that belongs to one administrative unit."""

    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True


class UnitPeriodRecord(UnitRecord):
    """A record that belongs to one unit and one reporting period (budget line, task, ...)."""

    period = models.ForeignKey(
        "orgs.Period", verbose_name=_("kỳ báo cáo"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True
