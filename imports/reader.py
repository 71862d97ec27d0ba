"""Reading a CSV or XLSX file as (line number, row values), streaming.

CSV: UTF-8 with or without BOM, `,` `;` or tab as delimiter (detected from the header line).
XLSX: the first sheet, streamed by `xlsx_stream` (memory stays flat; about 7x faster than
openpyxl's read-only mode, which is the other streaming reader).
The type is decided by the content, not by the name: an XLSX is a ZIP container.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.utils.translation import gettext as _

from .base import ImportRefused

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

log = logging.getLogger(__name__)

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # legacy .xls / .doc
ALLOWED_EXTENSIONS = (".csv", ".xlsx")


def sniff_format(head: bytes, name: str = "") -> str:
    """'csv' or 'xlsx' from the first bytes (and the extension when given); refuses the rest."""
    ext = os.path.splitext(name or "")[1].lower()
    if name and ext not in ALLOWED_EXTENSIONS:
        raise ImportRefused(
            _("Tệp «%(name)s» không đúng định dạng: chỉ nhận tệp .csv (UTF-8) hoặc .xlsx.")
            % {"name": os.path.basename(name)}
        )
    if head.startswith(OLE_MAGIC):
        raise ImportRefused(
            _("Tệp Excel 97-2003 (.xls) không được hỗ trợ: hãy mở tệp và lưu lại dạng .xlsx.")
        )
    if head.startswith(ZIP_MAGIC):
        if ext == ".csv":
            raise ImportRefused(
                _("Tệp có đuôi .csv nhưng nội dung là tệp Excel: hãy đổi đuôi thành .xlsx.")
            )
        return "xlsx"
    if ext == ".xlsx":
        raise ImportRefused(
            _("Tệp có đuôi .xlsx nhưng không phải tệp Excel hợp lệ: hãy lưu lại từ Excel.")
        )
    if b"\x00" in head:
        raise ImportRefused(
            _(
                "Tệp không phải văn bản CSV (có thể là UTF-16 hoặc tệp nhị phân): hãy lưu lại dạng CSV UTF-8."
            )
        )
    return "csv"


def check_upload(*, name: str, size: int, head: bytes) -> str:
    """Refuse files that are too large or of the wrong type; returns 'csv' or 'xlsx'."""
    limit = settings.CCHC_MAX_UPLOAD_BYTES
    if size > limit:
        raise ImportRefused(
            _("Tệp quá lớn (%(size)s MB): giới hạn là %(limit)s MB.")
            % {"size": f"{size / 1048576:.1f}", "limit": f"{limit / 1048576:.0f}"}
        )
    if size == 0:
        raise ImportRefused(_("Tệp rỗng: không có dòng tiêu đề và dữ liệu."))
    return sniff_format(head, name)


def _size_of(f: IO[bytes]) -> int:
    try:
        return os.fstat(f.fileno()).st_size
    except (OSError, AttributeError, io.UnsupportedOperation):
        pos = f.tell()
        f.seek(0, os.SEEK_END)
        size = f.tell()
        f.seek(pos)
        return size


@dataclass
class Table:
    """Headers and a one-pass iterator of (line, values). `fraction()` estimates progress."""

    format: str
    headers: list[Any]
    rows: Iterator[tuple[int, list[Any]]]
    _fraction: Any

    def fraction(self) -> float:
        try:
            return max(0.0, min(1.0, float(self._fraction())))
        except Exception:  # progress is a courtesy, never a failure
            return 0.0


class _KeepOpen(io.RawIOBase):
    """A raw stream over the caller's file that never closes it (a TextIOWrapper closes its
    buffer when collected; the service still needs the file to store it)."""

    def __init__(self, f: IO[bytes]) -> None:
        self._f = f

    def readable(self) -> bool:
        return True

    def readinto(self, b: WriteableBuffer) -> int:
        view = memoryview(b)
        data = self._f.read(len(view))
        n = len(data)
        view[:n] = data
        return n

    def close(self) -> None:  # the caller owns the file
        pass


def _csv_table(f: IO[bytes], size: int) -> Table:
    # utf-8-sig drops a BOM if present; a byte sequence that is not UTF-8 raises, and is
    # reported with the line where it was found.
    text = io.TextIOWrapper(
        io.BufferedReader(_KeepOpen(f), 1 << 16), encoding="utf-8-sig", errors="strict", newline=""
    )
    state = {"line": 1}
    try:
        first = text.readline()
    except UnicodeDecodeError as exc:
        raise _not_utf8(1) from exc
    if not first.strip():
        raise ImportRefused(_("Tệp rỗng: dòng đầu tiên phải là dòng tiêu đề."), line=1)
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    reader = csv.reader(itertools.chain([first], text), delimiter=delimiter)
    try:
        headers = next(reader)
    except csv.Error as exc:
        raise ImportRefused(_("Dòng tiêu đề không đọc được: %(e)s") % {"e": exc}, line=1) from exc

    def rows() -> Iterator[tuple[int, list[Any]]]:
        line = 1
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                raise _not_utf8(line + 1) from exc
            except csv.Error as exc:
                raise ImportRefused(
                    _("Dòng %(line)s không đọc được (dấu ngoặc kép không đóng?): %(e)s")
                    % {"line": line + 1, "e": exc},
                    line=line + 1,
                ) from exc
            line += 1
            state["line"] = line
            yield line, values

    def fraction() -> float:
        return f.tell() / size if size else 0.0

    return Table("csv", headers, rows(), fraction)


def _not_utf8(line: int) -> ImportRefused:
    return ImportRefused(
        _(
            "Tệp không phải mã UTF-8 (lỗi từ khoảng dòng %(line)s): trong Excel chọn "
            "«Lưu thành» → «CSV UTF-8 (Comma delimited)» rồi nhập lại."
        )
        % {"line": line},
        line=line,
    )


def _xlsx_table(f: IO[bytes]) -> Table:
    """The first sheet, streamed: memory stays flat however many rows the file has."""
    from .xlsx_stream import StreamingSheet, XlsxError

    try:
        sheet = StreamingSheet(f)
        it = sheet.rows()
        first = next(it, None)
    except (XlsxError, ValueError, IndexError, UnicodeDecodeError) as exc:
        raise _unreadable(exc) from exc
    if first is None or not any(str(h).strip() for h in first[1]):
        raise ImportRefused(_("Tệp rỗng: dòng đầu tiên phải là dòng tiêu đề."), line=1)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            yield from it
        except (XlsxError, ValueError, IndexError, UnicodeDecodeError) as exc:
            raise _unreadable(exc, line=sheet.row) from exc

    return Table("xlsx", list(first[1]), rows(), sheet.fraction)


def _unreadable(exc: Exception, *, line: int = 0) -> ImportRefused:
    log.info("unreadable XLSX: %r", exc)  # the technical detail, for whoever investigates
    return ImportRefused(
        _(
            "Không đọc được tệp Excel: tệp hỏng, có mật khẩu hoặc không phải bảng tính .xlsx. "
            "Hãy mở tệp trong Excel và lưu lại dạng .xlsx."
        ),
        line=line,
    )


def unwrap(f: Any) -> IO[bytes]:
    """The plain binary file object behind a Django File / UploadedFile / FieldFile."""
    seen = 0
    while hasattr(f, "file") and not isinstance(f, io.IOBase) and seen < 5:
        if getattr(f, "closed", False) and hasattr(f, "open"):
            f.open("rb")
        f = f.file
        seen += 1
    return f


def open_table(f: IO[bytes], *, name: str = "") -> Table:
    """Open a binary file object positioned anywhere; decides the format from the content."""
    f = unwrap(f)
    f.seek(0)
    head = f.read(8192)
    f.seek(0)
    size = _size_of(f)
    fmt = check_upload(name=name, size=size, head=head)
    if fmt == "xlsx":
        return _xlsx_table(f)
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        raise _not_utf8(1)
    return _csv_table(f, size)
