"""The submission gate: validation errors block submission; warnings need an explanation.

submission_check(report)   # raises ValidationError listing every blocking problem
submission_problems(unit=, period=) -> (errors, unexplained_warnings, snapshot)
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from orgs.models import Period, Unit

from .models import IndicatorSnapshot, Report, WarningExplanation
from .snapshots import snapshot_findings, snapshot_refresh
from .validation import ERROR, WARNING, Finding


def explained_rules(*, unit: Unit, period: Period) -> dict[str, WarningExplanation]:
    return {
        e.rule: e
        for e in WarningExplanation.objects.filter(unit=unit, period=period).exclude(text="")
    }


def submission_problems(
    *, unit: Unit, period: Period
) -> tuple[list[Finding], list[Finding], IndicatorSnapshot]:
    """The figures are recomputed now (never trust a stale snapshot at submission); the
    ancestors' snapshots follow through the usual debounced job."""
    snap = snapshot_refresh(unit=unit, period=period, ancestors=False)
    findings = snapshot_findings(snap)
    explained = explained_rules(unit=unit, period=period)
    errors = [f for f in findings if f.severity == ERROR]
    unexplained = [f for f in findings if f.severity == WARNING and f.rule not in explained]
    return errors, unexplained, snap


def submission_check(report: Report) -> None:
    """Raise ValidationError listing every blocking problem of the report's figures."""
    errors, unexplained, _snap = submission_problems(unit=report.unit, period=report.period)
    messages = []
    if errors:
        messages.append(_("Số liệu còn %(n)s lỗi, phải sửa trước khi gửi:") % {"n": len(errors)})
        messages += [f"• {f.message}" for f in errors]
    if unexplained:
        messages.append(
            _("%(n)s cảnh báo chưa có giải trình (ghi giải trình tại trang Chỉ tiêu):")
            % {"n": len(unexplained)}
        )
        messages += [f"• {f.message}" for f in unexplained]
    if messages:
        raise ValidationError(messages)
