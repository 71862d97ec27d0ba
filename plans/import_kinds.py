"""The import kind of the plans app: the register of documents of a unit for a period."""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from imports.registry import ImportKind, import_kinds, without_progress
from imports.tabular import resource_columns
from reports.models import JobKind

from .resources import RegisteredDocumentResource, documents_import

import_kinds.add(
    ImportKind(
        key="documents",
        label=gettext_lazy("Sổ văn bản"),
        job_kind=JobKind.IMPORT_DOCUMENTS,
        run=without_progress(documents_import),
        columns=lambda: resource_columns(RegisteredDocumentResource(unit=None, period=None)),
        description=gettext_lazy(
            "Kế hoạch, quyết định, công văn… mà báo cáo của kỳ trích dẫn (số, ký hiệu, ngày ban "
            "hành, cơ quan ban hành, loại, trích yếu)."
        ),
    ),
)
