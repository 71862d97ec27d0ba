"""Template filters of the checklist and the indicators page: the anchor of a finding's box."""

from __future__ import annotations

from django import template

from ..checklist import finding_anchor as _finding_anchor

register = template.Library()


@register.filter
def finding_anchor(rule: str) -> str:
    """`{{ f.rule|finding_anchor }}` → "finding-yoy.plan.tasks": the id of the finding's box."""
    return _finding_anchor(rule)
