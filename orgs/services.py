"""Writes for units, periods and memberships. Each raises ValidationError with a Vietnamese
message on bad input and changes nothing."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .models import Level, Membership, Period, Role, Unit


def unit_create(
    *,
    code: str,
    name: str,
    level: str,
    parent_code: str | None = None,
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> Unit:
    code = (code or "").strip()
    name = (name or "").strip()
    if not code or not code.isdigit():
        raise ValidationError(
            _("Mã đơn vị «%(code)s» không hợp lệ: mã GSO chỉ gồm chữ số.") % {"code": code}
        )
    if not name:
        raise ValidationError(_("Tên đơn vị không được để trống."))
    if level not in Level.values:
        raise ValidationError(
            _("Cấp «%(level)s» không hợp lệ; dùng một trong: %(levels)s.")
            % {"level": level, "levels": ", ".join(Level.values)}
        )
    parent = None
    if parent_code:
        day = valid_from or dt.date.today()
        parents = list(Unit.objects.filter(code=parent_code.strip()).order_by("-valid_from"))
        # Prefer the unit with that code valid on the day; else the most recent one by that code.
        parent = next((p for p in parents if p.is_valid_on(day)), parents[0] if parents else None)
        if parent is None:
            raise ValidationError(
                _("Không tìm thấy đơn vị cấp trên có mã %(code)s.") % {"code": parent_code}
            )
    if Unit.objects.filter(code=code, valid_from=valid_from).exists():
        raise ValidationError(_("Đơn vị có mã %(code)s đã tồn tại.") % {"code": code})
    unit = Unit(
        code=code, name=name, level=level, parent=parent, valid_from=valid_from, valid_to=valid_to
    )
    unit.full_clean(exclude=["path"], validate_unique=False)
    try:
        with transaction.atomic():
            unit.save()
    except IntegrityError as exc:
        raise ValidationError(
            _("Không thể tạo đơn vị %(code)s: %(err)s") % {"code": code, "err": exc}
        ) from exc
    return unit


def period_create(
    *, code: str, start: dt.date, end: dt.date, deadline: dt.date | None = None
) -> Period:
    code = (code or "").strip().upper()
    period = Period(code=code, start=start, end=end, deadline=deadline)
    period.full_clean(exclude=["year", "kind", "number"], validate_unique=False)
    if Period.objects.filter(code=code).exists():
        raise ValidationError(_("Kỳ báo cáo %(code)s đã tồn tại.") % {"code": code})
    with transaction.atomic():
        period.save()
    return period


def membership_grant(*, user: User, unit: Unit, role: str) -> Membership:
    if role not in Role.values:
        raise ValidationError(_("Vai trò «%(role)s» không hợp lệ.") % {"role": role})
    membership, _created = Membership.objects.update_or_create(
        user=user, unit=unit, defaults={"role": role}
    )
    return membership


def user_ensure(
    *,
    username: str,
    password: str,
    full_name: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
) -> User:
    User = get_user_model()
    user, _created = User.objects.get_or_create(username=username)
    parts = full_name.rsplit(" ", 1)
    user.first_name = parts[0] if len(parts) > 1 else ""
    user.last_name = parts[-1] if full_name else ""
    user.is_staff = is_staff or is_superuser
    user.is_superuser = is_superuser
    user.set_password(password)
    user.save()
    return user
