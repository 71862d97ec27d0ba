"""django-import-export widgets that read cells the way the dossier import does: choices in
Vietnamese (with or without diacritics) or English, Có/Không, dd/mm/yyyy dates, VND amounts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.utils import translation
from django.utils.translation import gettext as _
from import_export import widgets

from common.formatting import format_date

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

from .values import cell_text, make_choice, parse_amount, parse_bool, parse_date


class ChoiceWidget(widgets.Widget):
    """A TextChoices field: accepts the stored value, the Vietnamese label and extra words."""

    def __init__(
        self,
        choices: Iterable[tuple[Any, StrOrPromise]],
        *,
        what: StrOrPromise,
        extra: dict[str, tuple[str, ...]] | None = None,
    ) -> None:
        extra = extra or {}
        # Labels are read in Vietnamese (the files' language) whatever language is active
        # when the resource class is first imported; the English labels are accepted too.
        with translation.override("vi"):
            self.labels = {str(v): str(label) for v, label in choices}
        with translation.override("en"):
            english = {str(v): str(label) for v, label in choices}
        words = {v: (label, english[v], *extra.get(v, ())) for v, label in self.labels.items()}
        self.parse = make_choice(words, what=what, allowed=", ".join(self.labels.values()))
        super().__init__()

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str | None:
        return self.parse(value)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return self.labels.get(str(value), "" if value is None else str(value))


class YesNoWidget(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> bool:
        return bool(parse_bool(value))

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return _("Có") if value else _("Không")


class DateWidget(widgets.Widget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> dt.date | None:
        return parse_date(value)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return format_date(value, default="")


class AmountWidget(widgets.Widget):
    """A whole, non-negative amount in VND (50000, 50.000, 50 000)."""

    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> int | None:
        return parse_amount(value)

    def render(self, value: Any, obj: Any = None, **kwargs: Any) -> str:
        return "" if value is None else str(value)


class TextWidget(widgets.CharWidget):
    def clean(self, value: Any, row: Any = None, **kwargs: Any) -> str:
        return cell_text(value)
