"""The procedure catalogue import (SPEC §4): upsert by national code, then bring the
denormalised level and link of the dossiers with those codes in step, in one transaction."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.base import Column, ImportProblem, ImportRefused, ImportResult, Progress, match_headers
from imports.models import ImportBatch
from imports.reader import open_table
from imports.values import cell_text, make_choice, parse_bool, parse_date

from ..models import Dossier, OnlineLevel, Procedure

COLUMNS = (
    Column("code", "Mã TTHC", "code", required=True),
    Column("name", "Tên TTHC", "name", required=True),
    Column("field", "Lĩnh vực", "field"),
    Column("online_level", "Mức độ DVC", "online_level", required=True),
    Column("linked_group", "Nhóm liên thông", "linked_group"),
    # Publicity (QĐ 766, group 1), all optional.
    Column("announcement_ref", "Số QĐ công bố", "announcement_ref"),
    Column("announced_on", "Ngày QĐ công bố", "announced_on"),
    Column("basis_effective_on", "Ngày hiệu lực", "basis_effective_on"),
    Column("published_on", "Ngày công khai", "published_on"),
    Column("published_complete", "Công khai đầy đủ", "published_complete"),
)
FIELDS = (
    "name",
    "field",
    "online_level",
    "linked_group",
    "announcement_ref",
    "announced_on",
    "basis_effective_on",
    "published_on",
    "published_complete",
)
DATE_KEYS = ("announced_on", "basis_effective_on", "published_on")
PUBLICITY = ("announcement_ref", *DATE_KEYS, "published_complete")
MAX_LEN = {"code": 40, "name": 500, "field": 200, "linked_group": 200, "announcement_ref": 100}

parse_level = make_choice(
    {
        OnlineLevel.FULL: ("Toàn trình", "full", "DVC toàn trình", "Mức độ 4", "Mức 4"),
        OnlineLevel.PARTIAL: ("Một phần", "partial", "DVC một phần", "Mức độ 3", "Mức 3"),
        OnlineLevel.NONE: ("Không", "none", "Cung cấp thông tin", "Mức độ 2", "Mức 2"),
    },
    what=gettext_lazy("mức độ DVC"),
    allowed="Toàn trình, Một phần, Không (full, partial, none)",
)


class _Rollback(Exception):
    pass


def procedures_import(
    *,
    file: Any,
    by: User | None = None,
    commit: bool = True,
    name: str = "",
    progress: Progress | None = None,
) -> ImportResult:
    """Validate a catalogue file and, when valid and `commit`, upsert it by code. Dossiers whose
    procedure code is in the file get the catalogue's level and link (one UPDATE)."""
    started = time.perf_counter()
    result = ImportResult(kind=ImportBatch.Kind.PROCEDURES)
    name = name or getattr(file, "name", "") or ""
    try:
        table = open_table(file, name=name)
    except ImportRefused as exc:
        result.errors.append(exc.as_problem())
        result.error_count = 1
        return result
    pos, header_errors, warnings = match_headers(table.headers, COLUMNS)
    result.warnings.extend(warnings)
    if header_errors:
        result.errors.extend(header_errors)
        result.error_count = len(header_errors)
        return result
    table.keep_columns(max(pos.values(), default=-1) + 1)  # unknown columns further right: unread
    written = {k: str(table.headers[i]).strip() for k, i in pos.items()}
    labels = {c.key: c.label for c in COLUMNS}
    width = len(table.headers)
    incoming: dict[str, tuple] = {}
    first_line: dict[str, int] = {}

    def err(line: int, key: str, message: str) -> None:
        result.add_error(line, written.get(key, labels[key]), message, limit=None)

    try:
        for line, values in table.rows:
            if len(values) < width:
                values = list(values) + [""] * (width - len(values))
            texts = {k: cell_text(values[i]) for k, i in pos.items()}
            if not any(texts.values()):
                continue
            result.rows += 1
            code = texts["code"]
            bad = False
            for key, limit in MAX_LEN.items():
                if len(texts.get(key, "")) > limit:
                    err(line, key, _("Dài quá %(max)s ký tự.") % {"max": limit})
                    bad = True
            if not code:
                err(line, "code", _("Bắt buộc, không được để trống."))
                bad = True
            elif code in first_line:
                err(
                    line,
                    "code",
                    _("Mã TTHC «%(code)s» trùng với dòng %(first)s của tệp.")
                    % {"code": code, "first": first_line[code]},
                )
                bad = True
            if not texts["name"]:
                err(line, "name", _("Bắt buộc, không được để trống."))
                bad = True
            level = None
            try:
                level = parse_level(texts["online_level"])
                if level is None:
                    err(line, "online_level", _("Bắt buộc, không được để trống."))
                    bad = True
            except ValueError as exc:
                err(line, "online_level", str(exc))
                bad = True
            dates: dict[str, dt.date | None] = {}
            for key in DATE_KEYS:
                try:
                    dates[key] = parse_date(texts.get(key, ""))
                except ValueError as exc:
                    err(line, key, str(exc))
                    bad = True
            complete = False
            try:
                complete = bool(parse_bool(texts.get("published_complete", "")))
            except ValueError as exc:
                err(line, "published_complete", str(exc))
                bad = True
            if code and code not in first_line:
                first_line[code] = line
            if not bad:
                incoming[code] = (
                    texts["name"],
                    texts.get("field", ""),
                    level,
                    texts.get("linked_group", ""),
                    texts.get("announcement_ref", ""),
                    dates["announced_on"],
                    dates["basis_effective_on"],
                    dates["published_on"],
                    complete,
                )
    except ImportRefused as exc:
        result.errors.append(exc.as_problem())
        result.error_count += 1
    if result.rows == 0 and not result.error_count:
        result.errors.append(
            ImportProblem(2, "", _("Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."))
        )
        result.error_count = 1
    if not result.ok:
        result.seconds = time.perf_counter() - started
        return result

    affected_units: set[int] = set()
    try:
        with transaction.atomic():
            existing = {
                p.code: p for p in Procedure.objects.select_for_update().filter(code__in=incoming)
            }
            new, changed = [], []
            # A publicity column the file lacks leaves the stored values alone.
            used = [n for n, f in enumerate(FIELDS) if f in pos or f not in PUBLICITY]
            used_fields = [FIELDS[n] for n in used]
            for code, row_values in incoming.items():
                old = existing.get(code)
                if old is None:
                    new.append(Procedure(code=code, **dict(zip(FIELDS, row_values, strict=True))))
                elif tuple(getattr(old, FIELDS[n]) for n in used) != tuple(
                    row_values[n] for n in used
                ):
                    for n in used:
                        setattr(old, FIELDS[n], row_values[n])
                    old.version += 1
                    changed.append(old)
            result.created, result.updated = len(new), len(changed)
            result.unchanged = result.rows - len(new) - len(changed)
            if not commit or not (new or changed):
                raise _Rollback
            Procedure.objects.bulk_create(new, batch_size=1000)
            Procedure.objects.bulk_update(changed, [*used_fields, "version"], batch_size=1000)
            # Keep the dossiers' denormalised level and link in step with the catalogue.
            codes = [p.code for p in new] + [p.code for p in changed]
            for i in range(0, len(codes), 5000):
                chunk = codes[i : i + 5000]
                affected_units.update(
                    Dossier.objects.filter(procedure_code__in=chunk)
                    .values_list("unit_id", flat=True)
                    .distinct()
                )
                proc = Procedure.objects.filter(code=OuterRef("procedure_code"))
                Dossier.objects.filter(procedure_code__in=chunk).update(
                    procedure_id=Subquery(proc.values("id")[:1]),
                    online_level=Subquery(proc.values("online_level")[:1]),
                )
            batch = ImportBatch(
                kind=ImportBatch.Kind.PROCEDURES,
                original_name=name.rsplit("/", 1)[-1][:255],
                rows=result.rows,
                created=result.created,
                updated=result.updated,
                unchanged=result.unchanged,
                warnings=result.warnings,
                by=by if getattr(by, "pk", None) else None,
            )
            from django.core.files import File

            from imports.reader import unwrap

            from .dossiers import _sha256

            raw = unwrap(file)
            batch.sha256 = _sha256(raw)
            batch.file.save(name.rsplit("/", 1)[-1] or "procedures.csv", File(raw), save=False)
            batch.save()
            result.batch_id = batch.pk
            result.committed = True
    except _Rollback:
        pass
    if result.committed:
        from orgs.models import Unit
        from reports.recompute import records_changed

        # A level changes the online-service figures of every unit with dossiers of that
        # procedure; the catalogue counts of the others are refreshed by the nightly job.
        for unit in Unit.objects.filter(pk__in=affected_units):
            records_changed(unit=unit)
    result.seconds = time.perf_counter() - started
    return result
