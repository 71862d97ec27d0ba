"""What a report needs before it can be sent: a named signer (a report that cannot be signed is
an error) and a written explanation of each warning (e.g. hand-entered figures never entered)."""

from __future__ import annotations

from typing import Any


def name_signer(unit: Any, period: Any, name: str = "Ngô Văn Vương") -> None:
    from reports.docsettings import settings_for

    settings = settings_for(unit, period)
    settings.signer_name = name
    settings.save()


def explain_every_warning(unit: Any, period: Any) -> None:
    from reports.models import WarningExplanation
    from reports.snapshots import snapshot_findings, snapshot_refresh

    snap = snapshot_refresh(unit=unit, period=period, ancestors=False)
    for f in snapshot_findings(snap):
        if f.severity == "warning":
            WarningExplanation.objects.update_or_create(
                unit=unit, period=period, rule=f.rule, defaults={"text": "Đã rõ."}
            )


def ready_to_send(unit: Any, period: Any) -> None:
    name_signer(unit, period)
    explain_every_warning(unit, period)
