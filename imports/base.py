"""Shared pieces of every import: problems, results, header folding and matching."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

# Progress callback: (fraction done 0..1, short message).
Progress = Callable[[float, str], None]


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One problem of a file: its line as the spreadsheet shows it (header = line 1), the
    column header as written in the file, and the reason in Vietnamese."""

    line: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"line": self.line, "column": self.column, "message": self.message}

    def __str__(self) -> str:
        where = _("Dòng %(line)s") % {"line": self.line} if self.line else _("Tệp")
        if self.column:
            where += _(", cột «%(column)s»") % {"column": self.column}
        return f"{where}: {self.message}"


class ImportRefused(Exception):
    """The file as a whole cannot be read (type, size, encoding, structure) or may not be
    imported now (locked period). Carries one message in Vietnamese."""

    def __init__(self, message: str, *, line: int = 0, column: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column

    def as_problem(self) -> ImportProblem:
        return ImportProblem(self.line, self.column, self.message)


SAMPLE_ROWS = 10


@dataclass
class ImportResult:
    """Outcome of a preview (committed=False) or an import (committed=True)."""

    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[ImportProblem] = field(default_factory=list)
    error_count: int = 0
    warnings: list[str] = field(default_factory=list)
    committed: bool = False
    batch_id: int | None = None
    seconds: float = 0.0
    #: The first rows as they will be stored (values as the portal prints them), for the preview.
    sample_headers: list[str] = field(default_factory=list)
    sample: list[list[str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.error_count and not self.errors

    @property
    def changed(self) -> int:
        return self.created + self.updated

    def add_error(self, line: int, column: str, message: str, *, limit: int | None) -> None:
        self.error_count += 1
        if limit is None or len(self.errors) < limit:
            self.errors.append(ImportProblem(line, column, message))

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [e.as_dict() for e in self.errors],
            "error_count": max(self.error_count, len(self.errors)),
            "warnings": list(self.warnings),
            "committed": self.committed,
            "batch_id": self.batch_id,
            "seconds": round(self.seconds, 3),
            "sample_headers": [str(h) for h in self.sample_headers],
            "sample": [[str(v) for v in row] for row in self.sample],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ImportResult:
        r = cls(kind=data.get("kind", ""))
        for name in ("rows", "created", "updated", "unchanged", "error_count"):
            setattr(r, name, int(data.get(name) or 0))
        r.batch_id = data.get("batch_id")
        r.errors = [ImportProblem(**e) for e in data.get("errors", [])]
        r.warnings = list(data.get("warnings", []))
        r.committed = bool(data.get("committed"))
        r.seconds = float(data.get("seconds") or 0)
        r.sample_headers = list(data.get("sample_headers", []))
        r.sample = [list(row) for row in data.get("sample", [])]
        return r

    def add_sample(self, headers: list[str], values: list[Any]) -> None:
        """Keep one of the first SAMPLE_ROWS rows as it will be stored ('—' for empty)."""
        if len(self.sample) >= SAMPLE_ROWS:
            return
        self.sample_headers = [str(h) for h in headers]
        self.sample.append(["—" if v is None or v == "" else str(v) for v in values])


_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: Any) -> str:
    """Case- and diacritics-insensitive key: 'Mã hồ sơ' -> 'ma ho so', 'Đã giải quyết' ->
    'da giai quyet', 'procedure_code' -> 'procedure code'."""
    s = unicodedata.normalize("NFD", str(text)).replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    return _NON_ALNUM.sub(" ", s).strip()


@dataclass(frozen=True)
class Column:
    """One column of an import format: its key, Vietnamese header and English alias."""

    key: str
    label: str
    alias: str
    required: bool = False

    @property
    def header(self) -> str:
        """The header as the template file writes it."""
        return self.label


def header_keys(header: str) -> set[str]:
    """Folded forms a header cell may stand for: 'Mã hồ sơ [code]' -> {'ma ho so [code]',
    'ma ho so', 'code'}."""
    raw = str(header or "")
    keys = {fold(raw)}
    m = re.match(r"^(.*?)[\[(](.*?)[\])]\s*$", raw)
    if m:
        keys |= {fold(m.group(1)), fold(m.group(2))}
    return {k for k in keys if k}


def match_headers(
    headers: list[Any], columns: Iterable[Column]
) -> tuple[dict[str, int], list[ImportProblem], list[str]]:
    """Map column keys to positions. Returns (positions, errors, warnings): a missing required
    column or a column given twice is an error; an unknown column is a warning (ignored)."""
    columns = list(columns)
    lookup: dict[str, Column] = {}
    for column in columns:
        lookup[fold(column.label)] = column
        lookup[fold(column.alias)] = column
    positions: dict[str, int] = {}
    errors: list[ImportProblem] = []
    warnings: list[str] = []
    for idx, header in enumerate(headers):
        text = "" if header is None else str(header).strip()
        if not text:
            continue
        col = next((lookup[k] for k in header_keys(text) if k in lookup), None)
        if col is None:
            warnings.append(
                _("Cột «%(column)s» không thuộc mẫu nhập, đã bỏ qua.") % {"column": text}
            )
            continue
        if col.key in positions:
            errors.append(
                ImportProblem(
                    1,
                    text,
                    _("Cột «%(label)s» xuất hiện hai lần (cột thứ %(a)s và %(b)s).")
                    % {"label": col.label, "a": positions[col.key] + 1, "b": idx + 1},
                )
            )
            continue
        positions[col.key] = idx
    for col in columns:
        if col.required and col.key not in positions:
            errors.append(
                ImportProblem(
                    1,
                    col.label,
                    _("Thiếu cột bắt buộc «%(label)s» [%(alias)s].")
                    % {"label": col.label, "alias": col.alias},
                )
            )
    return positions, errors, warnings
