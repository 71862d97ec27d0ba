"""Writes of section records: locks, optimistic concurrency, audit user, recomputation.

Every form write of a record goes through `record_save` / `record_delete`, which
- refuse when the (unit, period) report is submitted or later (`reports.locks.ensure_unlocked`), and for
  unit-level dated records when the record's dates (old or new) touch a period whose report for
  the unit is locked;
- refuse when the stored `version` differs from the one the editor loaded
  (`ConcurrentEditError`, carrying the current record) — the second writer is told;
- increment `version`, set `updated_by` and the django-simple-history user;
- call `reports.recompute.records_changed` once the transaction commits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from orgs.models import Period, Unit
from orgs.policy import is_catalogue_admin, roles_may_edit_data
from reports.locks import ensure_unlocked
from reports.recompute import records_changed

from .history import history_catch_up
from .locking import record_ensure_unlocked
from .spec import Record, Section

if TYPE_CHECKING:
    from orgs.models import AnyUser


class ConcurrentEditError(Exception):
    """The record changed (or vanished) since the editor loaded it."""

    def __init__(self, current: Record | None) -> None:
        self.current = current
        if current is None:
            message = _("Bản ghi này đã bị người khác xóa; thay đổi của bạn chưa được lưu.")
        else:
            who = current.updated_by.get_username() if getattr(current, "updated_by", None) else ""
            message = _(
                "Bản ghi này vừa được %(who)s sửa (phiên bản %(version)s) sau khi bạn mở nó. "
                "Thay đổi của bạn CHƯA được lưu. Hãy xem giá trị hiện tại bên dưới, "
                "điều chỉnh nếu cần rồi lưu lại."
            ) % {"who": who or _("người khác"), "version": current.version}
        super().__init__(message)
        self.message = message


def ensure_record_editable(
    *,
    section: Section,
    unit: Unit,
    period: Period,
    old: Record | None,
    new: Record | None,
    by: Any = None,
    channel: str = "form",
) -> None:
    """Raise ValidationError (Vietnamese) when the change would alter locked data: the page's
    period, and what the old and new versions count for (`Scope.lock_targets`). Run inside the
    writing transaction: it takes the workflow's row lock on the reports concerned."""
    if section.scope.global_catalogue:
        return
    ensure_unlocked(unit=unit, period=period, hold=True, channel=channel, by=by)
    record_ensure_unlocked(old=old, new=new, by=by, channel=channel, scope=section.scope, unit=unit)


def ensure_can_write(*, section: Section, user: AnyUser, roles: set[str]) -> None:
    if section.scope.global_catalogue:
        if not is_catalogue_admin(user):
            raise PermissionDenied(_("Chỉ quản trị viên được sửa danh mục thủ tục hành chính."))
    elif not roles_may_edit_data(roles):
        raise PermissionDenied(_("Bạn chỉ có quyền xem dữ liệu của đơn vị này."))


def _notify(section: Section, unit: Unit, period: Period, *records: Record | None) -> None:
    if section.scope.global_catalogue:
        return
    target = period if section.scope.per_period else None
    transaction.on_commit(lambda: records_changed(unit=unit, period=target))


def record_save(
    *,
    section: Section,
    instance: Record,
    by: AnyUser | None,
    unit: Unit,
    period: Period,
    expected_version: int | None,
) -> Record:
    """Create (instance.pk is None) or update a record of `section` for (unit, period).

    `instance` carries the new values (a ModelForm's instance after validation)."""
    model = section.model
    with transaction.atomic():
        old = None
        if instance.pk is not None:
            old = (
                section.scope.owned(model._default_manager.all(), unit=unit, period=period)
                .select_for_update()
                .filter(pk=instance.pk)
                .first()
            )
            if old is None:
                raise ConcurrentEditError(None)
            if expected_version is None or old.version != expected_version:
                raise ConcurrentEditError(old)
            instance.version = old.version + 1
            history_catch_up(section, old)
        else:
            section.scope.assign(instance, unit=unit, period=period)
            instance.version = 1
        ensure_record_editable(
            section=section, unit=unit, period=period, old=old, new=instance, by=by
        )
        if hasattr(instance, "updated_by_id"):
            instance.updated_by = by
        instance._history_user = by
        if section.before_save is not None:
            section.before_save(instance)
        try:
            with transaction.atomic():
                instance.save()
        except IntegrityError as exc:
            raise ValidationError(
                _("Bản ghi trùng với một bản ghi đã có của đơn vị; không lưu được.")
            ) from exc
        if section.after_save is not None:
            section.after_save(instance, old)
        _notify(section, unit, period, old, instance)
    return instance


def record_delete(
    *,
    section: Section,
    pk: int,
    by: AnyUser | None,
    unit: Unit,
    period: Period,
    expected_version: int | None,
) -> None:
    """Delete a record (kept in its history as a deletion by `by`)."""
    model = section.model
    with transaction.atomic():
        old = (
            section.scope.owned(model._default_manager.all(), unit=unit, period=period)
            .select_for_update()
            .filter(pk=pk)
            .first()
        )
        if old is None:
            raise ConcurrentEditError(None)
        if expected_version is not None and old.version != expected_version:
            raise ConcurrentEditError(old)
        ensure_record_editable(section=section, unit=unit, period=period, old=old, new=None, by=by)
        history_catch_up(section, old)
        old._history_user = by
        try:
            with transaction.atomic():
                old.delete()
        except IntegrityError as exc:
            raise ValidationError(_("Không xóa được: bản ghi đang được dùng ở nơi khác.")) from exc
        if section.after_delete is not None:
            section.after_delete(old)
        _notify(section, unit, period, old)
