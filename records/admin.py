"""The Django admin of record models goes through the same lock rule as every other channel:
`LockedRecordAdmin` (a mixin of every record ModelAdmin) makes a record that counts for a
period whose report is submitted read-only (no change, no delete, a message saying why),
refuses a save that would move data into a locked period, and bumps `version` and sets
`updated_by` on every save, like the forms and imports do."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from reports.locks import PeriodLocked

from .locking import record_ensure_unlocked, record_is_locked

LOCKED_MESSAGE = gettext_lazy(
    "Bản ghi này thuộc kỳ mà báo cáo của đơn vị đã gửi: chỉ được xem, không được sửa hay xóa."
)


class LockedRecordAdmin(SimpleHistoryAdmin):
    """ModelAdmin of a record model (see the module docstring)."""

    def _locked(self, obj: Model | None) -> bool:
        return obj is not None and obj.pk is not None and record_is_locked(obj)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if self._locked(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if self._locked(obj):
            return False
        return super().has_delete_permission(request, obj)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        obj = self.get_object(request, unquote(object_id))
        if request.method == "GET" and self._locked(obj):
            messages.warning(request, LOCKED_MESSAGE)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_form(
        self, request: HttpRequest, obj: Model | None = None, change: bool = False, **kwargs: Any
    ) -> type[ModelForm]:
        form = super().get_form(request, obj, change=change, **kwargs)
        stored = obj

        class LockCheckedForm(form):  # type: ignore[misc, valid-type]
            def _post_clean(self) -> None:
                super()._post_clean()
                if self.errors:
                    return
                try:
                    record_ensure_unlocked(
                        old=stored, new=self.instance, by=request.user, channel="admin", hold=False
                    )
                except PeriodLocked as exc:
                    self.add_error(None, exc.messages)

        LockCheckedForm.__name__ = form.__name__
        return LockCheckedForm

    def save_model(self, request: HttpRequest, obj: Model, form: ModelForm, change: bool) -> None:
        model = type(obj)
        with transaction.atomic():
            old = None
            if change and obj.pk is not None:
                old = model._default_manager.select_for_update().filter(pk=obj.pk).first()
            # Again under the workflow's row lock, inside the writing transaction.
            record_ensure_unlocked(old=old, new=obj, by=request.user, channel="admin")
            # Record models carry `version` and `updated_by` (orgs.records); `Model` does not.
            if hasattr(obj, "version"):
                obj.version = (getattr(old, "version", 0) + 1) if old is not None else 1
            if hasattr(obj, "updated_by_id"):
                obj.updated_by = request.user  # type: ignore[attr-defined]
            super().save_model(request, obj, form, change)

    def delete_model(self, request: HttpRequest, obj: Model) -> None:
        with transaction.atomic():
            record_ensure_unlocked(old=obj, new=None, by=request.user, channel="admin")
            super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        """The bulk «delete selected» action: locked records stay (and the user is told)."""
        locked = [obj.pk for obj in queryset if self._locked(obj)]
        if locked:
            messages.warning(
                request,
                _("%(n)s bản ghi thuộc kỳ đã gửi báo cáo nên không bị xóa.") % {"n": len(locked)},
            )
        with transaction.atomic():
            for obj in queryset.exclude(pk__in=locked):
                record_ensure_unlocked(old=obj, new=None, by=request.user, channel="admin")
                obj.delete()
