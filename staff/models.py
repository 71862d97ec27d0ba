"""People of the unit, allotted posts, trainings, personnel actions, discipline."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from orgs.records import UnitRecord


class StaffCategory(models.TextChoices):
    CADRE = "cadre", _("Cán bộ")
    CIVIL_SERVANT = "civil_servant", _("Công chức")
    KCT = "kct", _("Người hoạt động không chuyên trách")


class Education(models.TextChoices):
    POSTGRADUATE = "postgraduate", _("Sau đại học")
    UNIVERSITY = "university", _("Đại học")
    COLLEGE = "college", _("Cao đẳng")
    INTERMEDIATE = "intermediate", _("Trung cấp")
    ELEMENTARY = "elementary", _("Sơ cấp/chưa qua đào tạo")


class PoliticalTheory(models.TextChoices):
    ADVANCED = "advanced", _("Cao cấp")
    INTERMEDIATE = "intermediate", _("Trung cấp")
    ELEMENTARY = "elementary", _("Sơ cấp")
    NONE = "none", _("Chưa qua đào tạo")


class Person(UnitRecord):
    full_name = models.CharField(_("họ và tên"), max_length=200)
    category = models.CharField(_("loại"), max_length=20, choices=StaffCategory.choices)
    position = models.CharField(_("chức vụ, chức danh"), max_length=200)
    education = models.CharField(_("trình độ chuyên môn"), max_length=20, choices=Education.choices)
    political_theory = models.CharField(
        _("trình độ lý luận chính trị"), max_length=20, choices=PoliticalTheory.choices
    )
    concurrent_post = models.CharField(
        _("kiêm nhiệm"), max_length=200, blank=True, help_text=_("Để trống nếu không kiêm nhiệm.")
    )
    has_digital_certificate = models.BooleanField(_("có chứng thư số"), default=False)
    in_post_from = models.DateField(_("giữ chức vụ từ"), null=True, blank=True)
    in_post_to = models.DateField(_("giữ chức vụ đến"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cán bộ, công chức, người hoạt động KCT")
        verbose_name_plural = _("cán bộ, công chức, người hoạt động KCT")
        ordering = ["category", "full_name"]
        indexes = [models.Index(fields=["unit", "category"], name="person_unit_category")]

    def __str__(self) -> str:
        return self.full_name


class PostQuota(UnitRecord):
    """Posts of cán bộ, công chức allotted to the unit for a year (e.g. 20 for a type-2 commune)."""

    year = models.PositiveIntegerField(_("năm"))
    quota = models.PositiveIntegerField(_("số lượng được giao"))
    decision_ref = models.CharField(_("văn bản giao"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("số lượng cán bộ, công chức được giao")
        verbose_name_plural = _("số lượng cán bộ, công chức được giao")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="quota_unit_year_unique")
        ]


class TrainingAttendance(UnitRecord):
    person = models.ForeignKey(
        Person, verbose_name=_("người tham gia"), null=True, blank=True, on_delete=models.SET_NULL
    )
    course = models.CharField(_("lớp đào tạo, bồi dưỡng"), max_length=300)
    organiser = models.CharField(_("đơn vị tổ chức"), max_length=200, blank=True)
    start_on = models.DateField(_("từ ngày"))
    end_on = models.DateField(_("đến ngày"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lượt đào tạo, bồi dưỡng")
        verbose_name_plural = _("lượt đào tạo, bồi dưỡng")
        ordering = ["-start_on"]


class PersonnelActionKind(models.TextChoices):
    GRADE_TRANSFER = "grade_transfer", _("Chuyển ngạch")
    RAISE = "raise", _("Nâng bậc lương thường xuyên")
    ROTATION = "rotation", _("Chuyển đổi vị trí công tác")


class PersonnelAction(UnitRecord):
    person = models.ForeignKey(
        Person,
        verbose_name=_("cán bộ, công chức"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    kind = models.CharField(_("loại"), max_length=20, choices=PersonnelActionKind.choices)
    effective_on = models.DateField(_("ngày thực hiện"))
    decision_ref = models.CharField(_("văn bản"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thay đổi nhân sự")
        verbose_name_plural = _("thay đổi nhân sự")
        ordering = ["-effective_on"]


class DisciplineCase(UnitRecord):
    person = models.ForeignKey(
        Person,
        verbose_name=_("cán bộ, công chức"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    decided_on = models.DateField(_("ngày quyết định"))
    form = models.CharField(_("hình thức kỷ luật"), max_length=200)
    reason = models.TextField(_("lý do"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vụ việc kỷ luật")
        verbose_name_plural = _("vụ việc kỷ luật")
        ordering = ["-decided_on"]
