"""Writes on the procedure catalogue and dossiers: the spreadsheet imports.

dossiers_import(file=f, unit=unit, by=user, commit=False)   # preview: counts + problems
dossiers_import(file=f, unit=unit, by=user)                 # all-or-nothing upsert
procedures_import(file=f, by=user)
unit_for_import(code="21061", file=f)                        # a reused code, by reception dates
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.utils.translation import gettext as _

from common.formatting import format_date
from imports.base import ImportRefused, ImportResult, Progress
from orgs.models import Unit

from .importing import dossiers_import as _dossiers_import
from .importing import procedures_import as _procedures_import
from .importing import scan_received_range


def dossiers_import(
    *,
    file: Any,
    unit: Unit,
    by: User | None = None,
    commit: bool = True,
    name: str = "",
    progress: Progress | None = None,
    error_limit: int | None = 5000,
) -> ImportResult:
    """Import (or, with commit=False, preview) a dossier file for a unit: SPEC §4."""
    return _dossiers_import(
        file=file,
        unit=unit,
        by=by,
        commit=commit,
        name=name,
        progress=progress,
        error_limit=error_limit,
    )


def procedures_import(
    *,
    file: Any,
    by: User | None = None,
    commit: bool = True,
    name: str = "",
    progress: Progress | None = None,
) -> ImportResult:
    """Import (or preview) the procedure catalogue: upsert by national code."""
    return _procedures_import(file=file, by=by, commit=commit, name=name, progress=progress)


def unit_for_import(*, code: str, file: Any) -> Unit:
    """The unit with `code` that was valid when the file's dossiers were received.

    Codes are reused after the 2025 merger (SPEC §2): when several units carry the code, the
    one valid over every reception date of the file is chosen; anything else is refused."""
    code = str(code or "").strip()
    units = list(Unit.objects.filter(code=code).order_by("valid_from"))
    if not units:
        raise ImportRefused(_("Không có đơn vị hành chính mã «%(code)s».") % {"code": code})
    if len(units) == 1:
        return units[0]

    def label(u: Unit) -> str:
        a = format_date(u.valid_from) if u.valid_from else "…"
        b = format_date(u.valid_to) if u.valid_to else "…"
        return f"{u.name} ({a} – {b})"

    names = "; ".join(label(u) for u in units)
    span = scan_received_range(file=file)
    if span is None:
        raise ImportRefused(
            _(
                "Mã «%(code)s» ứng với nhiều đơn vị (%(units)s) và tệp không có ngày tiếp nhận "
                "hợp lệ để chọn đơn vị."
            )
            % {"code": code, "units": names}
        )
    lo, hi = span
    fits = [u for u in units if u.is_valid_on(lo) and u.is_valid_on(hi)]
    if len(fits) == 1:
        return fits[0]
    raise ImportRefused(
        _(
            "Mã «%(code)s» ứng với nhiều đơn vị (%(units)s); hồ sơ trong tệp tiếp nhận từ "
            "%(lo)s đến %(hi)s không thuộc trọn thời gian hoạt động của đúng một đơn vị. "
            "Hãy tách tệp theo thời điểm sáp nhập."
        )
        % {
            "code": code,
            "units": names,
            "lo": format_date(lo),
            "hi": format_date(hi),
        }
    )
