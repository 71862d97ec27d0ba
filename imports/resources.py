"""The base of a django-import-export resource over a unit's records of one period (finance's
budget and investment lines, the register of documents): rows scoped to (unit, period), the
optimistic version and the audit user set as a form would, the lock judged row by row."""

from __future__ import annotations

from typing import Any, Protocol

from django.contrib.auth.models import User
from django.db.models import QuerySet
from import_export import resources

from orgs.models import Period, Unit
from orgs.records import UnitPeriodRecord


class LockGuard(Protocol):
    """What the import asks of the lock rule for each row it writes (records.locking's
    RecordLockGuard; the kit names it by its shape, kits never import each other)."""

    def noting(self, instance: Any) -> None: ...


class PeriodScopedResource(resources.ModelResource):
    def __init__(
        self,
        *,
        unit: Unit | None,
        period: Period | None,
        by: User | None = None,
        guard: LockGuard | None = None,
    ) -> None:
        super().__init__()
        self.unit = unit
        self.period = period
        self.by = by
        self.guard = guard

    def get_queryset(self) -> QuerySet[UnitPeriodRecord]:
        return self._meta.model.objects.filter(unit=self.unit, period=self.period)

    def import_instance(self, instance: UnitPeriodRecord, row: Any, **kwargs: Any) -> None:
        # Only a resource built for its column headers has no unit and period; it never imports.
        assert self.unit is not None and self.period is not None
        instance.unit = self.unit
        instance.period = self.period
        super().import_instance(instance, row, **kwargs)

    def before_save_instance(self, instance: UnitPeriodRecord, row: Any, **kwargs: Any) -> None:
        if instance.pk:
            instance.version += 1
        instance.updated_by = self.by if getattr(self.by, "pk", None) else None
        # django-simple-history reads the author from the instance; not in its (absent) types.
        instance._history_user = instance.updated_by  # type: ignore[attr-defined]
        if self.guard is not None:
            self.guard.noting(instance)
