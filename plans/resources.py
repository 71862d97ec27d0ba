"""Spreadsheet import of the register of documents of a unit for a period (issue 12, 3).

Headers (SPEC §4 rules: case and diacritics ignored, the English names in brackets accepted):
Loại văn bản [doc_type], Số [number], Ký hiệu [symbol], Ngày ban hành [issued_on], Cơ quan ban
hành [issuer], Trích yếu [subject]. A document is identified by its number and symbol within
the unit's register of the period: a re-import updates it, importing the same file twice
changes nothing; any bad row imports nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy
from import_export import fields

from imports.base import ImportResult
from imports.resources import PeriodScopedResource
from imports.widgets import ChoiceWidget, DateWidget, TextWidget
from orgs.models import Period, Unit

from .models import DocumentType, RegisteredDocument

if TYPE_CHECKING:
    pass

# Abbreviations officials write in a register's "loại" column.
TYPE_WORDS: dict[str, tuple[str, ...]] = {
    DocumentType.PLAN: ("KH",),
    DocumentType.DECISION: ("QĐ", "QD"),
    DocumentType.LETTER: ("CV", "Công văn hành chính"),
    DocumentType.DECREE: ("NĐ", "ND"),
    DocumentType.CIRCULAR: ("TT",),
    DocumentType.RESOLUTION: ("NQ",),
    DocumentType.DIRECTIVE: ("CT",),
    DocumentType.REPORT: ("BC",),
    DocumentType.NOTICE: ("TB",),
}


class _NumberWidget(TextWidget):
    """A document number as text: a spreadsheet may hold 18 as the number 18.0."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        text = super().clean(value, row, **kwargs).strip()
        if text.endswith(".0") and text[:-2].isdigit():
            text = text[:-2]
        return text


class RegisteredDocumentResource(PeriodScopedResource):
    doc_type = fields.Field(
        "doc_type",
        "Loại văn bản",
        widget=ChoiceWidget(
            DocumentType.choices, what=gettext_lazy("loại văn bản"), extra=TYPE_WORDS
        ),
    )
    number = fields.Field("number", "Số", widget=_NumberWidget())
    symbol = fields.Field("symbol", "Ký hiệu", widget=TextWidget())
    issued_on = fields.Field("issued_on", "Ngày ban hành", widget=DateWidget())
    issuer = fields.Field("issuer", "Cơ quan ban hành", widget=TextWidget())
    subject = fields.Field("subject", "Trích yếu", widget=TextWidget())

    required_columns = ("doc_type", "number", "symbol", "issuer", "subject")

    class Meta:
        model = RegisteredDocument
        fields = ("doc_type", "number", "symbol", "issued_on", "issuer", "subject")
        import_id_fields = ("number", "symbol")
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True


def documents_import(
    *,
    file: Any,
    unit: Unit,
    period: Period,
    by: User | None = None,
    commit: bool = True,
    name: str = "",
) -> ImportResult:
    """Preview or import the register of documents of a (unit, period), all-or-nothing."""
    from imports.models import ImportBatch
    from imports.services import import_batch_record, import_locked_reason
    from imports.tabular import run_resource
    from records.locking import RecordLockGuard
    from reports.recompute import records_changed

    kind = ImportBatch.Kind.DOCUMENTS
    channel = "import:documents"
    locked = import_locked_reason(unit=unit, period=period, by=by, channel=channel)
    if locked:
        result = ImportResult(kind=kind)
        result.add_error(0, "", locked, limit=None)
        return result
    guard = RecordLockGuard(unit=unit, period=period, by=by, channel=channel)
    result = run_resource(
        resource=RegisteredDocumentResource(unit=unit, period=period, by=by, guard=guard),
        file=file,
        kind=kind,
        commit=commit,
        name=name,
        guard=guard,
    )
    if result.committed:
        import_batch_record(result=result, kind=kind, unit=unit, by=by, file=file, name=name)
        records_changed(unit=unit, period=period)
    return result
