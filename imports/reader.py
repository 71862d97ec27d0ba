"""Reading a CSV or XLSX file as (line number, row values), streaming.

CSV: UTF-8 with or without BOM, `,` `;` or tab as delimiter (detected from the header line).
XLSX: the first sheet, streamed by `xlsx_stream` (memory stays flat; about 7x faster than
openpyxl's read-only mode, which is the other streaming reader).
The type is decided by the content, not by the name: an XLSX is a ZIP container.

Every read is bounded (settings CCHC_IMPORT_MAX_*, docs/SECURITY.md §2.6): rows, columns
(cells past the columns a caller keeps are ignored, not materialised), characters of a cell and
of a row, the decompressed size and ratio of an XLSX's parts, and the wall time. Past a bound the
file is refused whole (ImportRefused naming the limit): nothing is written.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import logging
import os
import time
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.utils.translation import gettext as _

from common.formatting import format_count

from .base import ImportRefused
from .xlsx_stream import Limits, StreamingSheet, XlsxError, XlsxLimit

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

log = logging.getLogger(__name__)

# What a damaged XLSX may raise while it is read (beyond XlsxError): a broken zip, a bad CRC,
# a truncated or corrupt deflate stream, an encrypted or unsupported member, broken UTF-8.
_BROKEN = (
    XlsxError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
    ValueError,
    IndexError,
    OverflowError,
    UnicodeDecodeError,
)

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


def read_limits(*, started: float | None = None) -> Limits:
    """The bounds of one read, from the settings; the deadline runs from `started`."""
    s = settings
    return Limits(
        max_columns=s.CCHC_IMPORT_MAX_COLUMNS,
        max_cell_chars=s.CCHC_IMPORT_MAX_CELL_CHARS,
        max_row_bytes=4 * s.CCHC_IMPORT_MAX_ROW_CHARS,  # XML markup and UTF-8 around the text
        max_part_bytes=s.CCHC_IMPORT_MAX_PART_BYTES,
        max_meta_bytes=s.CCHC_IMPORT_MAX_META_BYTES,
        max_total_bytes=s.CCHC_IMPORT_MAX_XLSX_BYTES,
        max_ratio=s.CCHC_IMPORT_MAX_RATIO,
        ratio_min_bytes=s.CCHC_IMPORT_RATIO_MIN_BYTES,
        max_entries=s.CCHC_IMPORT_MAX_ZIP_ENTRIES,
        deadline=(time.monotonic() if started is None else started) + s.CCHC_IMPORT_MAX_SECONDS,
    )


def _mb(n: float) -> str:
    return format_count(round(n / 1048576))


def limit_refused(exc: XlsxLimit) -> ImportRefused:
    """The Vietnamese refusal of a passed bound, naming the limit and its figure."""
    log.info("import limit passed: %s", exc)
    figures = {
        "value": format_count(round(exc.value)),
        "max": format_count(round(exc.maximum)),
        "line": exc.line,
        "part": exc.part,
    }
    limit = exc.limit
    if limit == "columns":
        message = _(
            "Dòng %(line)s có ô ở cột thứ %(value)s: vượt giới hạn %(max)s cột "
            "(giới hạn của Excel). Hãy xóa các cột thừa rồi nhập lại."
        )
    elif limit == "cell":
        message = _(
            "Có ô dài %(value)s ký tự: vượt giới hạn %(max)s ký tự một ô (giới hạn của Excel)."
        )
    elif limit == "row":
        message = _("Dòng %(line)s quá dài: vượt giới hạn %(max)s ký tự (byte) một dòng.")
    elif limit in ("part", "total"):
        figures.update(value=_mb(exc.value), max=_mb(exc.maximum))
        message = _(
            "Tệp Excel khi giải nén quá lớn (%(value)s MB): vượt giới hạn %(max)s MB. "
            "Hãy chia thành nhiều tệp nhỏ hơn."
        )
    elif limit == "ratio":
        message = _(
            "Tệp Excel có tỉ lệ nén bất thường (phần «%(part)s» nén %(value)s lần): vượt giới "
            "hạn %(max)s lần, có thể là tệp «bom nén». Hãy mở tệp trong Excel và lưu lại."
        )
    elif limit == "entries":
        message = _("Tệp Excel có %(value)s thành phần: vượt giới hạn %(max)s thành phần.")
    elif limit == "rows":
        message = _(
            "Tệp có hơn %(max)s dòng dữ liệu: vượt giới hạn số dòng một lần nhập. "
            "Hãy chia thành nhiều tệp nhỏ hơn."
        )
    else:  # time
        message = _(
            "Đọc tệp quá %(max)s giây: vượt giới hạn thời gian một lần nhập. "
            "Hãy chia thành nhiều tệp nhỏ hơn."
        )
    return ImportRefused(message % figures, line=exc.line)


@dataclass
class Table:
    """Headers and a one-pass iterator of (line, values). `fraction()` estimates progress.

    Rows never hold more than `width` values (trailing values are dropped, or for an XLSX never
    read); a caller that knows which columns it reads narrows it with `keep_columns`."""

    format: str
    headers: list[Any]
    rows: Iterator[tuple[int, list[Any]]]
    _fraction: Any
    _width: dict[str, int] = field(default_factory=dict)

    def fraction(self) -> float:
        try:
            return max(0.0, min(1.0, float(self._fraction())))
        except Exception:  # progress is a courtesy, never a failure
            return 0.0

    @property
    def width(self) -> int:
        return self._width.get("width", settings.CCHC_IMPORT_MAX_COLUMNS)

    def keep_columns(self, n: int) -> None:
        """Keep the first `n` columns (the last one read, plus one) and a small margin: the
        values of columns further right are ignored, never materialised."""
        width = min(self.width, max(n, 0) + settings.CCHC_IMPORT_COLUMN_MARGIN)
        self._width["width"] = width
        del self.headers[width:]


def _bounded(
    rows: Iterator[tuple[int, list[Any]]], width: dict[str, int], limits: Limits
) -> Iterator[tuple[int, list[Any]]]:
    """Rows cut to the kept width, counted and timed against the limits."""
    max_rows = settings.CCHC_IMPORT_MAX_ROWS
    deadline = limits.deadline
    n = 0
    line = 1
    try:
        for line, values in rows:
            n += 1
            if n > max_rows:
                raise XlsxLimit("rows", value=n, maximum=max_rows, line=line)
            if deadline is not None and not n % 256 and time.monotonic() > deadline:
                raise XlsxLimit("time", maximum=settings.CCHC_IMPORT_MAX_SECONDS, line=line)
            keep = width["width"]
            if len(values) > keep:
                del values[keep:]
            yield line, values
    except XlsxLimit as exc:
        if exc.limit == "time":
            exc.maximum = settings.CCHC_IMPORT_MAX_SECONDS
        raise limit_refused(exc) from exc


def _table(
    fmt: str,
    headers: list[Any],
    rows: Iterator,
    fraction: Any,
    limits: Limits,
    width: dict[str, int] | None = None,
) -> Table:
    """A Table whose width starts at the last named header (plus the margin)."""
    named = [i for i, h in enumerate(headers) if str(h).strip()]
    if width is None:
        width = {}
    width["width"] = limits.max_columns
    table = Table(fmt, headers, _bounded(rows, width, limits), fraction, width)
    table.keep_columns(named[-1] + 1 if named else 0)
    return table


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


def _csv_table(f: IO[bytes], size: int, limits: Limits) -> Table:
    # utf-8-sig drops a BOM if present; a byte sequence that is not UTF-8 raises, and is
    # reported with the line where it was found.
    text = io.TextIOWrapper(
        io.BufferedReader(_KeepOpen(f), 1 << 16), encoding="utf-8-sig", errors="strict", newline=""
    )
    max_chars = settings.CCHC_IMPORT_MAX_ROW_CHARS
    max_columns, max_cell = limits.max_columns, limits.max_cell_chars
    state = {"line": 1, "chars": 0}

    def too_long(line: int) -> ImportRefused:
        return limit_refused(XlsxLimit("row", maximum=max_chars, line=line))

    def lines() -> Iterator[str]:
        """Physical lines, never longer than a row may be: a record (which may span lines)
        is refused as soon as its characters pass the bound, before csv splits it."""
        while True:
            piece = text.readline(max_chars + 1)
            if not piece:
                return
            state["chars"] += len(piece)
            if state["chars"] > max_chars:
                raise too_long(state["line"] + 1)
            yield piece

    def check(line: int, values: list[str]) -> None:
        if len(values) > max_columns:
            raise limit_refused(
                XlsxLimit("columns", value=len(values), maximum=max_columns, line=line)
            )
        if values and (longest := max(map(len, values))) > max_cell:
            raise limit_refused(XlsxLimit("cell", value=longest, maximum=max_cell, line=line))

    try:
        first = text.readline(max_chars + 1)
    except UnicodeDecodeError as exc:
        raise _not_utf8(1) from exc
    if len(first) > max_chars:
        raise too_long(1)
    if not first.strip():
        raise ImportRefused(_("Tệp rỗng: dòng đầu tiên phải là dòng tiêu đề."), line=1)
    counts = {d: first.count(d) for d in (";", ",", "\t")}
    delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
    state["chars"] = len(first)
    reader = csv.reader(itertools.chain([first], lines()), delimiter=delimiter)
    try:
        headers = next(reader)
    except UnicodeDecodeError as exc:
        raise _not_utf8(1) from exc
    except csv.Error as exc:
        raise ImportRefused(_("Dòng tiêu đề không đọc được: %(e)s") % {"e": exc}, line=1) from exc
    check(1, headers)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        line = 1
        while True:
            state["chars"] = 0
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
            check(line, values)
            yield line, values

    def fraction() -> float:
        return f.tell() / size if size else 0.0

    return _table("csv", headers, rows(), fraction, limits)


def _not_utf8(line: int) -> ImportRefused:
    return ImportRefused(
        _(
            "Tệp không phải mã UTF-8 (lỗi từ khoảng dòng %(line)s): trong Excel chọn "
            "«Lưu thành» → «CSV UTF-8 (Comma delimited)» rồi nhập lại."
        )
        % {"line": line},
        line=line,
    )


def _xlsx_table(f: IO[bytes], limits: Limits) -> Table:
    """The first sheet, streamed: memory stays flat however many rows the file has."""
    try:
        sheet = StreamingSheet(f, limits)
        it = sheet.rows()
        first = next(it, None)
    except XlsxLimit as exc:
        raise limit_refused(exc) from exc
    except _BROKEN as exc:
        raise _unreadable(exc) from exc
    if first is None or not any(str(h).strip() for h in first[1]):
        raise ImportRefused(_("Tệp rỗng: dòng đầu tiên phải là dòng tiêu đề."), line=1)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            yield from it
        except XlsxLimit as exc:
            raise limit_refused(exc) from exc
        except _BROKEN as exc:
            raise _unreadable(exc, line=sheet.row) from exc

    # The kept width is written through to the sheet: cells further right are never read.
    return _table("xlsx", list(first[1]), rows(), sheet.fraction, limits, _SheetWidth(sheet))


class _SheetWidth(dict):
    """The kept width of a Table, written through to its sheet (so `keep_columns` narrows what
    the XLSX reader materialises, not only what it hands on)."""

    def __init__(self, sheet: StreamingSheet) -> None:
        super().__init__()
        self.sheet = sheet

    def __setitem__(self, key: str, value: int) -> None:
        super().__setitem__(key, value)
        self.sheet.width = value


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


def implied_work(f: Any, *, name: str = "") -> int:
    """The bytes a file makes the reader go through: an XLSX's decompressed parts (declared
    sizes, checked against the limits: a zip bomb is refused here without decompressing it), a
    CSV's own size. Refuses like `open_table` does on the file's type and structure."""
    f = unwrap(f)
    f.seek(0)
    head = f.read(8192)
    f.seek(0)
    size = _size_of(f)
    fmt = check_upload(name=name, size=size, head=head)
    if fmt == "csv":
        return size
    try:
        return StreamingSheet(f, read_limits()).work
    except XlsxLimit as exc:
        raise limit_refused(exc) from exc
    except _BROKEN as exc:
        raise _unreadable(exc) from exc
    finally:
        f.seek(0)


def open_table(f: IO[bytes], *, name: str = "") -> Table:
    """Open a binary file object positioned anywhere; decides the format from the content."""
    limits = read_limits()
    f = unwrap(f)
    f.seek(0)
    head = f.read(8192)
    f.seek(0)
    size = _size_of(f)
    fmt = check_upload(name=name, size=size, head=head)
    if fmt == "xlsx":
        return _xlsx_table(f, limits)
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        raise _not_utf8(1)
    return _csv_table(f, size, limits)
