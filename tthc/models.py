"""Procedure catalogue, one-stop dossiers, citizens' feedback and satisfaction surveys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from orgs.records import UnitRecord

if TYPE_CHECKING:
    from orgs.models import Period


class OnlineLevel(models.TextChoices):
    NONE = "none", _("Không")
    PARTIAL = "partial", _("Một phần")
    FULL = "full", _("Toàn trình")


class Procedure(models.Model):
    """One procedure (TTHC) of the national catalogue, as published for the province."""

    code = models.CharField(_("mã TTHC"), max_length=40, unique=True)
    name = models.CharField(_("tên TTHC"), max_length=500, blank=True)
    field = models.CharField(_("lĩnh vực"), max_length=200, blank=True)
    online_level = models.CharField(
        _("mức độ DVC trực tuyến"),
        max_length=10,
        choices=OnlineLevel.choices,
        default=OnlineLevel.NONE,
    )
    linked_group = models.CharField(_("nhóm liên thông"), max_length=200, blank=True)
    # Publicity (QĐ 766, group 1): the announcement decision (QĐ công bố), the date its legal
    # basis takes effect, the date it was published on the national TTHC database, and whether
    # the published record has every part NĐ 63/2010 Art. 8(2) requires.
    announcement_ref = models.CharField(_("số quyết định công bố"), max_length=100, blank=True)
    announced_on = models.DateField(_("ngày quyết định công bố"), null=True, blank=True)
    basis_effective_on = models.DateField(
        _("ngày văn bản quy định TTHC có hiệu lực"), null=True, blank=True
    )
    published_on = models.DateField(
        _("ngày công khai trên CSDL quốc gia về TTHC"), null=True, blank=True
    )
    published_complete = models.BooleanField(
        _("công khai đầy đủ bộ phận tạo thành"),
        default=False,
        help_text=_(
            "Tên, trình tự, cách thức, thành phần hồ sơ, thời hạn, đối tượng, cơ quan thực hiện "
            "(Điều 8 khoản 2 Nghị định 63/2010/NĐ-CP)."
        ),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("danh mục thủ tục hành chính")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class Channel(models.TextChoices):
    ONLINE = "online", _("Trực tuyến")
    DIRECT = "direct", _("Trực tiếp")
    POSTAL = "postal", _("Bưu chính")


class DossierStatus(models.TextChoices):
    RESOLVED = "resolved", _("Đã giải quyết")
    PENDING = "pending", _("Đang giải quyết")
    WITHDRAWN = "withdrawn", _("Rút hồ sơ")
    REJECTED = "rejected", _("Từ chối")


class Source(models.TextChoices):
    PROVINCIAL = "provincial", _("Một cửa tỉnh")
    NATIONAL = "national", _("Cổng DVC quốc gia")


class DossierQuerySet(models.QuerySet):
    def in_window(self, period: Period) -> DossierQuerySet:
        """The dossiers a period's figures are about: received in its window [start 00:00,
        day after end 00:00) local time, or received before it and still open at its start
        (carried over). The one population of the dossier indicators, their drill-down lists
        and the dossier records page."""
        lo, hi = period.window_bounds()
        return self.filter(
            Q(received_at__lt=hi)
            & (Q(received_at__gte=lo) | Q(resolved_at__isnull=True) | Q(resolved_at__gte=lo))
        )


class Dossier(UnitRecord):
    """One dossier received by the unit's one-stop shop (SPEC §4)."""

    code = models.CharField(_("mã hồ sơ"), max_length=60)
    procedure_code = models.CharField(_("mã TTHC"), max_length=40)
    procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("thủ tục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
        db_constraint=False,
    )
    procedure_name = models.CharField(_("tên TTHC"), max_length=500, blank=True)
    # Denormalised from the catalogue (kept in step by the catalogue import) so that the
    # online-service indicators are one scan of the dossier table without a join.
    online_level = models.CharField(
        _("mức độ DVC"), max_length=10, choices=OnlineLevel.choices, default=OnlineLevel.NONE
    )
    channel = models.CharField(_("hình thức nộp"), max_length=10, choices=Channel.choices)
    received_at = models.DateTimeField(_("ngày tiếp nhận"))
    due_at = models.DateTimeField(_("hạn xử lý"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("ngày có kết quả"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=DossierStatus.choices)
    components_digitized = models.BooleanField(_("số hóa thành phần hồ sơ"), default=False)
    result_digitized = models.BooleanField(_("số hóa kết quả"), default=False)
    paid_online = models.BooleanField(_("thanh toán trực tuyến"), default=False)
    fee = models.BigIntegerField(_("phí, lệ phí (đồng)"), null=True, blank=True)
    source = models.CharField(
        _("nguồn"), max_length=12, choices=Source.choices, default=Source.PROVINCIAL
    )
    import_batch = models.ForeignKey(
        "imports.ImportBatch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords()

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ TTHC")
        verbose_name_plural = _("hồ sơ TTHC")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="dossier_unit_code_unique"),
        ]
        indexes = [
            models.Index(fields=["unit", "received_at"], name="dossier_unit_received"),
            models.Index(fields=["unit", "resolved_at"], name="dossier_unit_resolved"),
        ]

    def __str__(self) -> str:
        return self.code


class Feedback(UnitRecord):
    """A citizen's feedback or petition (phản ánh, kiến nghị) about administrative regulations."""

    received_on = models.DateField(_("ngày tiếp nhận"))
    channel = models.CharField(_("hình thức"), max_length=100, blank=True)
    subject = models.TextField(_("nội dung"))
    resolved_on = models.DateField(_("ngày xử lý xong"), null=True, blank=True)
    due_on = models.DateField(
        _("hạn xử lý"),
        null=True,
        blank=True,
        help_text=_("Để trống: 15 ngày làm việc kể từ ngày tiếp nhận (QĐ 766)."),
    )
    answer = models.TextField(_("kết quả trả lời"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phản ánh, kiến nghị")
        verbose_name_plural = _("phản ánh, kiến nghị")
        ordering = ["-received_on"]
        indexes = [models.Index(fields=["unit", "received_on"], name="feedback_unit_received")]


class Rating(models.IntegerChoices):
    VERY_DISSATISFIED = 1, _("Rất không hài lòng")
    DISSATISFIED = 2, _("Không hài lòng")
    NEUTRAL = 3, _("Bình thường")
    SATISFIED = 4, _("Hài lòng")
    VERY_SATISFIED = 5, _("Rất hài lòng")


class SurveyResponse(UnitRecord):
    """One satisfaction survey form filled in at the one-stop shop."""

    answered_on = models.DateField(_("ngày khảo sát"))
    procedure_code = models.CharField(_("mã TTHC"), max_length=40, blank=True)
    rating = models.PositiveSmallIntegerField(_("mức độ hài lòng"), choices=Rating.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phiếu khảo sát hài lòng")
        verbose_name_plural = _("phiếu khảo sát hài lòng")
        ordering = ["-answered_on"]
        indexes = [models.Index(fields=["unit", "answered_on"], name="survey_unit_answered")]
