"""The report workflow (SPEC §7) and every policy that depends on a report's state, in one
place: draft → submitted → (returned → submitted)* → accepted → signed.

- `TRANSITIONS`: who (which role) may move a report from which states to which, with its label;
  a transition with an `owner` is performed only by that service (e.g. «sign» by the signing
  service, which produces the signed PDF); the generic transition refuses it.
- `LOCKING_STATES`: the unit's data for the period is read-only (see `reports.locks`).
- `FINAL_STATES`: the rendered document is the final one (no «preview» watermark).
- `NARRATIVE_EDITABLE_STATES`: the narrative may still change (= not locking);
  `DOCUMENT_NUMBER_EDITABLE_STATES`: number, symbol and date of issue, and the document
  settings (signer, addressee, ...), may still change — like the data, only until the report is
  submitted: what the reviewer accepts and the approver signs is exactly what was sent.
- `SIGNABLE_STATES`: the signing service may sign.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from orgs import policy
from orgs.models import Role, Unit


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    SIGNED = "signed", _("Đã ký số")


S = ReportState


LOCKING_STATES: frozenset[str] = frozenset({S.SUBMITTED, S.ACCEPTED, S.SIGNED})
FINAL_STATES: frozenset[str] = frozenset({S.ACCEPTED, S.SIGNED})
#: Not yet sent (or sent back): the unit still has to act before the deadline.
OPEN_STATES: frozenset[str] = frozenset({S.DRAFT, S.RETURNED})
NARRATIVE_EDITABLE_STATES: frozenset[str] = frozenset(set(S.values) - LOCKING_STATES)
DOCUMENT_NUMBER_EDITABLE_STATES: frozenset[str] = frozenset(set(S.values) - LOCKING_STATES)
SIGNABLE_STATES: frozenset[str] = frozenset({S.ACCEPTED})

STATE_LABELS: dict[str, Any] = dict(S.choices)


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    actor: str  # Role.APPROVER of the unit, or Role.REVIEWER of an ancestor unit
    label: object
    needs_comment: bool = False
    #: A service that owns the transition (only it may perform it), with the URL name of the
    #: page where the user starts it.
    owner: str | None = None
    owner_url: str | None = None


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition("submit", (S.DRAFT, S.RETURNED), S.SUBMITTED, Role.APPROVER, _("Gửi báo cáo")),
        Transition(
            "return", (S.SUBMITTED,), S.RETURNED, Role.REVIEWER, _("Trả lại"), needs_comment=True
        ),
        Transition("accept", (S.SUBMITTED,), S.ACCEPTED, Role.REVIEWER, _("Tiếp nhận")),
        Transition(
            "sign",
            (S.ACCEPTED,),
            S.SIGNED,
            Role.APPROVER,
            _("Ký số"),
            owner="reports.signing",
            owner_url="document_sign",
        ),
    )
}

_ACTOR_CHECKS: dict[str, Callable[[Any, Unit], bool]] = {
    Role.APPROVER: policy.may_approve,
    Role.REVIEWER: policy.may_review,
}


def allowed(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources]


def may_perform(user: Any, unit: Unit, transition: Transition) -> bool:
    """Whether the user holds the role the transition needs on the unit."""
    check = _ACTOR_CHECKS.get(transition.actor)
    return bool(check and check(user, unit))


def actions_for(user: Any, unit: Unit, state: str) -> list[Transition]:
    """The transitions this user may start from `state` (service-owned ones link elsewhere)."""
    return [t for t in allowed(state) if may_perform(user, unit, t)]


def is_locking(state: str) -> bool:
    return state in LOCKING_STATES


def is_final(state: str) -> bool:
    return state in FINAL_STATES


def is_open(state: str) -> bool:
    return state in OPEN_STATES


def is_signable(state: str) -> bool:
    return state in SIGNABLE_STATES


def narrative_is_editable(state: str) -> bool:
    return state in NARRATIVE_EDITABLE_STATES


def document_number_is_editable(state: str) -> bool:
    return state in DOCUMENT_NUMBER_EDITABLE_STATES


def document_settings_are_editable(state: str) -> bool:
    """Signer, addressee, header and closing data: the same policy as the number and date."""
    return state in DOCUMENT_NUMBER_EDITABLE_STATES
