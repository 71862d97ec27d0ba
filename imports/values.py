"""Cell value parsers shared by the importers. Each raises ValueError(Vietnamese reason).

Hot path of a 100 000-row import: parsers are small, and those whose inputs repeat (dates,
vocabularies) are cached.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import gettext as _

from common.formatting import format_date, format_datetime, format_moment

from .base import fold

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

TZ = ZoneInfo(settings.TIME_ZONE)  # Asia/Ho_Chi_Minh: SPEC §4 dates are local time
END_OF_DAY = dt.time(23, 59, 59, 999999)

_DMY = re.compile(
    r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]+(\d{1,2})[:hH](\d{2})(?::(\d{2}))?)?$"
)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")
_THOUSANDS = re.compile(r"^\d{1,3}(?:[., \u00a0]\d{3})+$")


def cell_text(value: Any) -> str:
    """A cell as stripped text; an integral float from XLSX ('123.0') as '123'."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value).strip()


def _bad_date(text: str) -> ValueError:
    return ValueError(
        _(
            "«%(value)s» không phải ngày hợp lệ: dùng dd/mm/yyyy, dd/mm/yyyy HH:MM hoặc "
            "ISO 8601 (yyyy-mm-dd)."
        )
        % {"value": text}
    )


@lru_cache(maxsize=1 << 17)
def _parse_text_datetime(text: str, end_of_day: bool) -> dt.datetime:
    m = _DMY.match(text)
    try:
        if m:
            d, mo, y, hh, mi, ss = m.groups()
            if hh is None:
                day = dt.date(int(y), int(mo), int(d))
                return dt.datetime.combine(day, END_OF_DAY if end_of_day else dt.time.min, TZ)
            return dt.datetime(int(y), int(mo), int(d), int(hh), int(mi), int(ss or 0), tzinfo=TZ)
        if _ISO.match(text):
            if len(text) == 10:
                day = dt.date.fromisoformat(text)
                return dt.datetime.combine(day, END_OF_DAY if end_of_day else dt.time.min, TZ)
            value = dt.datetime.fromisoformat(text)
            if value.tzinfo is None:
                return value.replace(tzinfo=TZ)
            return value.astimezone(TZ)
    except ValueError:
        pass
    raise _bad_date(text)


def parse_datetime(value: Any, *, end_of_day: bool = False) -> dt.datetime | None:
    """A local date/time; a date alone means its start (or its end for a deadline)."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        return _parse_text_datetime(text, end_of_day)
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=TZ) if value.tzinfo is None else value.astimezone(TZ)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, END_OF_DAY if end_of_day else dt.time.min, TZ)
    raise _bad_date(cell_text(value))


def parse_date(value: Any) -> dt.date | None:
    parsed = parse_datetime(value)
    return parsed.date() if parsed else None


def make_choice(
    words: dict[str, tuple[str, ...]], *, what: StrOrPromise, allowed: str
) -> Callable[[Any], str | None]:
    """A cached parser mapping Vietnamese (with or without diacritics) and English words to
    a stored value. `what` names the field, `allowed` lists the accepted words."""
    table: dict[str, str] = {}
    for value, ws in words.items():
        for w in (value, *ws):
            table[fold(w)] = value

    @lru_cache(maxsize=4096)
    def parse_text(text: str) -> str | None:
        if not text:
            return None
        found = table.get(fold(text))
        if found is None:
            raise ValueError(
                _("«%(value)s» không phải %(what)s hợp lệ: %(allowed)s.")
                % {"value": text, "what": what, "allowed": allowed}
            )
        return found

    def parse(value: Any) -> str | None:
        return parse_text(value.strip() if isinstance(value, str) else cell_text(value))

    return parse


_YES = {"co", "yes", "y", "1", "true", "x", "dung", "da"}
_NO = {"khong", "no", "n", "0", "false", "chua", "sai"}


@lru_cache(maxsize=256)
def _parse_bool_text(text: str) -> bool | None:
    if not text:
        return None
    key = fold(text)
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise ValueError(_("«%(value)s» không hợp lệ: ghi Có hoặc Không.") % {"value": text})


def parse_bool(value: Any) -> bool | None:
    if value is True or value is False:
        return value
    if isinstance(value, str):
        return _parse_bool_text(value.strip())
    return _parse_bool_text(cell_text(value))


def parse_amount(value: Any) -> int | None:
    """A non-negative whole amount in VND: 50000, 50.000, '50 000', 50000.0 (XLSX)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(_("«%(value)s» không phải số tiền hợp lệ.") % {"value": value})
    if isinstance(value, int):
        n = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise ValueError(
                _("«%(value)s» không phải số nguyên (đơn vị đồng).") % {"value": cell_text(value)}
            )
        n = int(value)
    else:
        text = str(value).strip()
        if not text:
            return None
        if text.isdigit():
            n = int(text)
        elif _THOUSANDS.match(text):
            n = int(re.sub(r"\D", "", text))
        elif text.lstrip("-").isdigit():
            n = int(text)
        else:
            raise ValueError(
                _("«%(value)s» không phải số tiền hợp lệ (số nguyên, đơn vị đồng).")
                % {"value": text}
            )
    if n < 0:
        raise ValueError(_("Số tiền không được âm (%(value)s).") % {"value": n})
    if n > 9_000_000_000_000_000_000:
        raise ValueError(_("Số tiền quá lớn."))
    return n


def fmt_dt(value: dt.datetime) -> str:
    return format_moment(value, tz=TZ)
