"""The unit's CCHC plan tasks, the tasks assigned by the level above (directives) and the
figures entered directly (no raw record anywhere).

These models moved here from `reports`; they keep their tables (and the tables of their
history) under the old names, so an existing database keeps its rows (migrations
reports 0003 / plans 0001 move the state only).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.files import RandomName
from orgs.records import UnitPeriodRecord


class DocumentType(models.TextChoices):
    """The kinds of documents a report cites (Decree 30/2020, Appendix III names)."""

    PLAN = "ke_hoach", _("Kế hoạch")
    DECISION = "quyet_dinh", _("Quyết định")
    LETTER = "cong_van", _("Công văn")
    DECREE = "nghi_dinh", _("Nghị định")
    CIRCULAR = "thong_tu", _("Thông tư")
    RESOLUTION = "nghi_quyet", _("Nghị quyết")
    DIRECTIVE = "chi_thi", _("Chỉ thị")
    REPORT = "bao_cao", _("Báo cáo")
    NOTICE = "thong_bao", _("Thông báo")
    REGULATION = "quy_che", _("Quy chế")
    PROGRAM = "chuong_trinh", _("Chương trình")
    OTHER = "khac", _("Văn bản")


class RegisteredDocument(UnitPeriodRecord):
    """A document in the unit's register for the period: a plan, decision or letter the report
    cites (issue 12, 3). Cited in the narrative as `{{ vb:18/KH-UBND }}` (see
    reports/narrative/citations.py)."""

    number = models.CharField(
        _("số"), max_length=30, help_text=_("Ví dụ «18» hoặc «61/2018» (văn bản có năm).")
    )
    symbol = models.CharField(
        _("ký hiệu"),
        max_length=60,
        help_text=_(
            "Ví dụ «KH-UBND», «QĐ-UBND», «UBND», «NĐ-CP». Văn bản của Đảng viết số và ký hiệu "
            "nối bằng gạch ngang: nhập «-CT/TU» để in «31-CT/TU»."
        ),
    )
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(
        _("cơ quan ban hành"),
        max_length=200,
        help_text=_("Ví dụ «UBND xã Bình Phước», «Chính phủ», «UBND tỉnh Quảng Ngãi»."),
    )
    doc_type = models.CharField(_("loại văn bản"), max_length=20, choices=DocumentType.choices)
    subject = models.CharField(_("trích yếu"), max_length=500)
    file = models.FileField(_("tệp văn bản"), upload_to=RandomName("documents"), blank=True)
    file_name = models.CharField(_("tên tệp"), max_length=255, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("sổ văn bản")
        ordering = ["issued_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period", "number", "symbol"],
                name="document_unit_period_reference_unique",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        """Số và ký hiệu as printed: «18/KH-UBND», «61/2018/NĐ-CP», «31-CT/TU»."""
        symbol = self.symbol.strip()
        if symbol.startswith("-"):
            return f"{self.number.strip()}{symbol}"
        return f"{self.number.strip()}/{symbol}"


class PlanTask(UnitPeriodRecord):
    """A task of the unit's own CCHC plan for the year."""

    title = models.CharField(_("nhiệm vụ"), max_length=500)
    owner = models.CharField(_("người/bộ phận thực hiện"), max_length=200, blank=True)
    due_on = models.DateField(_("thời hạn"), null=True, blank=True)
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    plan = models.ForeignKey(
        RegisteredDocument,
        verbose_name=_("kế hoạch giao nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plan_tasks",
    )

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
