"""The import kind of staff: the unit's officials, civil servants and part-time workers."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from imports.registry import ImportKind, import_kinds, without_progress
from imports.tabular import resource_columns
from reports.models import JobKind

from .resources import PersonResource, staff_import

import_kinds.add(
    ImportKind(
        key="staff",
        label=gettext_lazy("Cán bộ, công chức, người hoạt động KCT"),
        job_kind=JobKind.IMPORT_STAFF,
        run=without_progress(staff_import),
        columns=lambda: resource_columns(PersonResource(unit=None)),
        description=gettext_lazy("Danh sách cán bộ, công chức; nhận diện theo họ tên và chức vụ."),
    ),
)
