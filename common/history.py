"""The author of a change in the audit history (django-simple-history)."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db.models import Model


def history_user_set(instance: Model, user: AbstractBaseUser | None) -> None:
    """Name the user the history records as the author of the next save or delete of
    `instance`: simple-history's per-instance `_history_user` hook, for writes made outside a
    request (services, tasks) or by another user than the request's."""
    instance._history_user = user  # type: ignore[attr-defined]  # simple-history's dynamic hook
