"""The generic rules over indicator values (SPEC §6): pure functions, values in, findings out.

Each Rule names the indicators it reads, its severity and a Vietnamese message quoting the
figures with their values. Rules that follow from the registry are generated from it (every rate
bounded 0–100, every count non-negative, year-over-year ±50 %), so a new indicator is checked
without a new rule.

Only relations that can fail are rules: two sides counted from different records or filters
(resolved = on time + late: a dossier without a due date is neither). A sum the registry computes
itself (tthc.total = received_new + carried_over, tthc.pending = total − resolved − withdrawn, …)
can never differ from its parts; those identities are registry tests
(tests/reports/test_indicators_identities.py), not findings shown to users.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from common.formatting import format_figure

from ..indicators import Indicator, Kind, change_pct, registry
from .base import ERROR, WARNING, Finding, Rule, Values, quote, value_of

# A count that moves by more than this percentage against last year needs an explanation.
YOY_THRESHOLD = Decimal(50)


def sum_rule(code: str, total: str, parts: tuple[str, ...], severity: str = ERROR) -> Rule:
    """total = sum(parts)."""

    def check(values: Values) -> bool:
        return value_of(values, total) == sum(value_of(values, p) for p in parts)

    def message(values: Values) -> str:
        return _("%(total)s khác tổng %(parts)s = %(sum)s.") % {
            "total": quote(total, values),
            "parts": " + ".join(quote(p, values) for p in parts),
            "sum": format_figure(sum(value_of(values, p) for p in parts)),
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

    def message(values: Values) -> str:
        return _("%(small)s không được lớn hơn %(big)s.") % {
            "small": quote(small, values),
            "big": quote(big, values),
        }

    return Rule(
        code,
        severity,
        (small, big),
        lambda v: value_of(v, small) <= value_of(v, big),
        message,
        description=f"{small} ≤ {big}",
    )


def _breakdown(prefix: str) -> tuple[str, ...]:
    return tuple(c for c in registry.codes() if c.startswith(prefix))


def _online_outside_catalogue() -> Rule:
    """V6 (seed F37: 848 online at the one-stop shop, 843 in the online-service table): online
    dossiers of procedures without an online service in the catalogue need an explanation."""

    def message(values: Values) -> str:
        return _(
            "%(n)s hồ sơ nộp trực tuyến thuộc TTHC chưa có DVC trực tuyến trong danh mục "
            "(%(online)s; %(eligible)s): cần giải trình hoặc cập nhật danh mục TTHC."
        ) % {
            "n": format_figure(
                value_of(values, "tthc.received_online")
                - value_of(values, "egov.online_eligible_online")
            ),
            "online": quote("tthc.received_online", values),
            "eligible": quote("egov.online_eligible_online", values),
        }

    return Rule(
        "egov.online_outside_catalogue",
        WARNING,
        ("tthc.received_online", "egov.online_eligible_online"),
        lambda v: value_of(v, "tthc.received_online") <= value_of(v, "egov.online_eligible_online"),
        message,
        description="tthc.received_online = egov.online_eligible_online",
    )


def _survey_returned_le_issued() -> Rule:
    """V11 (seed F15): forms returned cannot outnumber forms issued; the issued count is an
    entered figure, so nothing is checked while it is not entered."""

    def check(values: Values) -> bool:
        issued = values.get("survey.issued")
        return issued is None or value_of(values, "survey.responses") <= int(issued)

    def message(values: Values) -> str:
        return _("%(small)s không được lớn hơn %(big)s.") % {
            "small": quote("survey.responses", values),
            "big": quote("survey.issued", values),
        }

    return Rule(
        "survey.responses_le_issued",
        ERROR,
        ("survey.responses", "survey.issued"),
        check,
        message,
        description="survey.responses ≤ survey.issued",
    )


def _static_rules() -> list[Rule]:
    return [
        # Counted apart: a resolved dossier without a due date is neither on time nor late.
        sum_rule(
            "tthc.resolved_sum", "tthc.resolved", ("tthc.resolved_on_time", "tthc.resolved_late")
        ),
        le_rule("tthc.pending_overdue_le", "tthc.pending_overdue", "tthc.pending"),
        le_rule(
            "egov.online_eligible_online_le", "egov.online_eligible_online", "tthc.received_online"
        ),
        le_rule("egov.online_eligible_le", "egov.online_eligible", "tthc.received_new"),
        le_rule("egov.online_payments_le", "egov.online_payments", "tthc.received_new"),
        # Each level is its own filter over the people: a level outside the list counts in none.
        sum_rule("staff.edu_sum", "staff.filled", _breakdown("staff.edu.")),
        sum_rule("staff.pol_sum", "staff.filled", _breakdown("staff.pol.")),
        sum_rule("kct.edu_sum", "kct.total", _breakdown("kct.edu.")),
        sum_rule("kct.pol_sum", "kct.total", _breakdown("kct.pol.")),
        le_rule("kct.concurrent_le", "kct.concurrent", "kct.total"),
        le_rule("staff.with_certificate_le", "staff.with_certificate", "staff.filled"),
        # A task done without a due date is neither on time nor late.
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
        _online_outside_catalogue(),
        _survey_returned_le_issued(),
    ]


def _rate_rules() -> list[Rule]:
    """Every bounded rate lies in 0–100 (its numerator ≤ its denominator)."""
    out = []
    for ind in registry.all():
        num, den = ind.numerator, ind.denominator
        if num is None or den is None:  # not a rate
            continue

        def check(values: Values, ind: Indicator = ind) -> bool:
            v = values.get(ind.code)
            if v is None:
                return True
            v = Decimal(v)
            return v >= 0 and (v <= 100 or not ind.bounded)

        def message(values: Values, ind: Indicator = ind, num: str = num, den: str = den) -> str:
            return _("%(rate)s phải nằm trong khoảng 0–100%%: %(num)s / %(den)s.") % {
                "rate": quote(ind.code, values),
                "num": quote(num, values),
                "den": quote(den, values),
            }

        out.append(
            Rule(
                f"rate.{ind.code}",
                ERROR,
                (ind.code, num, den),
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

        def message(values: Values, ind: Indicator = ind) -> str:
            return _("%(figure)s không được âm.") % {"figure": quote(ind.code, values)}

        def check(values: Values, code: str = ind.code) -> bool:
            return value_of(values, code) >= 0

        out.append(
            Rule(
                f"nonneg.{ind.code}",
                ERROR,
                (ind.code,),
                check,
                message,
                description=f"{ind.code} ≥ 0",
            )
        )
    return out


@cache
def rules() -> tuple[Rule, ...]:
    """Every rule over the current values (built once from the registry)."""
    return (*_static_rules(), *_rate_rules(), *_nonnegative_rules())


def rule_findings(values: Values) -> list[Finding]:
    """The findings of every rule that fails on these values."""
    return [f for rule in rules() if (f := rule.run(values)) is not None]


def yoy_findings(values: Values, previous: Values | None) -> list[Finding]:
    """A count (or VND amount) that moves by more than 50 % against the same period last year
    is a warning (SPEC §6). No comparison when last year's value is missing or zero."""
    if not previous:
        return []
    out = []
    for ind in registry.all():
        if ind.is_rate or not ind.year_over_year:
            continue
        before, now = previous.get(ind.code), values.get(ind.code)
        change = change_pct(now, before)
        if change is None or abs(change) <= YOY_THRESHOLD:
            continue
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
                    "change": ("+" if change > 0 else "") + format_figure(change, Kind.PERCENT),
                    "before": format_figure(before, ind.kind),
                    "now": format_figure(now, ind.kind),
                },
                (ind.code,),
            )
        )
    return out
