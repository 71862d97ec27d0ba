"""The report workflow as one table-driven state machine (SPEC §7):
draft → submitted → (returned → submitted)* → accepted → signed."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import ReportState as S


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    actor: str  # "approver" of the unit, or "reviewer" of an ancestor unit
    label: object
    needs_comment: bool = False


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition("submit", (S.DRAFT, S.RETURNED), S.SUBMITTED, "approver", _("Gửi báo cáo")),
        Transition(
            "return", (S.SUBMITTED,), S.RETURNED, "reviewer", _("Trả lại"), needs_comment=True
        ),
        Transition("accept", (S.SUBMITTED,), S.ACCEPTED, "reviewer", _("Tiếp nhận")),
        Transition("sign", (S.ACCEPTED,), S.SIGNED, "approver", _("Ký số")),
    )
}


def allowed(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if state in t.sources]
