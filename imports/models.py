"""The audit row of an accepted import: one per file, kept with the stored file."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.files import RandomName


class ImportBatch(models.Model):
    """One accepted import of a file: how imports are audited (one row per file, not per record).

    Bulk writes skip save() and signals, so per-record history is not written for imported rows;
    the batch keeps the stored file, its SHA-256, who imported it and the counts, and every
    imported dossier points at the batch that last changed it.
    """

    class Kind(models.TextChoices):
        DOSSIERS = "dossiers", _("Hồ sơ TTHC")
        PROCEDURES = "procedures", _("Danh mục TTHC")
        STAFF = "staff", _("Cán bộ, công chức")
        BUDGET = "budget", _("Thu, chi ngân sách")
        DOCUMENTS = "documents", _("Sổ văn bản")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    unit = models.ForeignKey(
        "orgs.Unit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    file = models.FileField(upload_to=RandomName("imports"), blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    warnings = models.JSONField(default=list, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lần nhập dữ liệu")
        verbose_name_plural = _("các lần nhập dữ liệu")
        db_table = "tthc_importbatch"  # moved from tthc; the table and its rows stay
        ordering = ["-at"]
