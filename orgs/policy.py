"""The one place for role checks: one function per question, asked by views, services and
templates. Roles come from `orgs.selectors.roles_of` (a superuser holds admin and reviewer
everywhere); never compare role string literals elsewhere."""

from __future__ import annotations

from typing import Any

from .models import DATA_ROLES, Membership, Role, Unit
from .selectors import roles_of

#: Roles that write a unit's own data (records, imports, narrative).
DATA_EDITOR_ROLES: frozenset[str] = frozenset(DATA_ROLES)


def may_edit_data(user: Any, unit: Unit) -> bool:
    """A clerk or approver of the unit itself (a reviewer may read, not write)."""
    return bool(roles_of(user, unit) & DATA_EDITOR_ROLES)


def roles_may_edit_data(roles: set[str]) -> bool:
    """The same rule when the roles were already resolved (request.roles)."""
    return bool(set(roles) & DATA_EDITOR_ROLES)


def may_approve(user: Any, unit: Unit) -> bool:
    """The unit's leader (lãnh đạo đơn vị): submits, signs, owns the document settings."""
    return Role.APPROVER in roles_of(user, unit)


def roles_may_approve(roles: set[str]) -> bool:
    """`may_approve` when the roles were already resolved (request.roles): what the page's
    navigation offers (sign, document settings) follows it."""
    return Role.APPROVER in set(roles)


def may_submit(user: Any, unit: Unit) -> bool:
    return may_approve(user, unit)


def may_sign(user: Any, unit: Unit) -> bool:
    return may_approve(user, unit)


def may_edit_document(user: Any, unit: Unit) -> bool:
    """Narrative and document settings are the approver's."""
    return may_approve(user, unit)


def may_review(user: Any, unit: Unit) -> bool:
    """Reviewers act on units strictly below their own unit; a superuser everywhere."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    for path in Membership.objects.filter(user=user, role=Role.REVIEWER).values_list(
        "unit__path", flat=True
    ):
        if unit.path.startswith(path) and unit.path != path:
            return True
    return False


def may_comment(user: Any, unit: Unit) -> bool:
    return may_review(user, unit) or may_edit_data(user, unit)


def may_address_comment(user: Any, unit: Unit) -> bool:
    """The unit's clerk or approver marks a reviewer's comment addressed (with a reply)."""
    return may_edit_data(user, unit)


def is_catalogue_admin(user: Any) -> bool:
    """SPEC §1: the `admin` role manages the (global) procedure catalogue; a superuser counts as
    admin everywhere. Holding the admin role on any unit is enough: the catalogue is global."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or Membership.objects.filter(user=user, role=Role.ADMIN).exists())
