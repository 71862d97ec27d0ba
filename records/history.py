"""The audit history of one record from django-simple-history: who, when, field: old → new."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import ForeignObjectRel
from django.utils import timezone
from django.utils.translation import gettext as _

from common.formatting import format_date, format_datetime, format_number

from .spec import Section

# Bookkeeping fields, not shown as changes.
HIDDEN = {"version", "updated_at", "created_at", "updated_by", "unit", "period", "import_batch"}


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Entry:
    at: dt.datetime
    who: str
    kind: str  # created | changed | deleted
    kind_label: str
    version: int | None
    reason: str
    changes: list[Change]


def display(f: models.Field | ForeignObjectRel | None, value: Any) -> str:
    """A stored value as the user reads it: choice labels, Có/Không, dd/mm/yyyy, 1.500.000."""
    if value is None or value == "":
        return "—"
    if isinstance(f, models.Field) and f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.BooleanField):
        return _("Có") if value else _("Không")
    if isinstance(f, models.DateTimeField) and isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(f, models.DateField) and isinstance(value, dt.date):
        return format_date(value)
    if isinstance(f, models.IntegerField) and isinstance(value, int):
        return format_number(value)
    if isinstance(f, models.ForeignKey):
        return str(value)
    return str(value)


def _tracked_fields(model: type[models.Model]) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in HIDDEN and f.name != "id"]


def _fk_labels(model: type[models.Model], records: list[Any]) -> dict[tuple[str, object], str]:
    """Names of referenced objects (one query per FK field), including deleted ones' ids."""
    labels: dict[tuple[str, object], str] = {}
    for f in _tracked_fields(model):
        if not isinstance(f, models.ForeignKey):
            continue
        ids = {getattr(r, f.attname) for r in records} - {None}
        if ids:
            for obj in f.related_model._default_manager.filter(pk__in=ids):
                labels[(f.name, obj.pk)] = str(obj)
            for missing in ids - {k[1] for k in labels if k[0] == f.name}:
                labels[(f.name, missing)] = _("(đã xóa, mã %(id)s)") % {"id": missing}
    return labels


def record_history(section: Section, records: list[Any]) -> list[Entry]:
    """Entries newest first; `records` are historical rows of one record, newest first."""
    model = section.model
    tracked = _tracked_fields(model)
    fk_labels = _fk_labels(model, records)
    kinds = {"+": _("Tạo mới"), "~": _("Sửa"), "-": _("Xóa")}

    def value(f: models.Field, rec: Any) -> str:
        raw = getattr(rec, f.attname)
        if isinstance(f, models.ForeignKey):
            return fk_labels.get((f.name, raw), "—") if raw is not None else "—"
        return display(f, raw)

    entries = []
    for i, rec in enumerate(records):
        prev = records[i + 1] if i + 1 < len(records) else None
        changes = []
        if rec.history_type == "+" or prev is None:
            for f in tracked:
                v = value(f, rec)
                if v != "—":
                    changes.append(Change(str(f.verbose_name), "—", v))
        elif rec.history_type == "-":
            changes = []
        else:
            delta = rec.diff_against(prev, excluded_fields=list(HIDDEN))
            by_name = {f.name: f for f in tracked}
            for c in delta.changes:
                changed = by_name.get(c.field)
                if changed is None:
                    continue
                changes.append(
                    Change(str(changed.verbose_name), value(changed, prev), value(changed, rec))
                )
        user = rec.history_user
        imported = rec.history_type != "-" and str(rec.history_change_reason or "").startswith(
            _("Nhập từ tệp")
        )
        entries.append(
            Entry(
                at=rec.history_date,
                who=(user.get_full_name() or user.get_username()) if user else _("(hệ thống)"),
                kind="imported"
                if imported
                else {"+": "created", "~": "changed", "-": "deleted"}[rec.history_type],
                kind_label=_("Nhập từ tệp") if imported else kinds[rec.history_type],
                version=getattr(rec, "version", None),
                reason=rec.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def _origin_reason(batch: Any) -> str:
    return _("Nhập từ tệp «%(name)s» (lần nhập số %(id)s)") % {
        "name": batch.original_name or "—",
        "id": batch.pk,
    }


def history_catch_up(section: Section, current: Any) -> None:
    """Before a form write: make the history hold the record's state as stored now.

    Imports write in bulk (no per-record history). So that the next history row shows exactly
    the fields the hand edit changes, old → new, the stored state is recorded first when the
    history lacks it — as the record's origin (the import: file, batch, who, when) when it has
    no history at all, or as a change by the last import when an import changed it since."""
    history = section.history
    last = history.filter(id=current.pk).order_by("-history_date", "-history_id").first()
    tracked = _tracked_fields(section.model)
    if last is not None and all(
        getattr(last, f.attname) == getattr(current, f.attname) for f in tracked
    ):
        return
    batch = getattr(current, "import_batch", None)
    at = timezone.now()
    if (
        batch is not None
        and batch.at is not None
        and (last is None or batch.at > last.history_date)
    ):
        at = min(batch.at, at)
    history.bulk_history_create(
        [current],
        update=last is not None,
        default_user=getattr(batch, "by", None) if batch is not None else None,
        default_change_reason=_origin_reason(batch) if batch is not None else "",
        default_date=at,
    )


def import_origin_entry(obj: Any) -> Entry | None:
    """The import that created a record never edited by hand, as its history's first entry."""
    batch = getattr(obj, "import_batch", None)
    if batch is None:
        return None
    user = batch.by
    changes = []
    for f in _tracked_fields(type(obj)):
        raw = getattr(obj, f.name) if isinstance(f, models.ForeignKey) else getattr(obj, f.attname)
        v = display(f, raw)
        if v != "—":
            changes.append(Change(str(f.verbose_name), "—", v))
    return Entry(
        at=batch.at,
        who=(user.get_full_name() or user.get_username()) if user else _("(hệ thống)"),
        kind="imported",
        kind_label=_("Nhập từ tệp"),
        version=None,
        reason=_origin_reason(batch),
        changes=changes,
    )
