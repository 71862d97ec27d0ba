"""The import kind of staff: the unit's officials, civil servants and part-time workers."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from imports.base import ImportResult, Progress
from imports.registry import ImportKind, import_kinds
from imports.tabular import resource_columns
from reports.models import JobKind

from .resources import PersonResource, staff_import


def _staff_run(
    *,
    file: Any,
    unit: Any,
    period: Any,
    by: Any,
    commit: bool,
    name: str,
    progress: Progress | None,
) -> ImportResult:
    return staff_import(file=file, unit=unit, period=period, by=by, commit=commit, name=name)


import_kinds.add(
    ImportKind(
        key="staff",
        label=gettext_lazy("Cán bộ, công chức, người hoạt động KCT"),
        job_kind=JobKind.IMPORT_STAFF,
        run=_staff_run,
        headers=lambda: [c.label for c in resource_columns(PersonResource(unit=None))],
        description=gettext_lazy("Danh sách cán bộ, công chức; nhận diện theo họ tên và chức vụ."),
    ),
)
