"""Write hooks of the tthc record sections (the catalogue and dossier forms).

Dossiers carry the procedure's online-service level (denormalised for the indicators), so a
dossier saved in a form takes it from the catalogue, and a catalogue change by an administrator
is carried to the dossiers of that procedure."""

from __future__ import annotations

from django.db import transaction

from orgs.models import Unit
from reports.recompute import records_changed

from .models import Dossier, OnlineLevel, Procedure


def dossier_link_procedure(dossier: Dossier) -> None:
    """Attach the catalogue entry of the dossier's procedure code (level `none` if missing)."""
    dossier.procedure_code = (dossier.procedure_code or "").strip()
    procedure = Procedure.objects.filter(code=dossier.procedure_code).first()
    dossier.procedure = procedure
    dossier.online_level = procedure.online_level if procedure else OnlineLevel.NONE
    if procedure and not dossier.procedure_name:
        dossier.procedure_name = procedure.name


def _refresh_units_of(codes: set[str]) -> None:
    unit_ids = (
        Dossier.objects.filter(procedure_code__in=codes)
        .values_list("unit_id", flat=True)
        .distinct()
        .order_by()
    )
    units = list(Unit.objects.filter(pk__in=list(unit_ids)))
    transaction.on_commit(lambda: [records_changed(unit=u) for u in units])


def procedure_sync_dossiers(procedure: Procedure, old: Procedure | None) -> None:
    """After a catalogue change: relink the procedure's dossiers and refresh their units."""
    _refresh_units_of({procedure.code} | ({old.code} if old is not None else set()))
    Dossier.objects.filter(procedure_code=procedure.code).update(
        procedure=procedure, online_level=procedure.online_level
    )
    if old is not None and old.code != procedure.code:
        Dossier.objects.filter(procedure_code=old.code).update(
            procedure=None, online_level=OnlineLevel.NONE
        )


def procedure_unlink_dossiers(procedure: Procedure) -> None:
    """After a catalogue entry is deleted: its dossiers fall back to level `none`."""
    _refresh_units_of({procedure.code})
    Dossier.objects.filter(procedure_code=procedure.code).update(
        procedure=None, online_level=OnlineLevel.NONE
    )
