"""Listeners of the kernel's signals (connected in NotificationsConfig.ready())."""

from __future__ import annotations

import logging
from typing import Any

from reports.models import Report, ReportTransition

from .services import notify_transition

logger = logging.getLogger(__name__)


def on_report_transitioned(
    sender: type, *, report: Report, transition: ReportTransition, name: str, **kwargs: Any
) -> None:
    """A notice that cannot be stored never undoes nor hides the transition: it is logged."""
    try:
        notify_transition(report=report, transition=transition, name=name)
    except Exception:
        logger.exception("notifications: report %s transition %s not notified", report.pk, name)
