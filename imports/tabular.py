"""Running a django-import-export resource on an uploaded file with the portal's rules.

The file is read by our reader (UTF-8 check, `,`/`;`, XLSX by content) and its headers are
matched like the dossier headers (case and diacritics ignored, English aliases); the resource
then sees a tablib Dataset with its own column names. Errors come back as (line, column,
reason); with any error nothing is written (import-export rolls the transaction back).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .base import SAMPLE_ROWS, Column, ImportRefused, ImportResult, match_headers
from .reader import open_table
from .values import cell_text

if TYPE_CHECKING:
    from import_export import resources


def resource_columns(resource: resources.Resource) -> list[Column]:
    """Columns of a resource: its fields' Vietnamese headers and attribute names as aliases."""
    required = set(getattr(resource, "required_columns", ()))
    cols = []
    for field in resource.get_import_fields():
        if not field.column_name or field.attribute is None:
            continue
        cols.append(
            Column(field.attribute, field.column_name, field.attribute, field.attribute in required)
        )
    return cols


def _keep_sample(resource: resources.Resource, outcome: Any, result: ImportResult) -> None:
    """The first rows as the resource stores them (its widgets' rendering of each instance)."""
    fields = [f for f in resource.get_import_fields() if f.column_name and f.attribute]
    headers = [str(f.column_name) for f in fields]
    for row in outcome.rows[:SAMPLE_ROWS]:
        if row.instance is None:
            continue
        values = []
        for f in fields:
            try:
                values.append(resource.export_field(f, row.instance))
            except Exception:  # noqa: BLE001 — a value the widget cannot render prints as empty
                values.append("")
        result.add_sample(headers, values)


class _Rollback(Exception):
    pass


def run_resource(
    *,
    resource: resources.Resource,
    file: Any,
    kind: str,
    commit: bool,
    name: str = "",
    after_import: Callable[[], None] | None = None,
    guard: Callable[[bool], None] | None = None,
) -> ImportResult:
    """Preview or import `file` with `resource`, all-or-nothing. `guard(written)` runs inside
    the writing transaction, before (written=False) and after (written=True) the rows are
    written: it raises ValidationError (e.g. `reports.locks.PeriodLocked`) to refuse the file —
    the lock rule, checked again under the workflow's row lock (issue 10, points 2 and 11)."""
    started = time.perf_counter()
    result = ImportResult(kind=kind)
    try:
        table = open_table(file, name=name or getattr(file, "name", ""))
    except ImportRefused as exc:
        result.errors.append(exc.as_problem())
        result.error_count = 1
        return result
    columns = resource_columns(resource)
    pos, header_errors, warnings = match_headers(table.headers, columns)
    result.warnings.extend(warnings)
    if header_errors:
        result.errors.extend(header_errors)
        result.error_count = len(header_errors)
        return result
    table.keep_columns(max(pos.values(), default=-1) + 1)  # unknown columns further right: unread
    label = {c.key: c.label for c in columns}
    written = {k: str(table.headers[i]).strip() for k, i in pos.items()}
    keys = list(pos)
    data = tablib.Dataset(headers=[label[k] for k in keys])
    lines: list[int] = []
    try:
        for line, values in table.rows:
            cells = [cell_text(values[pos[k]]) if pos[k] < len(values) else "" for k in keys]
            if not any(cells):
                continue
            data.append(cells)
            lines.append(line)
    except ImportRefused as exc:
        result.errors.append(exc.as_problem())
        result.error_count = 1
        return result
    result.rows = len(lines)
    if not lines:
        result.add_error(2, "", _("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."), limit=None)
        return result
    # Identifying columns are read by the instance loader, whose errors carry no column: check
    # them here so that a bad value is reported against its column.
    flagged: set[int] = set()
    id_fields = {f.attribute: f for f in resource.get_import_fields()}
    id_attrs = [
        a for a in getattr(resource._meta, "import_id_fields", ()) if a in id_fields and a in pos
    ]
    identities: list[tuple | None] = [() for _ in lines]
    for attr in id_attrs:
        field = id_fields[attr]
        col = keys.index(attr)
        for index, cells in enumerate(data):
            try:
                value = field.widget.clean(cells[col])
            except ValueError as exc:
                result.add_error(lines[index], written[attr], str(exc), limit=None)
                flagged.add(index + 1)
                identities[index] = None
                continue
            identity = identities[index]
            if identity is not None:
                identities[index] = (*identity, value)
    # The same identity twice in one file would silently keep the last row: an error instead.
    first_seen: dict[tuple, int] = {}
    for index, identity in enumerate(identities):
        if not identity:
            continue
        if identity in first_seen:
            result.add_error(
                lines[index],
                written[id_attrs[0]],
                _("Trùng với dòng %(first)s của tệp (%(what)s).")
                % {
                    "first": first_seen[identity],
                    "what": ", ".join(written[a] for a in id_attrs),
                },
                limit=None,
            )
            flagged.add(index + 1)
        else:
            first_seen[identity] = lines[index]
    header_of = {label[k]: written[k] for k in keys}
    attr_header = {k: written[k] for k in keys}

    try:
        with transaction.atomic():
            # Written inside our own transaction and rolled back for a preview or on any error:
            # the counts are the real ones and nothing stays half-imported.
            if guard is not None and not _guarded(guard, False, result):
                raise _Rollback
            outcome = resource.import_data(
                data,
                dry_run=False,
                raise_errors=False,
                use_transactions=False,
                retain_instance_in_row_result=True,
            )
            _keep_sample(resource, outcome, result)
            for index, row_errors in outcome.row_errors():
                if index in flagged:
                    continue
                for error in row_errors:
                    result.add_error(lines[index - 1], "", _message(error.error), limit=None)
            for invalid in outcome.invalid_rows:
                line = lines[invalid.number - 1]
                for field_name, messages in invalid.error_dict.items():
                    column = attr_header.get(field_name) or header_of.get(field_name, "")
                    for message in messages:
                        result.add_error(line, column, str(message), limit=None)
            totals = outcome.totals
            result.created = totals.get("new", 0)
            result.updated = totals.get("update", 0)
            result.unchanged = totals.get("skip", 0)
            if result.ok and guard is not None:
                _guarded(guard, True, result)
            if not result.ok or not commit or not (result.created or result.updated):
                raise _Rollback
            if after_import:
                after_import()
            result.committed = True
    except _Rollback:
        pass
    result.errors.sort(key=lambda e: (e.line, e.column))
    result.seconds = time.perf_counter() - started
    return result


def _guarded(guard: Callable[[bool], None], written: bool, result: ImportResult) -> bool:
    try:
        guard(written)
    except ValidationError as exc:
        for message in exc.messages:
            result.add_error(0, "", message, limit=None)
        return False
    return True


def _message(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(exc.messages)
    return str(exc) or exc.__class__.__name__
