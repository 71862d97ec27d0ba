"""Spreadsheet import of the unit's staff (cán bộ, công chức, người hoạt động KCT)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy
from import_export import fields, resources

from imports.base import ImportResult
from imports.widgets import ChoiceWidget, DateWidget, TextWidget, YesNoWidget
from orgs.models import Period, Unit

from .models import Education, Person, PoliticalTheory, StaffCategory

if TYPE_CHECKING:
    from records.locking import RecordLockGuard


class PersonResource(resources.ModelResource):
    """One person per row, identified within the unit by full name and position."""

    full_name = fields.Field("full_name", "Họ và tên", widget=TextWidget())
    category = fields.Field(
        "category",
        "Loại",
        widget=ChoiceWidget(
            StaffCategory.choices,
            what=gettext_lazy("loại cán bộ"),
            extra={"kct": ("KCT", "Không chuyên trách", "Người hoạt động KCT")},
        ),
    )
    position = fields.Field("position", "Chức vụ, chức danh", widget=TextWidget())
    education = fields.Field(
        "education",
        "Trình độ chuyên môn",
        widget=ChoiceWidget(
            Education.choices,
            what=gettext_lazy("trình độ chuyên môn"),
            extra={
                "postgraduate": ("Thạc sĩ", "Tiến sĩ"),
                "elementary": ("Sơ cấp", "Chưa qua đào tạo"),
            },
        ),
    )
    political_theory = fields.Field(
        "political_theory",
        "Trình độ lý luận chính trị",
        widget=ChoiceWidget(
            PoliticalTheory.choices,
            what=gettext_lazy("trình độ lý luận chính trị"),
            extra={"none": ("Chưa",)},
        ),
    )
    concurrent_post = fields.Field("concurrent_post", "Kiêm nhiệm", widget=TextWidget())
    has_digital_certificate = fields.Field(
        "has_digital_certificate", "Chứng thư số", widget=YesNoWidget()
    )
    in_post_from = fields.Field("in_post_from", "Giữ chức vụ từ", widget=DateWidget())
    in_post_to = fields.Field("in_post_to", "Giữ chức vụ đến", widget=DateWidget())

    required_columns = ("full_name", "category", "position", "education", "political_theory")

    class Meta:
        model = Person
        fields = (
            "full_name",
            "category",
            "position",
            "education",
            "political_theory",
            "concurrent_post",
            "has_digital_certificate",
            "in_post_from",
            "in_post_to",
        )
        import_id_fields = ("full_name", "position")
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True

    def __init__(
        self, *, unit: Unit | None, by: User | None = None, guard: RecordLockGuard | None = None
    ) -> None:
        super().__init__()
        self.unit = unit
        self.by = by
        self.guard = guard

    def get_queryset(self) -> QuerySet[Person]:
        return Person.objects.filter(unit=self.unit)

    def import_instance(self, instance: Person, row: Any, **kwargs: Any) -> None:
        # Only a resource built for its column headers has no unit; it never imports.
        assert self.unit is not None
        instance.unit = self.unit
        super().import_instance(instance, row, **kwargs)

    def before_save_instance(self, instance: Person, row: Any, **kwargs: Any) -> None:
        if instance.pk:
            instance.version += 1
        instance.updated_by = self.by if getattr(self.by, "pk", None) else None
        # django-simple-history reads the author from the instance; not in its (absent) types.
        instance._history_user = instance.updated_by  # type: ignore[attr-defined]
        if self.guard is not None:
            # A person counts for every period of their time in post (old and new): the lock
            # rule judges the rows by those dates, not by the period of the page.
            self.guard.noting(instance)


def staff_import(
    *,
    file: Any,
    unit: Unit,
    period: Period | None = None,
    by: User | None = None,
    commit: bool = True,
    name: str = "",
) -> ImportResult:
    """Preview or import a staff file for the unit (all-or-nothing)."""
    from imports.models import ImportBatch
    from imports.services import import_batch_record, import_locked_reason
    from imports.tabular import run_resource
    from records.locking import RecordLockGuard
    from reports.recompute import records_changed

    if period is not None:
        locked = import_locked_reason(unit=unit, period=period, by=by, channel="import:staff")
        if locked:
            result = ImportResult(kind=ImportBatch.Kind.STAFF)
            result.add_error(0, "", locked, limit=None)
            return result
    guard = RecordLockGuard(unit=unit, period=period, by=by, channel="import:staff")
    result = run_resource(
        resource=PersonResource(unit=unit, by=by, guard=guard),
        file=file,
        kind=ImportBatch.Kind.STAFF,
        commit=commit,
        name=name,
        guard=guard,
    )
    if result.committed:
        import_batch_record(
            result=result, kind=ImportBatch.Kind.STAFF, unit=unit, by=by, file=file, name=name
        )
        records_changed(unit=unit)
    return result
