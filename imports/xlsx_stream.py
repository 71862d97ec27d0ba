"""A streaming reader of the first sheet of an XLSX workbook: memory stays flat.

python-calamine reads a sheet into one in-memory range before the first row comes out
(about +110 MB per 100 000 dossier rows), and openpyxl's read-only mode streams but is ten
times slower. The worksheet XML of a data export is regular, so this reader decompresses it
in chunks, cuts each chunk after its last complete `</row>` and lets the C regular-expression
engine find rows and cells; Python only touches the values. What is held at once: one chunk
(a few hundred rows), the shared-string table (the file's distinct texts, which every XLSX
reader needs for random access) and the cell styles.

Every read is bounded (`Limits`; issue 10): the number of zip entries, the declared and the
streamed decompressed size and compression ratio of each part read, the size of one row and of
one cell, the column of a cell (Excel's 16 384; cells past the columns the caller keeps are
skipped, never padded up to) and the wall time. Past a bound: `XlsxLimit`, naming it.

Cell values follow python-calamine's conventions, so that both readers are interchangeable
(`tests/tthc/test_xlsx_stream.py` compares them cell by cell): texts as str, numbers as
float, booleans as bool, empty cells as "", date-formatted numbers as date / datetime /
time (timedelta for elapsed-time formats), formula cells as their cached value.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from html import unescape
from typing import IO, Any

CHUNK = 1 << 20  # decompressed bytes per step: about 1 500 dossier rows
ROOT_WITHIN = 1 << 16  # the root element (and its namespace prefix) is looked for this far

# Some generators prefix element names (`<x:row>`); the prefix is read from the root element.
_P = r"(?:[A-Za-z_][\w.-]*:)?"


@lru_cache(maxsize=8)
def _tokens(prefix: str) -> re.Pattern:
    """One pass over a chunk of sheet XML; each match is a row start or a cell.

    Groups: (row, row attributes, | column, style, type, <v> text, inline <t> text, |
    generic cell attributes, generic cell content). The second alternative is the layout
    that Excel, LibreOffice, openpyxl and XlsxWriter write (r, s, t in this order, a plain
    value); anything else (other attribute orders, formulas, rich text) takes the third.
    """
    p = re.escape(prefix)
    return re.compile(
        rf"<{p}(row)\b([^>]*?)/?>"
        rf'|<{p}c r="([A-Z]{{1,3}})\d+"(?: s="(\d+)")?(?: t="(\w+)")?'
        rf"(?:/>|>(?:<{p}v>([^<]*)</{p}v>|<{p}is><{p}t>([^<]*)</{p}t></{p}is>)</{p}c>)"
        rf"|<{p}c\b([^>]*?)(?:/>|>(.*?)</{p}c>)",
        re.S,
    )


_ROW_NUMBER = re.compile(r"""\br=["'](\d+)["']""")
_V = re.compile(rf"<{_P}v(?:\s[^>]*)?>(.*?)</{_P}v>", re.S)
_IS = re.compile(rf"<{_P}is\b[^>]*>(.*?)</{_P}is>", re.S)
_T = re.compile(rf"<{_P}t(?:\s[^>]*)?>(.*?)</{_P}t>", re.S)
_PHONETIC = re.compile(rf"<{_P}rPh\b.*?</{_P}rPh>", re.S)
_SI = re.compile(rf"<{_P}si\b[^>]*?(?:/>|>(.*?)</{_P}si>)", re.S)
_XF_BLOCK = re.compile(rf"<{_P}cellXfs\b[^>]*>(.*?)</{_P}cellXfs>", re.S)
_XF = re.compile(rf"<{_P}xf\b([^>]*)", re.S)
_NUMFMT = re.compile(rf"<{_P}numFmt\b([^>]*)", re.S)
_SHEET = re.compile(rf"<{_P}sheet\b([^>]*)", re.S)
_REL = re.compile(rf"<{_P}Relationship\b([^>]*)", re.S)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_DATE1904 = re.compile(r'<(?:[A-Za-z_][\w.-]*:)?workbookPr\b[^>]*\bdate1904="(?:1|true)"')

# Built-in number formats that show a date or a time (ECMA-376 §18.8.30, with the
# East-Asian ids that Excel also treats as dates).
_BUILTIN_DATES = {*range(14, 23), 45, 46, 47, *range(50, 59)}
_BUILTIN_DURATIONS = {46}  # [h]:mm:ss
_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)


class XlsxError(Exception):
    """The workbook is not a readable XLSX (missing part, broken XML)."""


@dataclass(frozen=True)
class Limits:
    """Bounds of one read (the defaults are the settings' defaults; docs/SECURITY.md §2.6)."""

    max_columns: int = 16_384  # Excel's own limit
    max_cell_chars: int = 32_767  # Excel's own limit
    max_row_bytes: int = 4 << 20  # one <row> (or <si>) element of the XML
    max_part_bytes: int = 256 << 20  # decompressed, one streamed part (sheet, shared strings)
    max_meta_bytes: int = 16 << 20  # decompressed, one part read whole (workbook, rels, styles)
    max_total_bytes: int = 512 << 20  # decompressed, every part read together
    max_ratio: int = 100  # decompressed / compressed size of a part (Apache POI's bound)
    ratio_min_bytes: int = 1 << 20  # smaller parts are not judged by their ratio
    max_entries: int = 10_000  # zip entries
    deadline: float | None = None  # time.monotonic() past which reading stops


class XlsxLimit(XlsxError):
    """A bound of `Limits` was passed. `limit` names it ('columns', 'cell', 'row', 'part',
    'ratio', 'total', 'entries', 'time'); `value` and `maximum` are the figures, `line` the
    row (0 when not known) and `part` the zip part."""

    def __init__(
        self, limit: str, *, value: float = 0, maximum: float = 0, line: int = 0, part: str = ""
    ) -> None:
        super().__init__(f"{limit} limit: {value} > {maximum} (line {line}, part {part})")
        self.limit = limit
        self.value = value
        self.maximum = maximum
        self.line = line
        self.part = part


def _check_time(limits: Limits, line: int = 0) -> None:
    if limits.deadline is not None and time.monotonic() > limits.deadline:
        raise XlsxLimit("time", line=line)


def check_part(info: zipfile.ZipInfo, limits: Limits, *, maximum: int) -> None:
    """Refuse a part by its declared sizes, before decompressing any of it."""
    if info.file_size > maximum:
        raise XlsxLimit("part", value=info.file_size, maximum=maximum, part=info.filename)
    if info.file_size > limits.ratio_min_bytes:
        ratio = info.file_size / max(info.compress_size, 1)
        if ratio > limits.max_ratio:
            raise XlsxLimit("ratio", value=ratio, maximum=limits.max_ratio, part=info.filename)


def _attrs(text: str) -> dict[str, str]:
    return {k.rsplit(":", 1)[-1]: v or w for k, v, w in _ATTR.findall(text)}


@lru_cache(maxsize=1 << 15)  # texts repeat (channels, statuses, yes/no): unescape once
def _text(raw: str) -> str:
    if "&" in raw:
        raw = unescape(raw)
    if "_x" in raw:
        raw = _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), raw)
    return raw


def _rich_text(inner: str) -> str:
    """The text of an <si> or <is> element: its <t> runs, without phonetic guides."""
    if inner.startswith("<t>") and inner.endswith("</t>") and inner.count("<t", 1) == 0:
        return _text(inner[3:-4])
    if "<rPh" in inner or ":rPh" in inner:
        inner = _PHONETIC.sub("", inner)
    return "".join(_text(t) for t in _T.findall(inner))


def format_kind(code: str) -> str | None:
    """'date' for a date/time number format, 'duration' for elapsed time, else None."""
    s = re.sub(r'"[^"]*"|\\.|_.|\*.', "", code)  # literal text, escapes, padding
    elapsed = re.search(r"\[(?:h+|m+|s+)\]", s, re.I)
    s = re.sub(r"\[[^\]]*\]", "", s)  # colours, conditions, locales
    section = s.split(";", 1)[0]
    if elapsed:
        return "duration"
    if re.search(r"[dmyhsDMYHS]", section) and not re.search(r"[#0?]", section):
        return "date"
    if re.search(r"[dyDY]", section):  # dates with digit placeholders are still dates
        return "date"
    return None


def _style_kinds(styles: str) -> list[str | None]:
    """Per cell-style index (the `s` attribute): 'date', 'duration' or None."""
    custom = {}
    for raw in _NUMFMT.findall(styles):
        a = _attrs(raw)
        if "numFmtId" in a and "formatCode" in a:
            custom[int(a["numFmtId"])] = format_kind(unescape(a["formatCode"]))
    block = _XF_BLOCK.search(styles)
    kinds: list[str | None] = []
    for raw in _XF.findall(block.group(1)) if block else []:
        fid = int(_attrs(raw).get("numFmtId", "0") or 0)
        if fid in custom:
            kinds.append(custom[fid])
        elif fid in _BUILTIN_DURATIONS:
            kinds.append("duration")
        elif fid in _BUILTIN_DATES:
            kinds.append("date")
        else:
            kinds.append(None)
    return kinds


def _serial_to_python(value: float, kind: str, epoch: dt.datetime) -> Any:
    """A date-formatted number as a date/time; a number no date can be stays a number (the
    importer then says it is not a date)."""
    try:
        return _serial_to_date(value, kind, epoch)
    except (OverflowError, ValueError):
        return value


def _serial_to_date(value: float, kind: str, epoch: dt.datetime) -> Any:
    if kind == "duration":
        return dt.timedelta(milliseconds=round(value * 86_400_000))
    if value < 1:
        return (epoch + dt.timedelta(milliseconds=round(value * 86_400_000))).time()
    if epoch is _EPOCH_1900 and value < 60:  # Lotus 1-2-3's 29/02/1900 that never was
        value += 1
    stamp = epoch + dt.timedelta(milliseconds=round(value * 86_400_000))
    if stamp.hour == stamp.minute == stamp.second == stamp.microsecond == 0:
        return stamp.date()
    return stamp


@lru_cache(maxsize=1024)
def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def _member_text(zf: zipfile.ZipFile, name: str, limits: Limits = Limits()) -> str:  # noqa: B008
    try:
        info = zf.getinfo(name)
    except KeyError as exc:
        raise XlsxError(f"missing part {name}") from exc
    check_part(info, limits, maximum=limits.max_meta_bytes)
    with zf.open(info) as raw:  # the header may lie: never read more than the bound
        data = raw.read(limits.max_meta_bytes + 1)
    if len(data) > limits.max_meta_bytes:
        raise XlsxLimit("part", value=len(data), maximum=limits.max_meta_bytes, part=name)
    return data.decode("utf-8")


_ROOT_PREFIX = re.compile(rb"<([A-Za-z_][\w.-]*:)?(?:worksheet|sst)\b")


def _chunks(
    zf: zipfile.ZipFile,
    name: str,
    element: str,
    state: dict,
    limits: Limits = Limits(),  # noqa: B008
) -> Iterator[tuple[str, str]]:
    """(namespace prefix, text) pieces of a part, each ending after a complete `</element>`:
    the cut is made on bytes at an ASCII tag, so no UTF-8 sequence is ever split.

    The decompressed bytes are counted as they come (a zip header may lie): past the part's
    bound or ratio, or an element longer than `max_row_bytes`, reading stops."""
    tail = b""
    close = None
    prefix = ""
    info = zf.getinfo(name)
    most = min(limits.max_part_bytes, max(info.file_size, 0))
    by_ratio = max(info.compress_size, 1) * limits.max_ratio
    read = 0
    with zf.open(info) as raw:
        while True:
            data = raw.read(CHUNK)
            if not data:
                break
            read += len(data)
            state["read"] += len(data)
            if read > most:
                raise XlsxLimit("part", value=read, maximum=most, part=name)
            if read > by_ratio and read > limits.ratio_min_bytes:
                raise XlsxLimit(
                    "ratio",
                    value=read / max(info.compress_size, 1),
                    maximum=limits.max_ratio,
                    part=name,
                )
            _check_time(limits, state.get("line", 0))
            if len(tail) > limits.max_row_bytes:
                what = "cell" if element == "si" else "row"
                raise XlsxLimit(
                    what,
                    value=len(tail),
                    maximum=limits.max_cell_chars if what == "cell" else limits.max_row_bytes,
                    line=state.get("line", 0),
                    part=name,
                )
            data = tail + data
            if close is None:
                root = _ROOT_PREFIX.search(data)
                if root is None and len(data) < ROOT_WITHIN:
                    tail = data
                    continue
                prefix = root.group(1).decode() if root and root.group(1) else ""
                close = f"</{prefix}{element}>".encode()
            cut = data.rfind(close)
            if cut < 0:
                tail = data
                continue
            cut += len(close)
            tail = data[cut:]
            yield prefix, data[:cut].decode("utf-8")
    if tail:
        yield prefix, tail.decode("utf-8")


class StreamingSheet:
    """Rows of the first worksheet as (row number, values); call `rows()` once.

    Opening checks the zip's structure and the declared sizes of the parts it will read (cheap:
    nothing is decompressed but the workbook and its relationships); `work` is their total
    decompressed size. The shared strings and styles are read by `load()` (`rows()` calls it).
    `width` is how many columns a row keeps: cells past it are skipped, never materialised."""

    def __init__(self, f: IO[bytes], limits: Limits | None = None) -> None:
        self.limits = limits = limits or Limits()
        self.width = limits.max_columns
        self.shared: list[str] = []
        self.kinds: list[str | None] = []
        self._loaded = False
        try:
            self.zf = zipfile.ZipFile(f)
            entries = self.zf.infolist()
            if len(entries) > limits.max_entries:
                raise XlsxLimit("entries", value=len(entries), maximum=limits.max_entries)
            self.parts = parts = self._parts()
            self.sheet_part = parts["sheet"]
            work = 0
            for kind, part in parts.items():
                info = self.zf.getinfo(part)
                streamed = kind in ("sheet", "sharedStrings")
                most = limits.max_part_bytes if streamed else limits.max_meta_bytes
                check_part(info, limits, maximum=most)
                work += info.file_size
            if work > limits.max_total_bytes:
                raise XlsxLimit("total", value=work, maximum=limits.max_total_bytes)
            self.work = work
            self.size = max(self.zf.getinfo(self.sheet_part).file_size, 1)
        except XlsxError:
            raise
        except (zipfile.BadZipFile, KeyError, ValueError, UnicodeDecodeError, OSError) as exc:
            raise XlsxError(str(exc)) from exc
        self.state = {"read": 0, "line": 0}
        self.row = 0  # the row being read, for an error's line

    def load(self) -> None:
        """Read the shared strings and the cell styles (once)."""
        if self._loaded:
            return
        self._loaded = True
        try:
            self.shared = self._shared_strings(self.parts.get("sharedStrings"))
            styles = self.parts.get("styles")
            self.kinds = _style_kinds(_member_text(self.zf, styles, self.limits)) if styles else []
        except XlsxError:
            raise
        except (zipfile.BadZipFile, KeyError, ValueError, UnicodeDecodeError, OSError) as exc:
            raise XlsxError(str(exc)) from exc

    def _parts(self) -> dict[str, str]:
        """The first sheet's part, and the shared strings' and styles' when present."""
        book = _member_text(self.zf, "xl/workbook.xml", self.limits)
        self.epoch = _EPOCH_1904 if _DATE1904.search(book) else _EPOCH_1900
        sheets = [_attrs(s) for s in _SHEET.findall(book)]
        if not sheets:
            raise XlsxError("the workbook has no sheet")
        first = sheets[0].get("id", "")
        names = set(self.zf.namelist())
        parts: dict[str, str] = {}
        rels = _member_text(self.zf, "xl/_rels/workbook.xml.rels", self.limits)
        for raw in _REL.findall(rels):
            a = _attrs(raw)
            target = a.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            path = posixpath.normpath(path)
            kind = a.get("Type", "").rsplit("/", 1)[-1]
            if a.get("Id") == first:
                parts["sheet"] = path
            elif kind in ("sharedStrings", "styles") and path in names:
                parts[kind] = path
        if "sheet" not in parts or parts["sheet"] not in names:
            raise XlsxError(f"the first sheet ({first}) has no part")
        return parts

    def _shared_strings(self, part: str | None) -> list[str]:
        shared: list[str] = []
        most = self.limits.max_cell_chars
        if part:
            for _prefix, text in _chunks(self.zf, part, "si", {"read": 0}, self.limits):
                start = len(shared)
                shared.extend(_rich_text(inner) for inner in _SI.findall(text))
                if max(map(len, shared[start:]), default=0) > most:
                    longest = max(map(len, shared[start:]))
                    raise XlsxLimit("cell", value=longest, maximum=most, part=part)
        return shared

    def fraction(self) -> float:
        return self.state["read"] / self.size

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        self.load()
        limits = self.limits
        max_columns, max_cell = limits.max_columns, limits.max_cell_chars
        shared, kinds, epoch = self.shared, self.kinds, self.epoch
        n_shared = len(shared)
        n_kinds = len(kinds)
        col_of = column_index
        values: list[Any] | None = None
        number = 0
        width = min(self.width, max_columns)
        state = self.state
        for prefix, text in _chunks(self.zf, self.sheet_part, "row", state, limits):
            for row, row_attrs, col, style, kind, v, istr, attrs, inner in _tokens(prefix).findall(
                text
            ):
                if row:
                    if values is not None:
                        yield number, values
                    m = _ROW_NUMBER.search(row_attrs)
                    number = self.row = int(m.group(1)) if m else number + 1
                    state["line"] = number
                    values = []
                    width = min(self.width, max_columns)  # the caller may narrow it
                    continue
                if values is None:
                    raise XlsxError("a cell outside of a row")
                if not col:  # the generic layout
                    a = _attrs(attrs)
                    ref = a.get("r", "")
                    col = ref.rstrip("0123456789")
                    style, kind = a.get("s", ""), a.get("t", "")
                    if not inner:
                        v = ""
                    elif kind == "inlineStr":
                        m = _IS.search(inner)
                        istr, kind = (m.group(1) if m else ""), "rich"
                    else:
                        m = _V.search(inner)
                        v = m.group(1) if m else ""
                if col:
                    if len(col) > 3 or (i := col_of(col)) >= max_columns:
                        raise XlsxLimit(
                            "columns",
                            value=column_index(col[:12]) + 1,
                            maximum=max_columns,
                            line=number,
                        )
                    if i >= width:
                        continue  # a column nobody reads: skipped, not padded up to
                    if i > len(values):
                        values.extend([""] * (i - len(values)))
                    elif i < len(values):
                        raise XlsxError(f"cell {col}{number} out of order")
                elif len(values) >= width:
                    if len(values) >= max_columns:
                        raise XlsxLimit(
                            "columns", value=len(values) + 1, maximum=max_columns, line=number
                        )
                    continue
                if len(istr) > max_cell or len(v) > max_cell:
                    longest = len(_rich_text(istr) if kind == "rich" else _text(istr or v))
                    if longest > max_cell:
                        raise XlsxLimit("cell", value=longest, maximum=max_cell, line=number)
                if kind == "inlineStr":
                    values.append(_text(istr) if "&" in istr or "_x" in istr else istr)
                elif kind == "rich":
                    values.append(_rich_text(istr))
                elif not v:
                    values.append("")
                elif kind == "s":
                    index = int(v)
                    if not 0 <= index < n_shared:
                        raise XlsxError(f"shared string {index} of {n_shared}")
                    values.append(shared[index])
                elif not kind or kind == "n":
                    k = kinds[int(style)] if style and int(style) < n_kinds else None
                    values.append(_serial_to_python(float(v), k, epoch) if k else float(v))
                elif kind == "b":
                    values.append(v.strip() in ("1", "true"))
                elif kind == "d":
                    values.append(_iso_date(v))
                else:  # str (a formula's text), e (an error such as #N/A)
                    values.append(_text(v))
        if values is not None:
            yield number, values


def _iso_date(raw: str) -> Any:
    try:
        value = dt.datetime.fromisoformat(raw.strip().rstrip("Z"))
    except ValueError:
        return raw
    if value.time() == dt.time.min:
        return value.date()
    return value
