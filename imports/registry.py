"""The registry of import kinds, filled by each app's `import_kinds` module.

    # tthc/import_kinds.py
    from imports.registry import ImportKind, import_kinds
    import_kinds.add(ImportKind(key="dossiers", label=..., job_kind=JobKind.IMPORT_DOSSIERS,
                                run=_run, columns=_columns))

The kit never names an app: `load()` imports `<app>.import_kinds` of every installed app, in
INSTALLED_APPS order (which is also the order of the kinds on the import page).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from django.utils.module_loading import autodiscover_modules

from .base import Column, ImportResult, Progress

IMPORT_KINDS_MODULE = "import_kinds"


class ImportRunner(Protocol):
    def __call__(
        self,
        *,
        file: Any,
        unit: Any,
        period: Any,
        by: Any,
        commit: bool,
        name: str,
        progress: Progress | None,
    ) -> ImportResult: ...


def without_progress(importer: Callable[..., ImportResult]) -> ImportRunner:
    """An import service that reports no progress (a small spreadsheet read in one go), as an
    ImportKind's `run`."""

    def run(
        *,
        file: Any,
        unit: Any,
        period: Any,
        by: Any,
        commit: bool,
        name: str,
        progress: Progress | None,
    ) -> ImportResult:
        return importer(file=file, unit=unit, period=period, by=by, commit=commit, name=name)

    return run


@dataclass(frozen=True)
class ImportKind:
    """One kind of file a user may import from the browser.

    key: the URL segment and `Job.params["import_kind"]`; job_kind: the `JobKind` of its job
    rows; run: previews (commit=False) or imports one file; columns: the columns of the format
    (Vietnamese header, English name, required), for the upload page and the downloadable
    template; admin_only: a global catalogue only an admin imports."""

    key: str
    label: Any
    job_kind: str
    run: ImportRunner
    columns: Callable[[], list[Column]]
    admin_only: bool = False
    description: Any = ""

    def headers(self) -> list[str]:
        """The exact headers the template file writes (the Vietnamese labels)."""
        return [c.label for c in self.columns()]


class ImportKindRegistry:
    def __init__(self) -> None:
        self._kinds: dict[str, ImportKind] = {}
        self._loaded = False
        self._lock = threading.RLock()

    def load(self) -> None:
        if self._loaded:
            return
        with self._lock:
            if self._loaded:
                return
            autodiscover_modules(IMPORT_KINDS_MODULE)
            self._loaded = True

    def add(self, *kinds: ImportKind) -> None:
        for kind in kinds:
            if kind.key in self._kinds and self._kinds[kind.key] != kind:
                raise ValueError(f"import kind {kind.key!r} registered twice")
            self._kinds[kind.key] = kind

    def get(self, key: str) -> ImportKind | None:
        self.load()
        return self._kinds.get(key)

    def all(self) -> list[ImportKind]:
        self.load()
        return list(self._kinds.values())

    def job_kinds(self) -> list[str]:
        return [k.job_kind for k in self.all()]


import_kinds = ImportKindRegistry()
