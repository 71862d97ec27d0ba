"""The report object and its workflow, narrative, indicator snapshots, document settings,
rendered files and background jobs. (Plan tasks, directives and entered figures: `plans`.)"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.files import RandomName
from orgs.records import UnitPeriodRecord

from .workflow import ReportState, is_locking


class Report(models.Model):
    """A unit's report for a period: one object with a workflow state (SPEC §7)."""

    unit = models.ForeignKey(
        "orgs.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="reports"
    )
    period = models.ForeignKey(
        "orgs.Period",
        verbose_name=_("kỳ báo cáo"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    state = models.CharField(
        _("trạng thái"), max_length=12, choices=ReportState.choices, default=ReportState.DRAFT
    )
    doc_number = models.PositiveIntegerField(_("số văn bản"), null=True, blank=True)
    doc_symbol = models.CharField(_("ký hiệu"), max_length=40, default="BC-UBND")
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo CCHC")
        verbose_name_plural = _("báo cáo CCHC")
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="report_unit_period_unique")
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period}"

    @property
    def is_locked(self) -> bool:
        return is_locking(self.state)


class ReportTransition(models.Model):
    """One workflow step: who moved the report from which state to which, and why."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=12, choices=ReportState.choices)
    to_state = models.CharField(max_length=12, choices=ReportState.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)
    # The submitted version (ReportVersion.number) this step created or acted on.
    version_number = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]


class ReportVersion(models.Model):
    """What one submission sent, frozen (reports/versions.py): the indicator values, the
    validation findings with the unit's explanations, the narrative and the document settings.
    The reviewer accepts and the approver signs exactly this; the documents of a submitted,
    accepted or signed report are rendered from it, never from live data. `number` n is the
    n-th submission of the report (= the number of submit transitions so far)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("lần gửi"))
    submitted_at = models.DateTimeField(_("gửi lúc"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    # {code: value} as IndicatorSnapshot.values; the same period of last year as printed in the
    # appendix (null when there is no such period).
    values = models.JSONField(default=dict)
    last_values = models.JSONField(null=True, blank=True)
    # [Finding.to_dict() + {"explanation": text}]
    findings = models.JSONField(default=list)
    narrative = models.JSONField(default=dict)  # section key -> text
    document_settings = models.JSONField(default=dict)  # DocumentSettings fields
    # What the document computes beyond the unit's own figures, as printed when submitted: the
    # records' notes (as-of dates, approximate figures) and, for a district or province, its
    # own and area figures, the section on its units and annex II (reports/rendering).
    extras = models.JSONField(default=dict, blank=True)
    doc_number = models.PositiveIntegerField(null=True, blank=True)
    doc_symbol = models.CharField(max_length=40, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    sha256 = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("phiên bản đã gửi")
        verbose_name_plural = _("phiên bản đã gửi")
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"], name="report_version_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.report} — v{self.number}"


class ReportComment(models.Model):
    """A reviewer's (or the unit's) comment on a report, outside the state transitions.

    Anchored to the whole report (no section, no indicator), to a section of the document
    (`section`, a key of reports/sections.py) or to one indicator (`indicator`, a registry code).
    `version` is the submission it was made on (the number of submit transitions at the time,
    = ReportVersion.number). A reviewer's comment is open until the unit marks it addressed
    (reports/comments.py), with an optional reply."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="comments")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(_("nội dung"))
    section = models.CharField(_("mục"), max_length=40, blank=True)
    indicator = models.CharField(_("chỉ tiêu"), max_length=80, blank=True)
    version = models.PositiveIntegerField(_("lần gửi"), default=0)
    by_reviewer = models.BooleanField(default=False)
    addressed_at = models.DateTimeField(_("đã xử lý lúc"), null=True, blank=True)
    addressed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reply = models.TextField(_("trả lời"), blank=True)

    class Meta:
        ordering = ["at", "pk"]

    @property
    def anchor(self) -> str:
        """«report», «section» or «indicator»."""
        if self.indicator:
            return "indicator"
        if self.section:
            return "section"
        return "report"

    @property
    def is_open(self) -> bool:
        return self.by_reviewer and self.addressed_at is None


class NarrativeSection(UnitPeriodRecord):
    """The narrative text of one section of the report; may quote {{ indicator.code }}."""

    key = models.CharField(_("mục"), max_length=40)
    text = models.TextField(_("nội dung"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nội dung mục báo cáo")
        verbose_name_plural = _("nội dung các mục báo cáo")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period", "key"], name="narrative_unit_period_key_unique"
            )
        ]


class IndicatorSnapshot(models.Model):
    """All indicator values of a (unit, period) as last computed, with the validation results."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey("orgs.Period", on_delete=models.CASCADE, related_name="+")
    values = models.JSONField(default=dict)
    validation = models.JSONField(default=list)
    computed_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    data_version = models.CharField(max_length=64, blank=True)
    # When records of the unit last changed (set by reports.recompute.records_changed in the
    # writer's transaction): a snapshot with changed_at > computed_at is older than its data and
    # is recomputed by the reconciler even if the broker lost the debounced refresh.
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "period"], name="snapshot_unit_period_unique")
        ]


class WarningExplanation(models.Model):
    """The unit's written explanation of a validation warning; shown to the reviewer."""

    unit = models.ForeignKey("orgs.Unit", on_delete=models.CASCADE, related_name="+")
    period = models.ForeignKey("orgs.Period", on_delete=models.CASCADE, related_name="+")
    rule = models.CharField(_("quy tắc"), max_length=80)
    text = models.TextField(_("giải trình"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period", "rule"], name="explanation_unit_period_rule_unique"
            )
        ]


class SignerTitle(models.TextChoices):
    CHAIRMAN = "chairman", _("TM. UBND / CHỦ TỊCH")
    VICE_CHAIRMAN = "vice", _("TM. UBND / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")


class DocumentSettings(models.Model):
    """Header and closing data of a unit's report for one period (Decree 30/2020 boxes 2–9):
    drafted from the previous period's (reports/docsettings.py), frozen with each submission."""

    unit = models.ForeignKey(
        "orgs.Unit", on_delete=models.CASCADE, related_name="document_settings"
    )
    period = models.ForeignKey("orgs.Period", on_delete=models.CASCADE, related_name="+")
    issuing_body = models.TextField(
        _("tên cơ quan ban hành"),
        help_text=_("Mỗi dòng một dòng in, ví dụ «ỦY BAN NHÂN DÂN» / «XÃ BÌNH PHƯỚC»."),
    )
    place_name = models.CharField(_("địa danh"), max_length=100)
    addressee = models.CharField(_("kính gửi"), max_length=300, blank=True)
    basis = models.TextField(_("căn cứ"), blank=True)
    recipients = models.TextField(
        _("nơi nhận"), help_text=_("Mỗi dòng một nơi nhận; dòng cuối «Lưu: VT.»")
    )
    signer_title = models.CharField(
        _("thẩm quyền ký"), max_length=10, choices=SignerTitle.choices, default=SignerTitle.CHAIRMAN
    )
    signer_name = models.CharField(_("họ tên người ký"), max_length=200)
    organisation_name = models.CharField(
        _("tên tổ chức trong chữ ký số"), max_length=200, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thông tin văn bản")
        verbose_name_plural = _("thông tin văn bản")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "period"], name="document_settings_unit_period_unique"
            )
        ]


class DocumentKind(models.TextChoices):
    PREVIEW = "preview", _("Bản xem trước (PDF)")
    FINAL = "final", _("Bản chính thức (PDF)")
    DOCX = "docx", _("Bản Word (DOCX)")
    SIGNED = "signed", _("Bản đã ký số (PDF)")


class RenderedDocument(models.Model):
    """A stored output file of a report, with the SHA-256 of its bytes and of its input data."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(max_length=10, choices=DocumentKind.choices)
    file = models.FileField(upload_to=RandomName("reports"))
    sha256 = models.CharField(max_length=64)
    data_hash = models.CharField(max_length=64, db_index=True)
    pages = models.PositiveIntegerField(default=0)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The submitted version rendered (None: a draft rendered from live data).
    version_number = models.PositiveIntegerField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]


class JobKind(models.TextChoices):
    IMPORT_DOSSIERS = "import_dossiers", _("Nhập hồ sơ TTHC")
    IMPORT_PROCEDURES = "import_procedures", _("Nhập danh mục TTHC")
    IMPORT_STAFF = "import_staff", _("Nhập danh sách cán bộ, công chức")
    IMPORT_BUDGET = "import_budget", _("Nhập thu, chi ngân sách")
    IMPORT_INVESTMENT = "import_investment", _("Nhập vốn đầu tư công")
    IMPORT_DOCUMENTS = "import_documents", _("Nhập sổ văn bản")
    RECOMPUTE = "recompute", _("Tính lại chỉ tiêu")
    RENDER_PDF = "render_pdf", _("Xuất báo cáo PDF")
    RENDER_DOCX = "render_docx", _("Xuất báo cáo DOCX")
    EXPORT = "export", _("Xuất dữ liệu")
    HEALTH = "health", _("Kiểm tra hệ thống")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Hoàn thành")
    FAILED = "failed", _("Lỗi")


class Job(models.Model):
    """A background job: the row the browser polls for progress (DESIGN habit 6)."""

    kind = models.CharField(max_length=20, choices=JobKind.choices)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    input_file = models.FileField(upload_to=RandomName("jobs/in"), blank=True)
    result_file = models.FileField(upload_to=RandomName("jobs/out"), blank=True)
    unit = models.ForeignKey(
        "orgs.Unit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    period = models.ForeignKey(
        "orgs.Period", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Delivery (reports/jobs.py): the task that runs the job and its arguments (so the
    # reconciler can send it again), when it started waiting, when it was last handed to the
    # broker, the worker process running it ("host:pid"), its last sign of life and how many
    # times a worker started it.
    task_name = models.CharField(max_length=100, blank=True)
    task_args = models.JSONField(default=list, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=200, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "queued_at"], name="job_status_queued_idx")]

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def is_delayed(self) -> bool:
        """Waiting longer than CCHC_JOB_DELAYED_AFTER seconds: the page says so plainly."""
        if self.status != JobStatus.QUEUED:
            return False
        since = self.queued_at or self.created_at
        if since is None:
            return False
        limit = timedelta(seconds=settings.CCHC_JOB_DELAYED_AFTER)
        return timezone.now() - since >= limit

    @property
    def can_retry(self) -> bool:
        return self.status == JobStatus.FAILED and bool(self.task_name)
