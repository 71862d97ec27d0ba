"""Figures typed by hand in the narrative, checked against their indicators.

A clerk may type "17 hồ sơ trễ hạn" where the records count 18. Each pattern below finds a
number next to the words that name one indicator; a number that differs from the indicator is
an **error** (SPEC §6: one document cannot say two things, so no written explanation clears it),
shown in the editor and, through the validation finder registered here, beside the figures and at
submission. The editor offers the one-click fix: `fix_text` replaces the typed number by the
indicator's placeholder, so the text prints the live value.

    mismatches(text, values=, section=)     -> [Mismatch, ...]   what was typed, what is counted
    check_text(text, values=, section=)     -> [Finding, ...]    the same as validation findings
    check_figures(unit=, period=, values=)  -> [Finding, ...]    every stored section (the finder)
    fix_text(text, values=, rule=)          -> str   the typed number of one finding -> placeholder
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from orgs.models import Period, Unit

from ..indicators import registry
from ..rendering.formatting import document_figure
from ..sections import section_numbers
from ..validation import ERROR, Finding, Values, register_finder
from .placeholders import marker, normalize
from .selectors import section_texts

NUMBER = r"(\d{1,3}(?:\.\d{3})+|\d+)"
RATE = r"(\d+(?:,\d+)?)\s*%"

# (pattern, indicator code): a number typed next to the words that name the indicator.
# Kept small and precise: a pattern must not match a sentence about something else.
FIGURE_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(p, re.IGNORECASE), code)
    for p, code in (
        (
            NUMBER + r"\s+hồ sơ(?: được giải quyết| giải quyết)? (?:bị )?trễ hạn",
            "tthc.resolved_late",
        ),
        (r"trễ hạn\s*:?\s*" + NUMBER + r"\s+hồ sơ", "tthc.resolved_late"),
        (r"tổng số hồ sơ[^.;:()\n]*?\blà\s*:?\s*" + NUMBER + r"\s+hồ sơ", "tthc.total"),
        (r"tiếp nhận trực tuyến\s*:?\s*" + NUMBER + r"\s+hồ sơ", "tthc.received_online"),
        (r"tiếp nhận trực tiếp\s*:?\s*" + NUMBER + r"\s+hồ sơ", "tthc.received_direct"),
        (r"kỳ trước chuyển qua\s*:?\s*" + NUMBER + r"\s+hồ sơ", "tthc.carried_over"),
        (r"hồ sơ đã giải quyết\s*:?\s*(?:là\s*)?" + NUMBER + r"\s+hồ sơ", "tthc.resolved"),
        (
            r"giải quyết (?:trước hạn, đúng hạn|trước hạn và đúng hạn|trước hạn|đúng hạn)\s*:?\s*"
            + NUMBER
            + r"\s+hồ sơ",
            "tthc.resolved_on_time",
        ),
        (r"\brút\s*:?\s*" + NUMBER + r"\s+hồ sơ", "tthc.withdrawn"),
        (r"tỷ lệ hồ sơ nộp trực tuyến đạt\s*:?\s*" + RATE, "tthc.online_rate"),
        (
            r"giải quyết (?:trước hạn|đúng hạn)[^.;()\n]*?đạt tỷ lệ\s*:?\s*" + RATE,
            "tthc.on_time_rate",
        ),
        (r"\bcó\s+" + NUMBER + r"\s+nhiệm vụ được[^.;\n]*?giao", "directives.assigned"),
        (NUMBER + r"\s+phiếu khảo sát", "survey.responses"),
        (r"tiếp nhận(?: và xử lý)?\s+" + NUMBER + r"\s+lượt phản ánh", "feedback.received"),
        (r"thanh toán trực tuyến[^.;\n]*?được\s+" + NUMBER + r"\s+lượt", "egov.online_payments"),
        (r"bố trí (?:đủ )?" + NUMBER + r"/\d+", "staff.filled"),
        (r"\bcán bộ\s*:?\s*" + NUMBER + r"\s+người", "staff.cadres"),
        (r"\bcông chức\s*:?\s*" + NUMBER + r"\s+người", "staff.civil_servants"),
        (
            r"người hoạt động (?:KCT|không chuyên trách)[^.;()\n]*?(?:gồm có|là)\s+"
            + NUMBER
            + r"\s+người",
            "kct.total",
        ),
    )
]


@dataclass(frozen=True)
class Mismatch:
    """A number typed in a section that differs from the indicator its words name."""

    section: str
    code: str
    typed: str  # as typed: "17", "99,04"
    expected: str  # the indicator's value as the document prints it: "18"
    excerpt: str  # the matched words: "17 hồ sơ trễ hạn"
    start: int = 0  # where the typed number lies in the (normalized) text
    end: int = 0

    @property
    def message(self) -> str:
        return _("Mục %(section)s: «%(excerpt)s» khác chỉ tiêu «%(label)s» = %(expected)s.") % {
            "section": section_numbers().get(self.section, self.section),
            "excerpt": self.excerpt,
            "label": registry.get(self.code).label,
            "expected": self.expected,
        }

    @property
    def rule(self) -> str:
        """Names the section, the code and the typed number: stable for this very figure."""
        return f"narrative.{self.section}.{self.code}.{self.typed}"

    def finding(self) -> Finding:
        """The error validation shows: it blocks submission until the text is corrected (an
        explanation cannot make one document say two things)."""
        return Finding(
            self.rule,
            ERROR,
            self.message,
            (self.code,),
        )


def _parse_typed(raw: str, kind: str) -> Decimal | None:
    try:
        if kind == "percent":
            return Decimal(raw.replace(".", "").replace(",", "."))
        return Decimal(int(raw.replace(".", "")))
    except (InvalidOperation, ValueError):
        return None


def mismatches(text: str, *, values: Values, section: str = "") -> list[Mismatch]:
    """Each pattern match in the text whose number differs from the indicator."""
    found: list[Mismatch] = []
    text = normalize(text)
    for pattern, code in FIGURE_PATTERNS:
        if code not in registry or values.get(code) is None:
            continue
        kind = registry.get(code).kind
        actual = Decimal(values[code])
        for m in pattern.finditer(text):
            typed = _parse_typed(m.group(1), kind)
            if typed is None or typed == actual:
                continue
            found.append(
                Mismatch(
                    section=section,
                    code=code,
                    typed=m.group(1),
                    expected=document_figure(values[code], kind),
                    excerpt=m.group(0),
                    start=m.start(1),
                    end=m.end(1),
                )
            )
    return found


def check_text(text: str, *, values: Values, section: str = "") -> list[Finding]:
    """The errors of one section's text (the editor shows them while typing)."""
    return [m.finding() for m in mismatches(text, values=values, section=section)]


def fix_text(text: str, *, values: Values, section: str, rule: str) -> str | None:
    """The text with every number the finding `rule` names replaced by its placeholder
    ("17 hồ sơ trễ hạn" -> "{{ tthc.resolved_late }} hồ sơ trễ hạn"); None when the text has
    no such finding (any more)."""
    text = normalize(text)
    hits = [m for m in mismatches(text, values=values, section=section) if m.rule == rule]
    if not hits:
        return None
    spans = sorted({(m.start, m.end, m.code) for m in hits}, reverse=True)
    for start, end, code in spans:
        text = text[:start] + marker(code) + text[end:]
    return text


@register_finder
def check_figures(*, unit: Unit, period: Period, values: Values) -> list[Finding]:
    """Hand-typed figures in the unit's narrative for the period that contradict indicators."""
    findings: list[Finding] = []
    for key, text in section_texts(unit=unit, period=period).items():
        findings.extend(check_text(text, values=values, section=key))
    return findings
