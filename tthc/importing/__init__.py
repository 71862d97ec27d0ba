"""The tthc importers (dossiers, procedure catalogue), built on the `imports` kit's readers.

    from tthc.importing import dossiers_import, procedures_import
    result = dossiers_import(file=f, unit=unit, by=user, commit=False)   # preview
    result.ok, result.errors, result.created, result.updated, result.unchanged

Every importer collects every problem as (line, column, reason) and writes nothing unless the
whole file is valid (SPEC §4, §10).
"""

from imports.base import ImportProblem, ImportRefused, ImportResult

from .dossiers import dossiers_import, scan_received_range
from .procedures import procedures_import

__all__ = [
    "ImportProblem",
    "ImportRefused",
    "ImportResult",
    "dossiers_import",
    "procedures_import",
    "scan_received_range",
]
