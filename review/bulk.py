"""Bulk acceptance of the children's submitted reports (the reviewer's dashboard).

    bulk_accept(unit=, period=, report_ids=, by=) -> BulkResult(accepted, skipped)

Each report goes through reports.services.report_transition("accept") in its own transaction,
so one refusal never undoes the others. A report whose stored snapshot (frozen at submission)
has an open validation error is skipped and named, as is one no longer submitted or outside the
unit's children for the period; nothing else about it changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from orgs.models import Period, Unit
from reports.models import IndicatorSnapshot, Report
from reports.services import report_transition
from reports.validation import ERROR

from .comparison import child_units


@dataclass
class BulkResult:
    accepted: list[Unit] = field(default_factory=list)
    skipped: list[tuple[Unit | None, str]] = field(default_factory=list)


def open_errors(report: Report) -> int:
    """Validation errors in the report's stored snapshot (what was submitted)."""
    validation = (
        IndicatorSnapshot.objects.filter(unit=report.unit_id, period=report.period_id)
        .values_list("validation", flat=True)
        .first()
    )
    return sum(1 for f in validation or [] if f.get("severity") == ERROR)


def _no_open_errors(report: Report) -> None:
    n = open_errors(report)
    if n:
        raise ValidationError(_("còn %(n)s lỗi số liệu chưa sửa") % {"n": n})


def bulk_accept(*, unit: Unit, period: Period, report_ids: list[int], by: User) -> BulkResult:
    result = BulkResult()
    children = {u.pk: u for u in child_units(unit, period)}
    reports = {
        r.pk: r
        for r in Report.objects.filter(
            pk__in=report_ids, period=period, unit__in=list(children)
        ).select_related("unit")
    }
    for pk in dict.fromkeys(report_ids):  # the given order, once each
        report = reports.get(pk)
        if report is None:
            result.skipped.append((None, _("báo cáo không thuộc các đơn vị trực thuộc trong kỳ")))
            continue
        try:
            report_transition(report=report, name="accept", by=by, check=_no_open_errors)
        except (ValidationError, PermissionDenied) as exc:
            reason = "; ".join(getattr(exc, "messages", None) or [str(exc)])
            result.skipped.append((report.unit, reason))
        else:
            result.accepted.append(report.unit)
    return result
