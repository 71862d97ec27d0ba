"""The dossier import (SPEC §4): stream, validate every cell, then upsert by (unit, code) in one
transaction — or write nothing.

On PostgreSQL valid rows are streamed with COPY into a temporary table while the file is being
read, counted against the stored dossiers with one join, and written with one
`INSERT … SELECT … ON CONFLICT (unit_id, code) DO UPDATE … WHERE (row differs)`; nothing of the
file is ever held in memory as model instances. Other databases (SQLite in development) use
bulk_create / bulk_update in batches.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
from collections.abc import Callable, Iterator
from typing import IO, Any, Literal

from django.contrib.auth.models import User
from django.core.files import File
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.formatting import format_count, format_date, format_datetime
from imports.base import (
    SAMPLE_ROWS,
    Column,
    ImportProblem,
    ImportRefused,
    ImportResult,
    Progress,
    match_headers,
)
from imports.models import ImportBatch
from imports.reader import Table, open_table
from imports.values import (
    TZ,
    cell_text,
    fmt_dt,
    make_choice,
    parse_amount,
    parse_bool,
    parse_datetime,
)
from orgs.models import Unit

from ..models import Channel, Dossier, DossierStatus, OnlineLevel, Procedure, Source

COLUMNS = (
    Column("code", "Mã hồ sơ", "code", required=True),
    Column("procedure_code", "Mã TTHC", "procedure_code", required=True),
    Column("procedure_name", "Tên TTHC", "procedure_name"),
    Column("channel", "Hình thức nộp", "channel", required=True),
    Column("received_at", "Ngày tiếp nhận", "received_at", required=True),
    Column("due_at", "Hạn xử lý", "due_at", required=True),
    Column("resolved_at", "Ngày có kết quả", "resolved_at", required=True),
    Column("status", "Trạng thái", "status", required=True),
    Column("components_digitized", "Số hóa hồ sơ", "components_digitized"),
    Column("result_digitized", "Số hóa kết quả", "result_digitized"),
    Column("paid_online", "Thanh toán trực tuyến", "paid_online"),
    Column("fee", "Phí, lệ phí", "fee"),
    Column("source", "Nguồn", "source"),
)
LABEL = {c.key: c.label for c in COLUMNS}
SAMPLE_KEYS = (
    "code",
    "procedure_code",
    "procedure_name",
    "channel",
    "received_at",
    "due_at",
    "resolved_at",
    "status",
    "components_digitized",
    "result_digitized",
    "paid_online",
    "fee",
    "source",
)


def _sample_values(
    code: str,
    pcode: str,
    pname: str | None,
    channel: str | None,
    received: dt.datetime | None,
    due: dt.datetime | Literal[False] | None,
    resolved: dt.datetime | Literal[False] | None,
    status: str | None,
    comp: bool,
    resd: bool,
    paid: bool,
    fee: int | None,
    source: str,
) -> list[Any]:
    """One parsed row as the portal will print the stored dossier."""
    yes, no = _("Có"), _("Không")
    return [
        code,
        pcode,
        pname,
        Channel(channel).label if channel else None,
        format_datetime(received) if received else None,
        format_datetime(due) if due else None,
        format_datetime(resolved) if resolved else None,
        DossierStatus(status).label if status else None,
        yes if comp else no,
        yes if resd else no,
        yes if paid else no,
        format_count(fee) if fee is not None else None,
        Source(source).label,
    ]


# The stored fields an import writes, in COPY order (after `line` and `code`).
DATA_FIELDS = (
    "procedure_code",
    "procedure_id",
    "procedure_name",
    "online_level",
    "channel",
    "received_at",
    "due_at",
    "resolved_at",
    "status",
    "components_digitized",
    "result_digitized",
    "paid_online",
    "fee",
    "source",
)
ENDED = (DossierStatus.RESOLVED, DossierStatus.WITHDRAWN, DossierStatus.REJECTED)

parse_channel = make_choice(
    {
        Channel.ONLINE: ("Trực tuyến", "online", "Nộp trực tuyến", "DVC trực tuyến"),
        Channel.DIRECT: ("Trực tiếp", "direct", "Nộp trực tiếp", "tại quầy"),
        Channel.POSTAL: ("Bưu chính", "postal", "BCCI", "Bưu chính công ích", "post"),
    },
    what=gettext_lazy("hình thức nộp"),
    allowed="Trực tuyến, Trực tiếp, Bưu chính (online, direct, postal)",
)
parse_status = make_choice(
    {
        DossierStatus.RESOLVED: ("Đã giải quyết", "resolved", "Hoàn thành", "Đã trả kết quả"),
        DossierStatus.PENDING: ("Đang giải quyết", "pending", "Đang xử lý", "Chưa giải quyết"),
        DossierStatus.WITHDRAWN: ("Rút hồ sơ", "withdrawn", "Đã rút", "Công dân rút"),
        DossierStatus.REJECTED: ("Từ chối", "rejected", "Từ chối giải quyết", "Trả lại"),
    },
    what=gettext_lazy("trạng thái"),
    allowed="Đã giải quyết, Đang giải quyết, Rút hồ sơ, Từ chối "
    "(resolved, pending, withdrawn, rejected)",
)
parse_source = make_choice(
    {
        Source.PROVINCIAL: ("Một cửa tỉnh", "provincial", "Hệ thống một cửa tỉnh", "province"),
        Source.NATIONAL: (
            "Cổng DVC quốc gia",
            "national",
            "DVC quốc gia",
            "Cổng dịch vụ công quốc gia",
        ),
    },
    what=gettext_lazy("nguồn"),
    allowed="Một cửa tỉnh, Cổng DVC quốc gia (provincial, national)",
)

MAX_LEN = {"code": 60, "procedure_code": 40, "procedure_name": 500}
PROGRESS_EVERY = 5000
# The default number of problems kept for display; the CLI keeps them all.
ERROR_LIMIT = 5000


_MISS = object()


def _memo[T](fn: Callable[[Any], T], limit: int = 100_000) -> Callable[[Any], T]:
    """Per-import cache of a cell parser keyed by the raw cell (values repeat a lot: channels,
    statuses, yes/no, dates without a time). Errors are not cached, they raise each time."""
    cache: dict = {}
    get = cache.get

    def parse(value: Any) -> T:
        hit = get(value, _MISS)
        if hit is _MISS:
            hit = fn(value)
            if len(cache) < limit:
                cache[value] = hit
        return hit

    return parse


def _fast_datetime(value: Any, end_of_day: bool = False) -> dt.datetime | None:
    """'dd/mm/yyyy HH:MM' by slicing (the common export format of the one-stop systems);
    anything else through the full parser, which also words the error."""
    if value.__class__ is str and len(value) == 16 and value[2] == "/" and value[13] == ":":
        try:
            return dt.datetime(
                int(value[6:10]),
                int(value[3:5]),
                int(value[0:2]),
                int(value[11:13]),
                int(value[14:16]),
                tzinfo=TZ,
            )
        except ValueError:
            pass
    return parse_datetime(value, end_of_day=end_of_day)


def _due_datetime(value: Any) -> dt.datetime | None:
    return _fast_datetime(value, True)


class _Rollback(Exception):
    """Raised inside the transaction of a preview so that nothing stays written."""


def _str(value: str | None) -> str | None:
    return None if value is None else str(value)


def _catalogue() -> dict[str, tuple[int, str]]:
    return {
        code: (pk, str(level))
        for code, pk, level in Procedure.objects.values_list("code", "id", "online_level")
    }


def _sha256(f: IO[bytes]) -> str:
    h = hashlib.sha256()
    f.seek(0)
    for chunk in iter(lambda: f.read(1 << 20), b""):
        h.update(chunk)
    f.seek(0)
    return h.hexdigest()


class _Parser:
    """Reads a dossier file and yields valid row tuples (line, code, *DATA_FIELDS) while
    collecting every problem in `result`."""

    def __init__(
        self, *, result: ImportResult, error_limit: int | None, unit: Unit, by: Any = None
    ) -> None:
        self.result = result
        self.by = by
        self.error_limit = error_limit
        self.unit = unit
        self.catalogue = _catalogue()
        self.unknown_procedures: dict[str, list[int]] = {}  # code -> [count, first line]
        self.received_days: set[dt.date] = set()
        self.table: Table | None = None

    def err(self, line: int, key: str, message: str) -> None:
        header = self.headers_as_written.get(key, LABEL.get(key, key))
        self.result.add_error(line, header, message, limit=self.error_limit)

    def required[T](
        self, line: int, key: str, parse: Callable[[Any], T | None], value: Any
    ) -> T | None:
        """A required cell parsed, or None with the error recorded (empty or invalid)."""
        try:
            parsed = parse(value)
        except ValueError as exc:
            self.err(line, key, str(exc))
            return None
        if parsed is None:
            self.err(line, key, _("Bắt buộc, không được để trống."))
        return parsed

    def rows(self, f: IO[bytes], *, name: str, progress: Progress | None) -> Iterator[tuple]:
        result = self.result
        try:
            table = open_table(f, name=name)
        except ImportRefused as exc:
            result.errors.append(exc.as_problem())
            result.error_count += 1
            return
        self.table = table
        pos, header_errors, header_warnings = match_headers(table.headers, COLUMNS)
        self.headers_as_written = {k: str(table.headers[i]).strip() for k, i in pos.items()}
        result.warnings.extend(header_warnings)
        if header_errors:
            result.errors.extend(header_errors)
            result.error_count += len(header_errors)
            return
        table.keep_columns(
            max(pos.values(), default=-1) + 1
        )  # unknown columns further right: unread
        width = len(table.headers)
        ix = {k: pos.get(k, -1) for k in LABEL}
        i_code, i_pcode, i_pname = ix["code"], ix["procedure_code"], ix["procedure_name"]
        i_channel, i_recv, i_due, i_res = (
            ix["channel"],
            ix["received_at"],
            ix["due_at"],
            ix["resolved_at"],
        )
        i_status, i_comp, i_resd, i_paid = (
            ix["status"],
            ix["components_digitized"],
            ix["result_digitized"],
            ix["paid_online"],
        )
        i_fee, i_source = ix["fee"], ix["source"]
        seen: dict[str, int] = {}
        catalogue = self.catalogue
        unknown = self.unknown_procedures
        days = self.received_days
        err = self.err
        required = self.required
        valid_from = self.unit.valid_from if self.unit else None
        valid_to = self.unit.valid_to if self.unit else None
        none_level = str(OnlineLevel.NONE)
        withdrawn, pending = str(DossierStatus.WITHDRAWN), str(DossierStatus.PENDING)
        provincial = str(Source.PROVINCIAL)
        p_channel = _memo(lambda v: _str(parse_channel(v)))
        p_status = _memo(lambda v: _str(parse_status(v)))
        p_source = _memo(lambda v: _str(parse_source(v)))
        p_bool = _memo(parse_bool)
        p_fee = _memo(parse_amount)
        p_due = _memo(_due_datetime)
        p_dt = _fast_datetime
        n = 0
        # False: the cell was invalid (its error is recorded), None: it was empty.
        due: dt.datetime | Literal[False] | None
        resolved: dt.datetime | Literal[False] | None
        try:
            for line, values in table.rows:
                if len(values) < width:
                    values = list(values) + [""] * (width - len(values))
                if not any(values) and all(v in ("", None) for v in values):
                    continue  # blank line
                n += 1
                if n % PROGRESS_EVERY == 0 and progress:
                    progress(table.fraction(), _("Đã đọc %(n)s dòng") % {"n": n})

                code = values[i_code]
                code = code.strip() if isinstance(code, str) else cell_text(code)
                if not code:
                    err(line, "code", _("Bắt buộc, không được để trống."))
                elif len(code) > 60:
                    err(line, "code", _("Dài quá %(max)s ký tự.") % {"max": 60})
                else:
                    first = seen.get(code)
                    if first is not None:
                        err(
                            line,
                            "code",
                            _("Mã hồ sơ «%(code)s» trùng với dòng %(first)s của tệp.")
                            % {"code": code, "first": first},
                        )
                    else:
                        seen[code] = line

                pcode = values[i_pcode]
                pcode = pcode.strip() if isinstance(pcode, str) else cell_text(pcode)
                if not pcode:
                    err(line, "procedure_code", _("Bắt buộc, không được để trống."))
                elif len(pcode) > 40:
                    err(line, "procedure_code", _("Dài quá %(max)s ký tự.") % {"max": 40})
                pname = ""
                if i_pname >= 0:
                    pname = values[i_pname]
                    pname = pname.strip() if isinstance(pname, str) else cell_text(pname)
                    if len(pname) > 500:
                        err(line, "procedure_name", _("Dài quá %(max)s ký tự.") % {"max": 500})

                channel = status = received = due = resolved = None
                channel = required(line, "channel", p_channel, values[i_channel])
                status = required(line, "status", p_status, values[i_status])
                received = required(line, "received_at", p_dt, values[i_recv])
                try:
                    # A deadline without a time means the end of that day (SPEC §4).
                    due = p_due(values[i_due])
                except ValueError as exc:
                    err(line, "due_at", str(exc))
                    due = False
                try:
                    resolved = p_dt(values[i_res])
                except ValueError as exc:
                    err(line, "resolved_at", str(exc))
                    resolved = False
                comp = resd = paid = False
                fee = None
                source = provincial
                try:
                    comp = bool(p_bool(values[i_comp])) if i_comp >= 0 else False
                except ValueError as exc:
                    err(line, "components_digitized", str(exc))
                try:
                    resd = bool(p_bool(values[i_resd])) if i_resd >= 0 else False
                except ValueError as exc:
                    err(line, "result_digitized", str(exc))
                try:
                    paid = bool(p_bool(values[i_paid])) if i_paid >= 0 else False
                except ValueError as exc:
                    err(line, "paid_online", str(exc))
                if i_fee >= 0:
                    try:
                        fee = p_fee(values[i_fee])
                    except ValueError as exc:
                        err(line, "fee", str(exc))
                if i_source >= 0:
                    try:
                        source = p_source(values[i_source]) or provincial
                    except ValueError as exc:
                        err(line, "source", str(exc))

                # Rules across fields.
                if status is not None:
                    if due is None and status != withdrawn:
                        err(line, "due_at", _("Bắt buộc (chỉ được để trống khi hồ sơ rút)."))
                    if status == pending:
                        if resolved:
                            err(
                                line,
                                "resolved_at",
                                _("Hồ sơ đang giải quyết phải để trống ngày có kết quả."),
                            )
                    elif resolved is None:
                        err(
                            line,
                            "resolved_at",
                            _("Bắt buộc với hồ sơ có trạng thái «%(status)s».")
                            % {"status": DossierStatus(status).label},
                        )
                if received:
                    if resolved and resolved < received:
                        err(
                            line,
                            "resolved_at",
                            _("Ngày có kết quả %(r)s trước ngày tiếp nhận %(t)s.")
                            % {"r": fmt_dt(resolved), "t": fmt_dt(received)},
                        )
                    if due and due < received:
                        err(
                            line,
                            "due_at",
                            _("Hạn xử lý %(d)s trước ngày tiếp nhận %(t)s.")
                            % {"d": fmt_dt(due), "t": fmt_dt(received)},
                        )
                    day = received.date()
                    if (valid_from and day < valid_from) or (valid_to and day > valid_to):
                        err(
                            line,
                            "received_at",
                            _(
                                "Ngày tiếp nhận %(t)s nằm ngoài thời gian hoạt động của %(unit)s "
                                "(%(a)s – %(b)s)."
                            )
                            % {
                                "t": fmt_dt(received),
                                "unit": self.unit.name,
                                "a": format_date(valid_from) if valid_from else "…",
                                "b": format_date(valid_to) if valid_to else "…",
                            },
                        )
                    days.add(day)

                if result.error_count:
                    continue  # once a file has an error nothing more is written
                proc = catalogue.get(pcode)
                if proc is None:
                    hit = unknown.get(pcode)
                    if hit is None:
                        unknown[pcode] = [1, line]
                    else:
                        hit[0] += 1
                    proc_id, level = None, none_level
                else:
                    proc_id, level = proc
                if len(result.sample) < SAMPLE_ROWS:
                    result.add_sample(
                        [LABEL[k] for k in SAMPLE_KEYS],
                        _sample_values(
                            code,
                            pcode,
                            pname,
                            channel,
                            received,
                            due,
                            resolved,
                            status,
                            comp,
                            resd,
                            paid,
                            fee,
                            source,
                        ),
                    )
                yield (
                    line,
                    code,
                    pcode,
                    proc_id,
                    pname,
                    level,
                    channel,
                    received,
                    due or None,
                    resolved or None,
                    status,
                    comp,
                    resd,
                    paid,
                    fee,
                    source,
                )
        except ImportRefused as exc:
            result.errors.append(exc.as_problem())
            result.error_count += 1
        result.rows = n
        if n == 0 and not result.error_count:
            result.errors.append(
                ImportProblem(2, "", _("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
            )
            result.error_count += 1

    def finish(self) -> None:
        """After the whole file was read (and outside any COPY): the catalogue warnings and the
        refusal when a row falls into a period whose report locks the data."""
        if not self.result.ok:
            return
        self.finish_warnings()
        message = _locked_problem(unit=self.unit, days=self.received_days, by=self.by)
        if message:
            self.result.add_error(0, "", message, limit=None)

    def finish_warnings(self) -> None:
        for code, (count, first) in sorted(self.unknown_procedures.items(), key=lambda x: x[1][1]):
            self.result.warnings.append(
                _(
                    "Mã TTHC «%(code)s» không có trong danh mục (%(count)s hồ sơ, dòng đầu tiên "
                    "%(line)s): hồ sơ được nhập với mức độ DVC «Không»."
                )
                % {"code": code, "count": count, "line": first}
            )


def _locked_problem(*, unit: Unit, days: set[dt.date], by: Any = None) -> str | None:
    """A message when a row falls in the window of a period whose report locks the data.
    Called inside the writing transaction: the lock rule takes the workflow's row lock on the
    reports of the periods the file touches first, so a submit cannot slip in between."""
    from reports.locks import lock_reports_touching, locked_periods, log_lock_refused

    if not days:
        return None
    span = [(min(days), max(days))]
    lock_reports_touching(unit=unit, ranges=span)
    for p in locked_periods(unit=unit, ranges=span):
        hits = [d for d in days if p.start <= d <= p.end]
        if hits:
            log_lock_refused(unit=unit, periods=[p], channel="import:dossiers", by=by)
            return _(
                "Báo cáo kỳ %(period)s của %(unit)s đã gửi nên dữ liệu kỳ này bị khóa; tệp có "
                "%(n)s ngày tiếp nhận trong kỳ (từ %(start)s đến %(end)s). Không nhập được."
            ) % {
                "period": p.code,
                "unit": unit.name,
                "n": len(hits),
                "start": format_date(p.start),
                "end": format_date(p.end),
            }
    return None


def _store_batch(*, batch: ImportBatch, f: IO[bytes], name: str, result: ImportResult) -> None:
    """Fill in the audit row of an import: the stored file, its SHA-256, counts, warnings."""
    batch.original_name = (name or "dossiers").replace("\\", "/").rsplit("/", 1)[-1][:255]
    batch.sha256 = _sha256(f)
    batch.rows = result.rows
    batch.created, batch.updated, batch.unchanged = result.created, result.updated, result.unchanged
    batch.warnings = result.warnings[:1000]
    f.seek(0)
    batch.file.save(batch.original_name or "dossiers.csv", File(f), save=False)
    batch.save()


# --- PostgreSQL ------------------------------------------------------------------------------

_TEMP = "_cchc_import_dossier"
_COPY_SPECIAL = re.compile(r"[\\\t\n\r]")
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_BOOL = {True: "t", False: "f"}


def _esc(text: str) -> str:
    """A text value for COPY's text format."""
    return text.translate(_COPY_ESCAPES) if _COPY_SPECIAL.search(text) else text


def _copy_line(r: tuple) -> str:
    """One row in COPY text format (tab-separated, \\N for NULL), built in one f-string: about
    three times faster than psycopg's write_row for this table."""
    due, resolved, proc, fee = r[8], r[9], r[3], r[14]
    return (
        f"{r[0]}\t{_esc(r[1])}\t{_esc(r[2])}\t{'\\N' if proc is None else proc}\t{_esc(r[4])}\t"
        f"{r[5]}\t{r[6]}\t{r[7].isoformat()}\t{'\\N' if due is None else due.isoformat()}\t"
        f"{'\\N' if resolved is None else resolved.isoformat()}\t{r[10]}\t{_BOOL[r[11]]}\t"
        f"{_BOOL[r[12]]}\t{_BOOL[r[13]]}\t{'\\N' if fee is None else fee}\t{r[15]}\n"
    )


def _pg_import(
    *,
    parser: _Parser,
    rows: Iterator[tuple],
    unit: Unit,
    by: User | None,
    commit: bool,
    f: IO[bytes],
    name: str,
    progress: Progress | None,
) -> None:
    result = parser.result
    table = Dossier._meta.db_table
    col = {f.name: str(f.column) for f in Dossier._meta.concrete_fields}
    data_cols = [col.get(n, n) for n in DATA_FIELDS]
    with connection.cursor() as cursor:
        # One import per unit at a time: counts and upsert see a stable table.
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [0x43434843, unit.pk])
        # Dropped on commit; dropped here too when an outer transaction (tests) keeps it alive.
        cursor.execute(f"DROP TABLE IF EXISTS {_TEMP}")
        cursor.execute(
            f"""CREATE TEMP TABLE {_TEMP} (
                line integer, code varchar(60), procedure_code varchar(40),
                procedure_id bigint, procedure_name varchar(500), online_level varchar(10),
                channel varchar(10), received_at timestamptz, due_at timestamptz,
                resolved_at timestamptz, status varchar(10), components_digitized boolean,
                result_digitized boolean, paid_online boolean, fee bigint, source varchar(12)
            ) ON COMMIT DROP"""
        )
        raw = cursor.cursor
        with raw.copy(f"COPY {_TEMP} FROM STDIN") as copy:
            buf: list[str] = []
            for row in rows:
                buf.append(_copy_line(row))
                if len(buf) >= 5000:
                    copy.write("".join(buf))
                    buf.clear()
            if buf:
                copy.write("".join(buf))
        parser.finish()
        if not result.ok:
            raise _Rollback
        if progress:
            progress(0.85, _("Đang so sánh với dữ liệu đã có"))
        incoming = ", ".join(f"i.{c}" for c in DATA_FIELDS)
        if not commit:
            cursor.execute(f"ANALYZE {_TEMP}")
            stored = ", ".join(f"d.{c}" for c in data_cols)
            cursor.execute(
                f"""SELECT count(*) FILTER (WHERE d.id IS NULL),
                           count(*) FILTER (WHERE d.id IS NOT NULL
                                            AND ({stored}) IS DISTINCT FROM ({incoming}))
                    FROM {_TEMP} i
                    LEFT JOIN {table} d ON d.{col["unit"]} = %s AND d.code = i.code""",
                [unit.pk],
            )
            created, updated = cursor.fetchone()
            result.created, result.updated = created, updated
            result.unchanged = result.rows - created - updated
            raise _Rollback
        # The batch row first (its id goes on every changed dossier); its file is stored only
        # when something changed, so a no-op re-import leaves no trace.
        batch = ImportBatch.objects.create(
            kind=ImportBatch.Kind.DOSSIERS, unit=unit, by=by if getattr(by, "pk", None) else None
        )
        now = timezone.now()
        insert_cols = ", ".join(
            [col["unit"], "code", *data_cols, "version", "created_at", "updated_at"]
            + [col["updated_by"], col["import_batch"]]
        )
        stored = ", ".join(f"d.{c}" for c in data_cols)
        unit_col, by_col, batch_col = col["unit"], col["updated_by"], col["import_batch"]
        by_id = getattr(by, "pk", None)
        # Changed rows: one UPDATE … FROM joined on (unit, code); unchanged rows are neither
        # written nor locked, so re-importing a file costs a read-only join.
        sets = ", ".join(f"{c} = i.{c}" for c in data_cols)
        cursor.execute(
            f"""UPDATE {table} d SET {sets}, version = d.version + 1, updated_at = %s,
                    {by_col} = %s, {batch_col} = %s
                FROM {_TEMP} i
                WHERE d.{unit_col} = %s AND d.code = i.code
                  AND ({stored}) IS DISTINCT FROM ({incoming})""",
            [now, by_id, batch.pk, unit.pk],
        )
        updated = cursor.rowcount
        # New codes: existing ones are skipped by the unique index's pre-check, without
        # writing or locking them (imports of a unit are serialised by the advisory lock).
        cursor.execute(
            f"""INSERT INTO {table} ({insert_cols})
                SELECT %s, i.code, {incoming}, 1, %s, %s, %s, %s FROM {_TEMP} i
                ON CONFLICT ({unit_col}, code) DO NOTHING""",
            [unit.pk, now, now, by_id, batch.pk],
        )
        created = cursor.rowcount
        result.created, result.updated = created, updated
        result.unchanged = result.rows - created - updated
        if not (created or updated):
            raise _Rollback
        if progress:
            progress(0.95, _("Đã ghi %(n)s hồ sơ") % {"n": created + updated})
        _store_batch(batch=batch, f=f, name=name, result=result)
        result.batch_id = batch.pk


# --- other databases (SQLite in development) ---------------------------------------------------


def _generic_import(
    *,
    parser: _Parser,
    rows: Iterator[tuple],
    unit: Unit,
    by: User | None,
    commit: bool,
    f: IO[bytes],
    name: str,
    progress: Progress | None,
) -> None:
    result = parser.result
    batch_rows: list[tuple] = []
    created: list[tuple] = []
    changed: list[tuple[int, int, tuple]] = []  # (pk, version, row)

    def flush() -> None:
        codes = [r[1] for r in batch_rows]
        existing = {
            r[0]: r[1:]
            for r in Dossier.objects.filter(unit=unit, code__in=codes).values_list(
                "code", "pk", "version", *DATA_FIELDS
            )
        }
        for row in batch_rows:
            old = existing.get(row[1])
            if old is None:
                created.append(row)
            elif tuple(old[2:]) != row[2:]:
                changed.append((old[0], old[1], row))
        batch_rows.clear()

    for row in rows:
        batch_rows.append(row)
        if len(batch_rows) >= 500:
            flush()
    if batch_rows and result.ok:
        flush()
    parser.finish()
    if not result.ok:
        raise _Rollback
    result.created, result.updated = len(created), len(changed)
    result.unchanged = result.rows - result.created - result.updated
    if not commit or not (created or changed):
        raise _Rollback
    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.DOSSIERS, unit=unit, by=by if getattr(by, "pk", None) else None
    )
    _store_batch(batch=batch, f=f, name=name, result=result)
    result.batch_id = batch.pk
    by_id = getattr(by, "pk", None)

    def instance(row: tuple, **extra: Any) -> Dossier:
        values = dict(zip(DATA_FIELDS, row[2:], strict=True))
        return Dossier(
            unit=unit, code=row[1], updated_by_id=by_id, import_batch=batch, **values, **extra
        )

    for i in range(0, len(created), 1000):
        Dossier.objects.bulk_create([instance(r) for r in created[i : i + 1000]])
    for i in range(0, len(changed), 1000):
        objs = [instance(r, pk=pk, version=v + 1) for pk, v, r in changed[i : i + 1000]]
        for o in objs:
            o.updated_at = timezone.now()
        Dossier.objects.bulk_update(
            objs,
            [*DATA_FIELDS, "version", "updated_at", "updated_by", "import_batch"],
        )


def dossiers_import(
    *,
    file: Any,
    unit: Unit,
    by: User | None = None,
    commit: bool = True,
    name: str = "",
    progress: Progress | None = None,
    error_limit: int | None = ERROR_LIMIT,
) -> ImportResult:
    """Validate a dossier file for `unit` and, when `commit` and the whole file is valid, upsert
    it by (unit, code) in one transaction. Returns counts, every problem and the warnings.
    A preview (commit=False) runs the same checks and counts and writes nothing."""
    started = time.perf_counter()
    result = ImportResult(kind=ImportBatch.Kind.DOSSIERS)
    f = file
    name = name or getattr(file, "name", "") or ""
    parser = _Parser(result=result, error_limit=error_limit, unit=unit, by=by)
    parser.headers_as_written = {}
    rows = parser.rows(f, name=name, progress=progress)
    writer = _pg_import if connection.vendor == "postgresql" else _generic_import

    try:
        with transaction.atomic():
            writer(
                parser=parser,
                rows=rows,
                unit=unit,
                by=by,
                commit=commit,
                f=f,
                name=name,
                progress=progress,
            )
            result.committed = True
    except _Rollback:
        result.committed = False
    if result.committed:
        from reports.recompute import records_changed

        records_changed(unit=unit)
    elif result.ok and commit:
        # Nothing to change: the file is already in the database (re-import is a no-op).
        pass
    result.seconds = time.perf_counter() - started
    return result


def scan_received_range(*, file: Any, name: str = "") -> tuple[dt.date, dt.date] | None:
    """The first and last reception day of a file (to pick the unit a reused code meant at the
    time). None when the file cannot be read or has no valid reception date."""
    try:
        table = open_table(file, name=name or getattr(file, "name", ""))
    except ImportRefused:
        return None
    pos, _errors, _warnings = match_headers(table.headers, COLUMNS)
    if "received_at" not in pos:
        return None
    i = pos["received_at"]
    table.keep_columns(i + 1)
    lo = hi = None
    try:
        for _line, values in table.rows:
            if i >= len(values):
                continue
            try:
                value = parse_datetime(values[i])
            except ValueError:
                continue
            if value is None:
                continue
            day = value.date()
            lo = day if lo is None or day < lo else lo
            hi = day if hi is None or day > hi else hi
    except ImportRefused:
        return None
    file.seek(0)
    return (lo, hi) if lo and hi else None
