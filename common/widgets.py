"""Date and datetime inputs that read dd/mm/yyyy (and 24-hour time) whatever the browser's locale.

The browser's own date pickers (`type=date`, `datetime-local`) display the date in the order of
the browser's locale — an English browser shows 10/05/2023 for 5 May, with AM/PM. These are text
inputs in the portal's one format, with a visible hint; the forms accept ISO dates too (API-like
clients, tests)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_FORMAT = "%d/%m/%Y"
DATETIME_FORMAT = "%d/%m/%Y %H:%M"

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %Hh%M",
    "%d/%m/%Y",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]


class DateInput(forms.DateInput):
    """dd/mm/yyyy in a text box, with the format as placeholder and pattern."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {
            "placeholder": _("dd/mm/yyyy"),
            "inputmode": "numeric",
            "autocomplete": "off",
            "pattern": r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}",
            "class": "date-input",
            "size": "12",
        }
        super().__init__({**base, **(attrs or {})}, format=DATE_FORMAT)


class DateTimeInput(forms.DateTimeInput):
    """dd/mm/yyyy hh:mm (24-hour) in a text box."""

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        base = {
            "placeholder": _("dd/mm/yyyy hh:mm"),
            "autocomplete": "off",
            "pattern": r"\d{1,2}/\d{1,2}/\d{4}( \d{1,2}:\d{2}(:\d{2})?)?|\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?",
            "class": "date-input datetime-input",
            "size": "17",
        }
        super().__init__({**base, **(attrs or {})}, format=DATETIME_FORMAT)
