"""The import kinds of tthc: one-stop dossiers of a unit and the shared procedure catalogue."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from imports.base import ImportResult, Progress
from imports.registry import ImportKind, import_kinds
from reports.models import JobKind

from .importing import dossiers as _dossier_format
from .importing import procedures as _procedure_format
from .services import dossiers_import, procedures_import


def _dossiers_run(
    *,
    file: Any,
    unit: Any,
    period: Any,
    by: Any,
    commit: bool,
    name: str,
    progress: Progress | None,
) -> ImportResult:
    return dossiers_import(file=file, unit=unit, by=by, commit=commit, name=name, progress=progress)


def _procedures_run(
    *,
    file: Any,
    unit: Any,
    period: Any,
    by: Any,
    commit: bool,
    name: str,
    progress: Progress | None,
) -> ImportResult:
    return procedures_import(file=file, by=by, commit=commit, name=name, progress=progress)


import_kinds.add(
    ImportKind(
        key="dossiers",
        label=gettext_lazy("Hồ sơ TTHC"),
        job_kind=JobKind.IMPORT_DOSSIERS,
        run=_dossiers_run,
        columns=lambda: list(_dossier_format.COLUMNS),
        description=gettext_lazy(
            "Tệp hồ sơ xuất từ Hệ thống một cửa (CSV UTF-8 hoặc XLSX); hồ sơ đã có được cập "
            "nhật theo mã hồ sơ."
        ),
    ),
    ImportKind(
        key="procedures",
        label=gettext_lazy("Danh mục TTHC"),
        job_kind=JobKind.IMPORT_PROCEDURES,
        run=_procedures_run,
        columns=lambda: list(_procedure_format.COLUMNS),
        admin_only=True,
        description=gettext_lazy("Danh mục thủ tục hành chính dùng chung; chỉ quản trị nhập."),
    ),
)
