"""Administrative units (a tree of any depth with validity dates), memberships, periods."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.formatting import format_date

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    #: Who asks: `request.user` (possibly anonymous) or a user row.
    type AnyUser = User | AnonymousUser


class Level(models.TextChoices):
    PROVINCE = "province", _("Tỉnh/Thành phố")
    DISTRICT = "district", _("Huyện/Quận/Thị xã")
    COMMUNE = "commune", _("Xã/Phường/Thị trấn")


class Role(models.TextChoices):
    CLERK = "clerk", _("Công chức nhập liệu")
    APPROVER = "approver", _("Lãnh đạo đơn vị")
    REVIEWER = "reviewer", _("Chuyên viên Nội vụ")
    ADMIN = "admin", _("Quản trị")


DATA_ROLES = (Role.CLERK, Role.APPROVER)


class UnitQuerySet(models.QuerySet["Unit"]):
    def visible_to(self, user: AnyUser | None) -> Self:
        """Units the user may read: own memberships, plus every descendant of a unit where the
        user is reviewer or admin. Superusers see everything. The one scoping rule."""
        if user is None or not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        memberships = list(Membership.objects.filter(user=user).values_list("unit__path", "role"))
        if not memberships:
            return self.none()
        cond = Q()
        for path, role in memberships:
            if role in (Role.REVIEWER, Role.ADMIN):
                cond |= Q(path__startswith=path)
            else:
                cond |= Q(path=path)
        return self.filter(cond)

    def valid_during(self, start: dt.date, end: dt.date) -> Self:
        """Units whose validity interval overlaps [start, end]."""
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=end),
            Q(valid_to__isnull=True) | Q(valid_to__gte=start),
        )

    def for_code(self, code: str, period: Period | None = None) -> Unit:
        """The unit with this code valid during the period (codes are reused after mergers)."""
        qs = self.filter(code=str(code).strip())
        if period is not None:
            qs = qs.valid_during(period.start, period.end)
        units = list(qs.order_by("-valid_from")[:2])
        if not units:
            raise Unit.DoesNotExist(code)
        return units[0]


class Unit(models.Model):
    """An administrative unit as it was during [valid_from, valid_to].

    The 2025 reform gave merged communes one predecessor's code, so (code, valid_from)
    identifies a territory, not the code alone. `path` is the materialised list of ancestor ids
    ("/1/7/42/") so that a subtree is one indexed prefix query.
    """

    code = models.CharField(_("mã"), max_length=10, db_index=True)
    name = models.CharField(_("tên"), max_length=200)
    level = models.CharField(_("cấp"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị kế thừa"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )

    objects = UnitQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "valid_from"],
                name="unit_code_valid_from_unique",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="unit_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def clean(self) -> None:
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")})
        if (
            self.parent_id
            and self.pk
            and self.parent
            and self.parent.path.startswith(self.path or "\0")
        ):
            raise ValidationError(
                {"parent": _("Đơn vị cấp trên không thể là chính nó hoặc cấp dưới của nó.")}
            )

    def save(self, *args: Any, **kwargs: Any) -> None:
        creating = self.pk is None
        old_path = self.path
        if creating:
            super().save(*args, **kwargs)
            kwargs = {k: v for k, v in kwargs.items() if k != "force_insert"}
        self.path = (self.parent.path if self.parent_id and self.parent else "/") + f"{self.pk}/"
        super().save(*args, **kwargs)
        if not creating and old_path and old_path != self.path:
            for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                child.path = self.path + child.path[len(old_path) :]
                Unit.objects.filter(pk=child.pk).update(path=child.path)

    @property
    def short_name(self) -> str:
        """Name without its type prefix: 'Xã Bình Phước' -> 'Bình Phước'."""
        for prefix in (
            "Thành phố ",
            "Thị trấn ",
            "Thị xã ",
            "Phường ",
            "Huyện ",
            "Quận ",
            "Tỉnh ",
            "Xã ",
            "Đặc khu ",
        ):
            if self.name.startswith(prefix):
                return self.name[len(prefix) :]
        return self.name

    @property
    def kind_word(self) -> str:
        """'Xã', 'Phường', 'Huyện' ...: the first word(s) of the official name."""
        return self.name[: len(self.name) - len(self.short_name)].strip() or self.name

    def ancestors(self) -> models.QuerySet[Unit]:
        ids = [int(x) for x in self.path.strip("/").split("/") if x][:-1]
        return Unit.objects.filter(pk__in=ids).order_by("path")

    def is_valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên đơn vị")
        verbose_name_plural = _("thành viên đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="membership_user_unit_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.unit} — {self.get_role_display()}"


PERIOD_CODE_RE = re.compile(r"^(?P<year>\d{4})(?:(?P<kind>[QSM])(?P<n>\d{1,2}))?$")


class PeriodKind(models.TextChoices):
    ANNUAL = "annual", _("Năm")
    QUARTER = "quarter", _("Quý")
    SEMESTER = "semester", _("6 tháng")
    MONTHS = "months", _("Số tháng (lũy kế)")


def parse_period_code(code: str) -> tuple[int, str, int | None]:
    """'2023' -> (2023, annual, None); '2023Q2' -> (2023, quarter, 2); '2023S1'; '2023M9'."""
    m = PERIOD_CODE_RE.match((code or "").strip().upper())
    if not m:
        raise ValidationError(
            _(
                "Mã kỳ «%(code)s» không hợp lệ: dùng 2023, 2023Q1…2023Q4, 2023S1, 2023S2 hoặc 2023M9."
            ),
            params={"code": code},
        )
    year = int(m["year"])
    kind_letter = m["kind"]
    n = int(m["n"]) if m["n"] else None
    if kind_letter is None:
        return year, PeriodKind.ANNUAL, None
    if kind_letter == "Q" and n in (1, 2, 3, 4):
        return year, PeriodKind.QUARTER, n
    if kind_letter == "S" and n in (1, 2):
        return year, PeriodKind.SEMESTER, n
    if kind_letter == "M" and n is not None and 1 <= n <= 12:
        return year, PeriodKind.MONTHS, n
    raise ValidationError(
        _("Mã kỳ «%(code)s» không hợp lệ: dùng 2023, 2023Q1…2023Q4, 2023S1, 2023S2 hoặc 2023M9."),
        params={"code": code},
    )


class PeriodQuerySet(models.QuerySet):
    def open(self) -> PeriodQuerySet:
        return self.filter(is_closed=False)


class Period(models.Model):
    """A reporting period: a code, a data window [start, end] (inclusive), a deadline."""

    code = models.CharField(_("mã kỳ"), max_length=10, unique=True)
    year = models.PositiveIntegerField(_("năm"), editable=False)
    kind = models.CharField(_("loại kỳ"), max_length=10, choices=PeriodKind.choices, editable=False)
    number = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    deadline = models.DateField(_("hạn nộp báo cáo"), null=True, blank=True)
    is_closed = models.BooleanField(_("đã đóng"), default=False)

    objects = PeriodQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kỳ báo cáo")
        verbose_name_plural = _("kỳ báo cáo")
        ordering = ["-year", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")), name="period_window_ordered"
            )
        ]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        self.code = (self.code or "").strip().upper()
        self.year, self.kind, self.number = parse_period_code(self.code)
        if self.start and self.end and self.start > self.end:
            raise ValidationError(
                {
                    "end": _("Ngày kết thúc (%(end)s) phải sau hoặc bằng ngày bắt đầu (%(start)s).")
                    % {
                        "end": format_date(self.end),
                        "start": format_date(self.start),
                    }
                }
            )
        if self.deadline and self.end and self.deadline < self.end:
            raise ValidationError({"deadline": _("Hạn nộp không thể trước ngày kết thúc kỳ.")})

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.code = (self.code or "").strip().upper()
        self.year, self.kind, self.number = parse_period_code(self.code)
        super().save(*args, **kwargs)

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.ANNUAL:
            return _("năm %(year)s") % {"year": self.year}
        if self.kind == PeriodKind.QUARTER:
            return _("quý %(n)s năm %(year)s") % {"n": self.number, "year": self.year}
        if self.kind == PeriodKind.SEMESTER:
            if self.number == 1:
                return _("6 tháng đầu năm %(year)s") % {"year": self.year}
            return _("6 tháng cuối năm %(year)s") % {"year": self.year}
        return _("%(n)s tháng năm %(year)s") % {"n": self.number, "year": self.year}

    def same_period_last_year(self) -> Period | None:
        code = str(self.year - 1) + self.code[4:]
        return Period.objects.filter(code=code).first()

    def window_bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[start 00:00, day after end 00:00) in local time, as aware datetimes."""
        from django.utils import timezone

        tz = timezone.get_default_timezone()
        lo = dt.datetime.combine(self.start, dt.time.min, tzinfo=tz)
        hi = dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        return lo, hi
