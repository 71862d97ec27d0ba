"""Document settings of a unit's report for one period (Decree 30/2020 boxes 2–9).

    settings_for(unit, period)     -> DocumentSettings   the period's row, or an unsaved draft
    default_settings(unit, period) -> DocumentSettings   derived from the unit alone (unsaved)
    settings_as_dict(doc) / settings_from_dict(unit, period, data)   (frozen in ReportVersion)

A period without settings gets a draft when first needed, from the latest earlier period's
settings of the same unit (the same `Unit` row: same name and parent) — its place name,
recipients and signer carry over. The issuing body, the addressee and the organisation name are
always derived afresh from the unit's name and parent in THAT period: after the 2025 reform a
commune's parent is the province, so the 2022 «Phòng Nội vụ huyện …» never carries over to a
level that no longer exists. The bases (căn cứ) cite the year's own documents and never carry
over. A unit's row of another period (a predecessor with the same code after the reform) lends
nothing but its signer title. The draft is saved when the unit saves the form or submits.
"""

from __future__ import annotations

from typing import Any

from orgs.models import Level, Period, Unit

from .models import DocumentSettings, SignerTitle

#: The fields of the document settings, as frozen with a submission.
FIELDS = (
    "issuing_body",
    "place_name",
    "addressee",
    "basis",
    "recipients",
    "signer_title",
    "signer_name",
    "organisation_name",
)
#: Carried from the previous period of the same unit row into a new period's draft.
CARRIED = ("place_name", "recipients", "signer_title", "signer_name")


def _unit_label(unit: Unit) -> str:
    """'Huyện Bình Sơn' -> 'huyện Bình Sơn' (inside a sentence)."""
    return f"{unit.kind_word.lower()} {unit.short_name}".strip()


def addressee_for(unit: Unit) -> str:
    """The home-affairs office of the unit's parent: Sở Nội vụ of a province, Phòng Nội vụ of a
    district; none for a unit without a parent."""
    parent = unit.parent
    if parent is None:
        return ""
    office = "Sở Nội vụ" if parent.level == Level.PROVINCE else "Phòng Nội vụ"
    return f"{office} {_unit_label(parent)}"


def default_settings(unit: Unit, period: Period | None = None) -> DocumentSettings:
    """Settings derived from the unit alone (not saved): sensible, editable."""
    kind = unit.kind_word.lower()
    addressee = addressee_for(unit)
    recipients = [
        "Như trên" if addressee else "",
        f"TT. Đảng ủy {kind}",
        f"TT. HĐND {kind}",
        f"CT, các PCT UBND {kind}",
        "Lưu: VT",
    ]
    doc = DocumentSettings(
        unit=unit,
        issuing_body=f"ỦY BAN NHÂN DÂN\n{unit.name.upper()}",
        place_name=unit.short_name,
        addressee=addressee,
        basis="",
        recipients="\n".join(r for r in recipients if r),
        signer_title=SignerTitle.CHAIRMAN,
        signer_name="",
        organisation_name=f"UBND {_unit_label(unit)}",
    )
    if period is not None:
        doc.period = period
    return doc


def previous_settings(unit: Unit, period: Period) -> DocumentSettings | None:
    """The latest settings of an earlier period, of this unit row or a row with its code."""
    return (
        DocumentSettings.objects.filter(unit__code=unit.code, period__end__lt=period.end)
        .select_related("period")
        .order_by("-period__end", "-pk")
        .first()
    )


def draft_settings(unit: Unit, period: Period) -> DocumentSettings:
    """A new period's settings (not saved): the previous period's, with the parts that depend
    on the unit's name and parent derived afresh."""
    doc = default_settings(unit, period)
    previous = previous_settings(unit, period)
    if previous is not None:
        carried = CARRIED if previous.unit_id == unit.pk else ("signer_title",)
        for name in carried:
            setattr(doc, name, getattr(previous, name))
    return doc


def settings_for(unit: Unit, period: Period) -> DocumentSettings:
    """The period's settings, or a draft (unsaved) when the unit has none for it yet."""
    return DocumentSettings.objects.filter(unit=unit, period=period).first() or draft_settings(
        unit, period
    )


def settings_as_dict(doc: DocumentSettings) -> dict[str, str]:
    return {name: str(getattr(doc, name) or "") for name in FIELDS}


def settings_from_dict(unit: Unit, period: Period, data: dict[str, Any]) -> DocumentSettings:
    """An unsaved DocumentSettings holding frozen data (what a submitted version printed)."""
    doc = default_settings(unit, period)
    for name in FIELDS:
        if name in data:
            setattr(doc, name, data[name])
    return doc
