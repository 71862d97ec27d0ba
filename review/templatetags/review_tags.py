"""Template questions of the reviewer's side (asked through orgs.policy, never by role names)."""

from __future__ import annotations

from typing import Any

from django import template

from orgs.models import Level
from orgs.policy import roles_may_review_children

register = template.Library()


@register.filter
def shows_dashboard(request: Any, unit: Any) -> bool:
    """Whether the unit's sub-navigation links to its dashboard: a unit with children (not a
    commune) and a user who reviews them (request.roles as resolved for the unit's pages)."""
    if unit is None or getattr(unit, "level", None) == Level.COMMUNE:
        return False
    return roles_may_review_children(getattr(request, "roles", None) or set())
