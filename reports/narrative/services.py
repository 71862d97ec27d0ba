"""Writes of the narrative: saving a section's text, going back to its default."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from common.history import history_user_set
from orgs.models import Period, Unit

from ..locks import ensure_unlocked
from ..models import NarrativeSection
from ..recompute import records_changed
from ..sections import SECTION_KEYS
from .citations import is_citation
from .placeholders import document_values, marker, normalize, unknown_placeholders


@transaction.atomic
def narrative_save(
    *, unit: Unit, period: Period, key: str, text: str, version: int, by: User
) -> NarrativeSection:
    """Store a section's text. `version` is the one the editor loaded (0 for the default
    text): a different stored version means someone else saved in between, and nothing is
    written. Unknown placeholders are refused with their names."""
    if key not in SECTION_KEYS:
        raise ValidationError(_("Mục báo cáo không tồn tại."))
    ensure_unlocked(unit=unit, period=period, hold=True, channel="narrative", by=by)
    text = normalize(text)
    unknown = unknown_placeholders(text, document_values(unit=unit, period=period))
    cited = [n for n in unknown if is_citation(n)]
    if cited:
        raise ValidationError(
            _(
                "Văn bản không có trong sổ văn bản của kỳ: %(names)s. Hãy thêm văn bản vào sổ "
                "hoặc chọn trong danh sách văn bản."
            )
            % {"names": ", ".join(marker(n) for n in cited)}
        )
    if unknown:
        raise ValidationError(
            _("Chỉ tiêu không tồn tại: %(names)s. Hãy chọn trong danh sách chỉ tiêu.")
            % {"names": ", ".join(marker(n) for n in unknown)}
        )
    row = (
        NarrativeSection.objects.select_for_update()
        .filter(unit=unit, period=period, key=key)
        .first()
    )
    current = row.version if row else 0
    if int(version) != current:
        raise ValidationError(
            _(
                "Nội dung mục này vừa được người khác lưu. Hãy tải lại trang, xem bản mới "
                "rồi sửa lại; nội dung của bạn chưa được lưu."
            )
        )
    if row is None:
        row = NarrativeSection(unit=unit, period=period, key=key, version=0)
    row.text = text
    row.version = current + 1
    row.updated_by = by
    history_user_set(row, by)
    row.save()
    records_changed(unit=unit, period=period)
    return row


@transaction.atomic
def narrative_reset(*, unit: Unit, period: Period, key: str, version: int, by: User) -> None:
    """Go back to the default text of a section (delete the stored row)."""
    ensure_unlocked(unit=unit, period=period, hold=True, channel="narrative", by=by)
    row = (
        NarrativeSection.objects.select_for_update()
        .filter(unit=unit, period=period, key=key)
        .first()
    )
    if row is None:
        return
    if int(version) != row.version:
        raise ValidationError(_("Nội dung mục này vừa được người khác lưu. Hãy tải lại trang."))
    history_user_set(row, by)
    row.delete()


@transaction.atomic
def narrative_fix_figure(
    *, unit: Unit, period: Period, key: str, rule: str, version: int, by: User
) -> NarrativeSection:
    """The one-click fix of a contradicting figure: the typed number the finding `rule` names
    becomes the placeholder of its indicator, and the section is saved (same lock and
    concurrent-edit checks as any save)."""
    from ..indicators import compute
    from .figures import fix_text
    from .selectors import section_texts

    if key not in SECTION_KEYS:
        raise ValidationError(_("Mục báo cáo không tồn tại."))
    ensure_unlocked(unit=unit, period=period, hold=True, channel="narrative", by=by)
    text = section_texts(unit=unit, period=period)[key]
    fixed = fix_text(text, values=compute(unit, period), section=key, rule=rule)
    if fixed is None:
        raise ValidationError(_("Số liệu này đã được sửa hoặc không còn sai lệch."))
    return narrative_save(unit=unit, period=period, key=key, text=fixed, version=version, by=by)
