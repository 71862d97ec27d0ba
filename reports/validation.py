"""Validation rules over indicator codes (SPEC §6), as data.

    from reports.validation import validate, RULES, Finding
    findings = validate(values, previous=last_year_values, unit=unit, period=period)
    [f.to_dict() for f in findings]   # stored in the snapshot, shown beside the figures

Each Rule names the indicators it reads, its severity (`error` blocks submission, `warning`
needs a written explanation) and a Vietnamese message that quotes the figures with their
values. Rules are generated from the registry where they follow from it (every rate bounded
0–100, every count non-negative, year-over-year ±50 %), so a new indicator is checked without
a new rule. Findings about the narrative (figures typed by hand that contradict an indicator)
come from `reports.narrative.check_figures` when that module provides it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .indicators import Kind, registry
from .templatetags.cchc_format import figure

logger = logging.getLogger(__name__)

ERROR = "error"
WARNING = "warning"
YOY_THRESHOLD = Decimal("0.5")


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    codes: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": str(self.message),
            "codes": list(self.codes),
        }

    @classmethod
    def from_dict(cls, d: dict) -> Finding:
        return cls(d["rule"], d["severity"], d["message"], tuple(d.get("codes") or ()))


def _fmt(code: str, values: dict) -> str:
    ind = registry.get(code)
    return f"{ind.label} ({figure(values.get(code), ind.kind)})"


@dataclass(frozen=True)
class Rule:
    """One check over indicator values. `check(values)` is True when the figures are
    consistent; `message(values)` explains a failure naming the figures and their values."""

    code: str
    severity: str
    codes: tuple[str, ...]
    check: Callable[[dict], bool] = field(compare=False)
    message: Callable[[dict], str] = field(compare=False)
    description: str = ""

    def run(self, values: dict) -> Finding | None:
        if any(c not in values for c in self.codes):
            return None
        if self.check(values):
            return None
        return Finding(self.code, self.severity, self.message(values), self.codes)


def _v(values: dict, code: str) -> int:
    return int(values.get(code) or 0)


def sum_rule(code: str, total: str, parts: tuple[str, ...], severity: str = ERROR) -> Rule:
    """total = sum(parts)."""

    def check(values):
        return _v(values, total) == sum(_v(values, p) for p in parts)

    def message(values):
        return _("%(total)s khác tổng %(parts)s = %(sum)s.") % {
            "total": _fmt(total, values),
            "parts": " + ".join(_fmt(p, values) for p in parts),
            "sum": figure(sum(_v(values, p) for p in parts)),
        }

    return Rule(
        code,
        severity,
        (total, *parts),
        check,
        message,
        description=gettext_lazy("%(total)s = %(parts)s")
        % {"total": total, "parts": " + ".join(parts)},
    )


def le_rule(code: str, small: str, big: str, severity: str = ERROR) -> Rule:
    """small ≤ big."""

    def message(values):
        return _("%(small)s không được lớn hơn %(big)s.") % {
            "small": _fmt(small, values),
            "big": _fmt(big, values),
        }

    return Rule(
        code,
        severity,
        (small, big),
        lambda v: _v(v, small) <= _v(v, big),
        message,
        description=f"{small} ≤ {big}",
    )


def _breakdown(prefix: str, total: str) -> tuple[str, ...]:
    return tuple(c for c in registry.codes() if c.startswith(prefix))


def _static_rules() -> list[Rule]:
    rules = [
        sum_rule(
            "tthc.received_new_sum",
            "tthc.received_new",
            ("tthc.received_online", "tthc.received_direct", "tthc.received_postal"),
        ),
        sum_rule("tthc.total_sum", "tthc.total", ("tthc.received_new", "tthc.carried_over")),
        sum_rule(
            "tthc.total_balance",
            "tthc.total",
            ("tthc.resolved", "tthc.withdrawn", "tthc.pending"),
        ),
        sum_rule(
            "tthc.resolved_sum", "tthc.resolved", ("tthc.resolved_on_time", "tthc.resolved_late")
        ),
        le_rule("tthc.pending_overdue_le", "tthc.pending_overdue", "tthc.pending"),
        le_rule(
            "egov.online_eligible_online_le", "egov.online_eligible_online", "tthc.received_online"
        ),
        sum_rule(
            "egov.online_eligible_sum",
            "egov.online_eligible",
            ("egov.online_eligible.partial", "egov.online_eligible.full"),
        ),
        sum_rule(
            "egov.online_eligible_online_sum",
            "egov.online_eligible_online",
            ("egov.online_eligible_online.partial", "egov.online_eligible_online.full"),
        ),
        le_rule("egov.online_eligible_le", "egov.online_eligible", "tthc.received_new"),
        le_rule("egov.online_payments_le", "egov.online_payments", "tthc.received_new"),
        sum_rule("staff.filled_sum", "staff.filled", ("staff.cadres", "staff.civil_servants")),
        sum_rule("staff.edu_sum", "staff.filled", _breakdown("staff.edu.", "staff.filled")),
        sum_rule("staff.pol_sum", "staff.filled", _breakdown("staff.pol.", "staff.filled")),
        sum_rule("kct.edu_sum", "kct.total", _breakdown("kct.edu.", "kct.total")),
        sum_rule("kct.pol_sum", "kct.total", _breakdown("kct.pol.", "kct.total")),
        le_rule("kct.concurrent_le", "kct.concurrent", "kct.total"),
        le_rule("staff.with_certificate_le", "staff.with_certificate", "staff.filled"),
        sum_rule(
            "directives.sum",
            "directives.assigned",
            ("directives.done_on_time", "directives.done_late", "directives.in_progress"),
        ),
        le_rule("directives.overdue_le", "directives.overdue", "directives.in_progress"),
        le_rule("feedback.resolved_le", "feedback.resolved", "feedback.received", WARNING),
        le_rule(
            "tthc.simplifications_le", "tthc.simplifications_proposed", "tthc.procedures_reviewed"
        ),
    ]

    # V6 (seed F37: 848 online at the one-stop shop, 843 in the online-service table): online
    # dossiers of procedures without an online service in the catalogue need an explanation.
    def online_outside(values):
        return _(
            "%(n)s hồ sơ nộp trực tuyến thuộc TTHC chưa có DVC trực tuyến trong danh mục "
            "(%(online)s; %(eligible)s): cần giải trình hoặc cập nhật danh mục TTHC."
        ) % {
            "n": figure(
                _v(values, "tthc.received_online") - _v(values, "egov.online_eligible_online")
            ),
            "online": _fmt("tthc.received_online", values),
            "eligible": _fmt("egov.online_eligible_online", values),
        }

    rules.append(
        Rule(
            "egov.online_outside_catalogue",
            WARNING,
            ("tthc.received_online", "egov.online_eligible_online"),
            lambda v: _v(v, "tthc.received_online") <= _v(v, "egov.online_eligible_online"),
            online_outside,
            description="tthc.received_online = egov.online_eligible_online",
        )
    )
    return rules


def _rate_rules() -> list[Rule]:
    """Every bounded rate lies in 0–100 (its numerator ≤ its denominator)."""
    out = []
    for ind in registry.all():
        if not ind.is_rate:
            continue

        def check(values, ind=ind):
            v = values.get(ind.code)
            if v is None:
                return True
            v = Decimal(v)
            return v >= 0 and (v <= 100 or not ind.bounded)

        def message(values, ind=ind):
            return _("%(rate)s phải nằm trong khoảng 0–100%%: %(num)s / %(den)s.") % {
                "rate": _fmt(ind.code, values),
                "num": _fmt(ind.numerator, values),
                "den": _fmt(ind.denominator, values),
            }

        out.append(
            Rule(
                f"rate.{ind.code}",
                ERROR,
                (ind.code, ind.numerator, ind.denominator),
                check,
                message,
                description=f"0 ≤ {ind.code} ≤ 100",
            )
        )
    return out


def _nonnegative_rules() -> list[Rule]:
    out = []
    for ind in registry.all():
        if ind.is_rate:
            continue

        def message(values, ind=ind):
            return _("%(figure)s không được âm.") % {"figure": _fmt(ind.code, values)}

        out.append(
            Rule(
                f"nonneg.{ind.code}",
                ERROR,
                (ind.code,),
                lambda v, c=ind.code: _v(v, c) >= 0,
                message,
                description=f"{ind.code} ≥ 0",
            )
        )
    return out


_rules_cache: list[Rule] | None = None


def rules() -> list[Rule]:
    """Every rule over the current values (built once from the registry)."""
    global _rules_cache
    if _rules_cache is None:
        _rules_cache = _static_rules() + _rate_rules() + _nonnegative_rules()
    return _rules_cache


def yoy_findings(values: dict, previous: dict | None) -> list[Finding]:
    """A count (or VND amount) that moves by more than 50 % against the same period last year
    is a warning (SPEC §6). No comparison when last year's value is missing or zero."""
    if not previous:
        return []
    out = []
    for ind in registry.all():
        if ind.is_rate or not ind.year_over_year:
            continue
        before, now = previous.get(ind.code), values.get(ind.code)
        if not before or now is None:
            continue
        change = (Decimal(now) - Decimal(before)) / Decimal(before)
        if abs(change) <= YOY_THRESHOLD:
            continue
        pct_text = figure((change * 100).quantize(Decimal("0.01")), Kind.PERCENT)
        out.append(
            Finding(
                f"yoy.{ind.code}",
                WARNING,
                _(
                    "%(label)s thay đổi %(change)s so với cùng kỳ năm trước "
                    "(%(before)s → %(now)s), vượt ngưỡng ±50%%: cần giải trình."
                )
                % {
                    "label": ind.label,
                    "change": ("+" if change > 0 else "") + pct_text,
                    "before": figure(before, ind.kind),
                    "now": figure(now, ind.kind),
                },
                (ind.code,),
            )
        )
    return out


def narrative_findings(*, unit, period, values: dict) -> list[Finding]:
    """Figures typed in the narrative that contradict their indicator (SPEC §6), as warnings."""
    if unit is None or period is None:
        return []
    from .narrative import check_figures

    try:
        found = list(check_figures(unit=unit, period=period, values=values) or ())
    except Exception:  # a fault in the narrative check must not stop the figures' checks
        logger.exception("narrative check_figures failed for %s %s", unit, period)
        return []
    out = []
    for i, f in enumerate(found):
        code = getattr(f, "code", "") or ""
        section = getattr(f, "section", "") or ""
        typed = getattr(f, "typed", "") or str(i)
        out.append(
            Finding(
                f"narrative.{section}.{code}.{typed}",
                WARNING,
                str(getattr(f, "message", f)),
                (code,) if code else (),
            )
        )
    return out


def approximate_findings(*, unit, period) -> list[Finding]:
    """V16: an entered figure marked approximate ("trên 80 lượt") is a warning to explain."""
    if unit is None or period is None:
        return []
    from plans.models import EnteredFigure

    figures = EnteredFigure.objects.filter(
        unit__path__startswith=unit.path, period=period, approximate=True
    ).values_list("code", flat=True)
    out = []
    for code in sorted(set(figures)):
        if code not in registry:
            continue
        out.append(
            Finding(
                f"approximate.{code}",
                WARNING,
                _(
                    "%(label)s là số ước tính (ví dụ «trên 80»): cần ghi rõ cách ước tính hoặc nhập số chính xác."
                )
                % {"label": registry.get(code).label},
                (code,),
            )
        )
    return out


def as_of_findings(*, unit, period) -> list[Finding]:
    """V13: a budget or investment figure whose "as of" date lies outside the report's period
    is a warning: the report states one period, each figure must belong to it."""
    if unit is None or period is None:
        return []
    from finance.indicators import BUDGET_CODES
    from finance.models import BudgetLine, InvestmentLine

    def outside(model):
        return (
            model.objects.filter(unit__path__startswith=unit.path, period=period)
            .exclude(as_of__range=(period.start, period.end))
            .select_related("unit")
            .order_by("unit__code", "pk")
        )

    lines = [
        (line, line.get_kind_display(), (f"{code}_actual", f"{code}_rate"))
        for line in outside(BudgetLine)
        if (code := BUDGET_CODES[line.kind])
    ]
    lines += [
        (line, line.project, ("invest.disbursed", "invest.disbursement_rate"))
        for line in outside(InvestmentLine)
    ]
    out = []
    for line, what, codes in lines:
        out.append(
            Finding(
                f"as_of.{line._meta.model_name}.{line.pk}",
                WARNING,
                _(
                    "«%(what)s» (%(unit)s): số liệu tính đến ngày %(as_of)s, ngoài kỳ báo cáo "
                    "%(start)s – %(end)s. Hãy cập nhật số liệu của kỳ hoặc giải thích."
                )
                % {
                    "what": what,
                    "unit": line.unit.name,
                    "as_of": line.as_of.strftime("%d/%m/%Y"),
                    "start": period.start.strftime("%d/%m/%Y"),
                    "end": period.end.strftime("%d/%m/%Y"),
                },
                codes,
            )
        )
    return out


def validate(
    values: dict, *, previous: dict | None = None, unit=None, period=None
) -> list[Finding]:
    """Every failing rule for these values: errors first, then warnings."""
    findings = [f for rule in rules() if (f := rule.run(values)) is not None]
    findings += yoy_findings(values, previous)
    findings += narrative_findings(unit=unit, period=period, values=values)
    findings += approximate_findings(unit=unit, period=period)
    findings += as_of_findings(unit=unit, period=period)
    return sorted(findings, key=lambda f: (f.severity != ERROR,))


def findings_by_code(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Findings indexed by each indicator they name (to show them beside the figures)."""
    out: dict[str, list[Finding]] = {}
    for f in findings:
        for c in f.codes:
            out.setdefault(c, []).append(f)
    return out
