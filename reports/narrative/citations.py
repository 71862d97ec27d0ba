"""Citations of the register of documents in the narrative (issue 12, 3).

A section's text cites a document of the unit's register for the period by its number and
symbol, in the placeholder syntax of the indicators:

    {{ vb:18/KH-UBND }}   -> "Kế hoạch số 18/KH-UBND ngày 22/02/2023 của UBND xã Bình Phước"
    {{ vbs:18/KH-UBND }}  -> "Kế hoạch số 18/KH-UBND ngày 22/02/2023"   (short: no issuer,
                             for a sentence that already names it: "UBND xã đã ban hành …")

and a document placeholder names the plan of the period (the register entry the period's plan
tasks link to), so that a default text can cite it when one exists:

    {{ vb.plan }}  -> "Kế hoạch CCHC năm 2023 tại Quyết định số 690/QĐ-UBND ngày 30/12/2022"
                      (or "Kế hoạch CCHC năm 2023" while no plan task names its plan)

A reference that is not in the register is refused on save and is an error before submission
(citation_checks.py), never a silent gap in the signed document.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from django.db.models import Count
from django.utils import translation
from django.utils.translation import gettext_lazy

from common.formatting import format_date
from plans.models import RegisteredDocument

if TYPE_CHECKING:
    from orgs.models import Period, Unit

FULL = "vb:"
SHORT = "vbs:"
PREFIXES = (FULL, SHORT)
PLAN = "vb.plan"

PLACEHOLDERS: dict[str, object] = {
    PLAN: gettext_lazy("kế hoạch CCHC của kỳ (văn bản mà các nhiệm vụ kế hoạch liên kết tới)"),
}


def is_citation(name: str) -> bool:
    return name.startswith(PREFIXES)


def _key(reference: str) -> str:
    """How a reference is matched: NFC, no spaces, case-insensitive."""
    return unicodedata.normalize("NFC", reference).replace(" ", "").casefold()


def citation(document: RegisteredDocument, *, short: bool = False) -> str:
    """'Kế hoạch số 18/KH-UBND ngày 22/02/2023 của UBND xã Bình Phước' (always Vietnamese)."""
    with translation.override("vi"):
        kind = str(document.get_doc_type_display())
    text = f"{kind} số {document.reference}"
    if document.issued_on:
        text += f" ngày {format_date(document.issued_on)}"
    if not short and document.issuer.strip():
        text += f" của {document.issuer.strip()}"
    return text


def register_of(*, unit: Unit, period: Period) -> list[RegisteredDocument]:
    return list(
        RegisteredDocument.objects.filter(unit=unit, period=period).order_by(
            "issued_on", "number", "pk"
        )
    )


def plan_of_period(*, unit: Unit, period: Period) -> RegisteredDocument | None:
    """The register entry most of the period's plan tasks link to (the plan that set them)."""
    row = (
        RegisteredDocument.objects.filter(unit=unit, period=period, plan_tasks__period=period)
        .annotate(n=Count("plan_tasks"))
        .order_by("-n", "issued_on", "pk")
        .first()
    )
    return row


def plan_phrase(*, unit: Unit, period: Period) -> str:
    with translation.override("vi"):
        label = str(period.label)
    plan = plan_of_period(unit=unit, period=period)
    if plan is None:
        return f"Kế hoạch CCHC {label}"
    if plan.doc_type == "ke_hoach":
        return citation(plan, short=True)
    return f"Kế hoạch CCHC {label} tại {citation(plan, short=True)}"


def citation_values(*, unit: Unit, period: Period) -> dict[str, str]:
    """Printed values of every citation the unit's register of the period allows, keyed by the
    placeholder name as written (`vb:18/KH-UBND`, `vbs:18/KH-UBND`), plus `vb.plan`."""
    out: dict[str, str] = {PLAN: plan_phrase(unit=unit, period=period)}
    for document in register_of(unit=unit, period=period):
        out[FULL + document.reference] = citation(document)
        out[SHORT + document.reference] = citation(document, short=True)
    return out


def resolve(name: str, values: dict[str, str]) -> str | None:
    """The printed citation of `name`, matching the reference loosely (spaces, case)."""
    if name in values:
        return values[name]
    if not is_citation(name):
        return None
    prefix = SHORT if name.startswith(SHORT) else FULL
    wanted = prefix + _key(name[len(prefix) :])
    for key, text in values.items():
        if key.startswith(prefix) and prefix + _key(key[len(prefix) :]) == wanted:
            return text
    return None


def editor_entries(*, unit: Unit, period: Period) -> list[dict[str, str]]:
    """The register as the editor lists it for insertion: placeholder, printed text, subject."""
    out = []
    for document in register_of(unit=unit, period=period):
        out.append(
            {
                "code": FULL + document.reference,
                "short": SHORT + document.reference,
                "value": citation(document),
                "label": document.subject,
            }
        )
    return out
