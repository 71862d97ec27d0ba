"""Versioned submissions: each submit freezes what was sent (issue 11, point 2).

    version_freeze(report=, by=)   -> ReportVersion   (inside report_transition's transaction)
    version_latest(report)         -> ReportVersion | None
    frozen_inputs(report)          -> FrozenInputs | None   what the document of a submitted,
                                      accepted or signed report prints (never live data)
    version_diff(old, new)         -> VersionDiff    figures changed and a per-section text diff

A version holds the indicator values (the JSON of IndicatorSnapshot.values, as the submission
gate has just recomputed and checked them), last year's values printed beside them, the
validation findings with the unit's explanations at that moment, the narrative of every section,
the document settings of the period and the number/symbol/date of issue, and the SHA-256 of all
of it. `number` n is the n-th submission: the number of submit transitions of the report,
counting this one (the API's «version»).

The narrative's default texts live above the kernel (reports.narrative); that layer registers
its reader here (`register_narrative_source`, from reports.apps). Without it the stored sections
are frozen as they are.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.models import User
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from orgs.models import Period, Unit

from .docsettings import settings_as_dict, settings_for, settings_from_dict
from .indicators import compute, from_json, registry, to_json
from .models import (
    DocumentSettings,
    IndicatorSnapshot,
    NarrativeSection,
    Report,
    ReportTransition,
    ReportVersion,
    WarningExplanation,
)
from .sections import SECTION_KEYS, SECTIONS
from .workflow import LOCKING_STATES, ReportState, is_locking

NarrativeSource = Callable[..., dict[str, str]]
_narrative_sources: list[NarrativeSource] = []


def register_narrative_source(source: NarrativeSource) -> None:
    """`source(unit=, period=)` -> {section key: text} (the stored text or the default)."""
    if source not in _narrative_sources:
        _narrative_sources.append(source)


ExtrasSource = Callable[..., dict[str, Any]]
_extras_sources: list[ExtrasSource] = []


def register_extras_source(source: ExtrasSource) -> None:
    """`source(unit=, period=, values=)` -> JSON of what the document computes beyond the unit's
    figures (registered by reports.apps with the rendering's function: no upward import)."""
    if source not in _extras_sources:
        _extras_sources.append(source)


def document_extras(*, unit: Unit, period: Period, values: dict[str, Any]) -> dict[str, Any]:
    if not _extras_sources:
        return {}
    extras = _extras_sources[-1](unit=unit, period=period, values=values)
    return dict(json.loads(json.dumps(extras, default=str)))


def narrative_texts(*, unit: Unit, period: Period) -> dict[str, str]:
    if _narrative_sources:
        return dict(_narrative_sources[-1](unit=unit, period=period))
    stored = dict(
        NarrativeSection.objects.filter(unit=unit, period=period, key__in=SECTION_KEYS).values_list(
            "key", "text"
        )
    )
    return {key: stored.get(key, "") for key in SECTION_KEYS}


def submit_count(report: Report) -> int:
    """Submissions so far: the submit transitions of the report (the API's «version»)."""
    return ReportTransition.objects.filter(report=report, to_state=ReportState.SUBMITTED).count()


def _digest(payload: dict[str, Any]) -> str:
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def version_freeze(*, report: Report, by: User | None, number: int | None = None) -> ReportVersion:
    """Freeze what this submission sends. Called by report_transition inside its transaction,
    after the submission gate refreshed the snapshot and before the submit transition row is
    written (so the number is the submit count plus one)."""
    from .snapshots import snapshot_refresh

    unit, period = report.unit, report.period
    snap = IndicatorSnapshot.objects.filter(unit=unit, period=period).first()
    if snap is None:
        snap = snapshot_refresh(unit=unit, period=period, ancestors=False)
    previous = period.same_period_last_year()
    last_values = to_json(compute(unit, previous)) if previous is not None else None
    explained = dict(
        WarningExplanation.objects.filter(unit=unit, period=period).values_list("rule", "text")
    )
    findings = [dict(f, explanation=explained.get(f.get("rule", ""), "")) for f in snap.validation]
    doc = settings_for(unit, period)
    if doc.pk is None:  # the period's draft becomes its settings: what was sent is stored
        doc.save()
    payload: dict[str, Any] = {
        "values": snap.values,
        "last_values": last_values,
        "findings": findings,
        "narrative": narrative_texts(unit=unit, period=period),
        "document_settings": settings_as_dict(doc),
        "doc_number": report.doc_number,
        "doc_symbol": report.doc_symbol,
        "issued_on": report.issued_on.isoformat() if report.issued_on else None,
        "extras": document_extras(unit=unit, period=period, values=from_json(snap.values)),
    }
    return ReportVersion.objects.create(
        report=report,
        number=number if number is not None else submit_count(report) + 1,
        submitted_at=report.submitted_at or timezone.now(),
        submitted_by=by,
        values=payload["values"],
        last_values=last_values,
        findings=findings,
        narrative=payload["narrative"],
        document_settings=payload["document_settings"],
        doc_number=report.doc_number,
        doc_symbol=report.doc_symbol,
        issued_on=report.issued_on,
        extras=payload["extras"],
        sha256=_digest(payload),
    )


def version_backfill() -> int:
    """Reports submitted (or later) before versions existed get one now, numbered as their
    submit count: the values of their snapshot (never recomputed since the submission, issue 10
    point 11), their narrative and settings (locked since then). Returns how many were made."""
    from django.db import transaction

    made = 0
    pending = Report.objects.filter(state__in=LOCKING_STATES, versions__isnull=True)
    for report in pending.select_related("unit", "period"):
        with transaction.atomic():
            last = (
                ReportTransition.objects.filter(report=report, to_state=ReportState.SUBMITTED)
                .order_by("-at", "-pk")
                .first()
            )
            number = max(submit_count(report), 1)
            version_freeze(report=report, by=last.by if last else None, number=number)
            later = ReportTransition.objects.filter(report=report, version_number__isnull=True)
            if last is not None:
                later = later.filter(pk__gte=last.pk)
            later.update(version_number=number)
        made += 1
    return made


def version_latest(report: Report) -> ReportVersion | None:
    return ReportVersion.objects.filter(report=report).order_by("-number").first()


def version_payload_hash(version: ReportVersion) -> str:
    """The SHA-256 recomputed from the stored version (equal to `sha256` unless it changed)."""
    return _digest(
        {
            "values": version.values,
            "last_values": version.last_values,
            "findings": version.findings,
            "narrative": version.narrative,
            "document_settings": version.document_settings,
            "doc_number": version.doc_number,
            "doc_symbol": version.doc_symbol,
            "issued_on": version.issued_on.isoformat() if version.issued_on else None,
            "extras": version.extras,
        }
    )


@dataclass
class FrozenInputs:
    """What the document prints for a submitted version."""

    number: int
    values: dict[str, Any]
    last_values: dict[str, Any] | None
    texts: dict[str, str]
    doc: DocumentSettings
    doc_number: int | None
    doc_symbol: str
    issued_on: date | None
    extras: dict[str, Any]


def frozen_inputs(report: Report) -> FrozenInputs | None:
    """The frozen version a submitted, accepted or signed report prints; None while the report
    is a draft or returned (the document then shows live data)."""
    if not is_locking(report.state):
        return None
    version = version_latest(report)
    if version is None:  # submitted before versions existed: live data, as it was
        return None
    return FrozenInputs(
        number=version.number,
        values=from_json(version.values),
        last_values=from_json(version.last_values) if version.last_values is not None else None,
        texts={key: version.narrative.get(key, "") for key in SECTION_KEYS},
        doc=settings_from_dict(report.unit, report.period, version.document_settings),
        doc_number=version.doc_number,
        doc_symbol=version.doc_symbol,
        issued_on=version.issued_on,
        extras=dict(version.extras or {}),
    )


def document_settings_of(report: Report) -> DocumentSettings:
    """The settings the report's document prints: the frozen ones once submitted."""
    frozen = frozen_inputs(report)
    return frozen.doc if frozen is not None else settings_for(report.unit, report.period)


# --- what changed between two versions -------------------------------------------------------


@dataclass
class FigureChange:
    code: str
    label: str
    old: Any
    new: Any
    kind: str


@dataclass
class SectionChange:
    key: str
    title: str
    html: SafeString  # the new text with insertions <ins> and deletions <del>, escaped
    added: int  # words
    removed: int


@dataclass
class VersionDiff:
    old: ReportVersion
    new: ReportVersion
    figures: list[FigureChange] = field(default_factory=list)
    sections: list[SectionChange] = field(default_factory=list)
    settings: list[tuple[str, str, str]] = field(default_factory=list)  # (field, old, new)
    findings_added: list[str] = field(default_factory=list)
    findings_removed: list[str] = field(default_factory=list)

    @property
    def figures_changed(self) -> int:
        return len(self.figures)

    @property
    def unchanged(self) -> bool:
        return not (
            self.figures
            or self.sections
            or self.settings
            or self.findings_added
            or self.findings_removed
        )


def _tokens(text: str) -> list[str]:
    """Words and the whitespace between them (so the diff keeps line breaks)."""
    import re

    return re.findall(r"\s+|[^\s]+", text or "")


def _word_diff(old: str, new: str) -> tuple[str, int, int]:
    a, b = _tokens(old), _tokens(new)
    out: list[str] = []
    added = removed = 0

    def emit(tokens: list[str], tag: str | None) -> None:
        text = escape("".join(tokens)).replace("\n", "<br>")
        if tag and "".join(tokens).strip():
            out.append(f"<{tag}>{text}</{tag}>")
        else:
            out.append(text)

    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            emit(a[i1:i2], None)
            continue
        if op in ("delete", "replace"):
            emit(a[i1:i2], "del")
            removed += sum(1 for t in a[i1:i2] if t.strip())
        if op in ("insert", "replace"):
            emit(b[j1:j2], "ins")
            added += sum(1 for t in b[j1:j2] if t.strip())
    return "".join(out), added, removed


def text_diff_html(old: str, new: str) -> tuple[SafeString, int, int]:
    """A readable diff as HTML: paragraphs compared first, unchanged ones left out (shown as
    «…»), then the changed ones word by word — removed words in <del>, added in <ins>, the rest
    escaped. Returns (html, words added, words removed)."""
    a_lines, b_lines = (old or "").split("\n"), (new or "").split("\n")
    out: list[str] = []
    added = removed = 0
    matcher = difflib.SequenceMatcher(a=a_lines, b=b_lines, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            if any(line.strip() for line in a_lines[i1:i2]):
                out.append('<p class="diff-same">…</p>')
            continue
        html, plus, minus = _word_diff("\n".join(a_lines[i1:i2]), "\n".join(b_lines[j1:j2]))
        out.append(f"<p>{html}</p>")
        added += plus
        removed += minus
    return mark_safe("".join(out)), added, removed  # noqa: S308 - every piece escaped


def _finding_key(f: dict[str, Any]) -> str:
    return str(f.get("message") or f.get("rule") or "")


TextOf = Callable[[ReportVersion, str], str]


def version_diff(
    old: ReportVersion, new: ReportVersion, *, text_of: TextOf | None = None
) -> VersionDiff:
    """What changed from `old` to `new`: every indicator whose value differs (in registry
    order, label and kind from the registry), each section whose text differs (a readable
    word-level diff), changed document settings and the findings that appeared or went.

    `text_of(version, key)` gives a section's text as the reader should compare it (the pages
    pass the text as printed, placeholders resolved with that version's own values); by default
    the stored text with its placeholders."""
    diff = VersionDiff(old=old, new=new)
    codes = registry.codes()
    known = set(codes)
    extra = sorted((set(old.values) | set(new.values)) - known)
    for code in list(codes) + extra:
        a, b = old.values.get(code), new.values.get(code)
        if a == b:
            continue
        ind = registry.get(code) if code in known else None
        diff.figures.append(
            FigureChange(
                code=code,
                label=str(ind.label) if ind is not None else code,
                old=from_json({code: a})[code],
                new=from_json({code: b})[code],
                kind=str(ind.kind) if ind is not None else "count",
            )
        )
    for key, _part, title in SECTIONS:
        a_text, b_text = old.narrative.get(key, ""), new.narrative.get(key, "")
        if text_of is not None:
            a_text, b_text = text_of(old, key), text_of(new, key)
        if a_text == b_text:
            continue
        html, added, removed = text_diff_html(a_text, b_text)
        diff.sections.append(
            SectionChange(key=key, title=str(title), html=html, added=added, removed=removed)
        )
    for name in sorted(set(old.document_settings) | set(new.document_settings)):
        a_val = str(old.document_settings.get(name, ""))
        b_val = str(new.document_settings.get(name, ""))
        if a_val != b_val:
            diff.settings.append((name, a_val, b_val))
    for attr in ("doc_number", "doc_symbol", "issued_on"):
        a_val, b_val = getattr(old, attr), getattr(new, attr)
        if a_val != b_val:
            diff.settings.append((attr, "" if a_val is None else str(a_val), str(b_val or "")))
    old_f = {_finding_key(f) for f in old.findings}
    new_f = {_finding_key(f) for f in new.findings}
    diff.findings_added = sorted(new_f - old_f)
    diff.findings_removed = sorted(old_f - new_f)
    return diff
