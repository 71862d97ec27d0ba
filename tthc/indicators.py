"""Indicators counted from one-stop dossiers, the procedure catalogue, feedback and surveys
(SPEC §5)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypedDict, cast

from django.db.models import Count, DateField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from orgs.models import Period
from reports.indicators.base import Indicator, Kind, Measure, QuerySource, Section, Source
from reports.indicators.registry import registry

from .models import (
    Channel,
    Dossier,
    DossierStatus,
    Feedback,
    OnlineLevel,
    Procedure,
    Rating,
    SurveyResponse,
)
from .models import Source as SystemOfRecord

if TYPE_CHECKING:
    from django.db.backends.postgresql.operations import DatabaseOperations

P = Section.PROCEDURES
E = Section.EGOV
# The linked groups of the national portal (Đề án 06), found by a word of the catalogue's
# `Nhóm liên thông`: birth (khai sinh – thường trú – BHYT dưới 6 tuổi) and death (khai tử – xóa
# thường trú – tử tuất/mai táng phí).
LINKED_GROUPS = {"birth": "khai sinh", "death": "khai tử"}
ENDED = (DossierStatus.RESOLVED, DossierStatus.WITHDRAWN, DossierStatus.REJECTED)
# QĐ 766 5.2: a petition is handled within 15 working days = three calendar weeks.
FEEDBACK_DEFAULT_TERM = dt.timedelta(days=21)


def _window(period: Period) -> tuple[dt.datetime, dt.datetime]:
    return period.window_bounds()


class _Filters(TypedDict):
    in_window: Q
    resolved: Q
    withdrawn: Q
    pending: Q
    carried: Q
    eligible: Q
    last_instant: dt.datetime


class DossierSource(QuerySource):
    """All dossier counts of a (unit or subtree, period) in one aggregate over the dossier table.

    Window [lo, hi) is [start 00:00, end+1 00:00) local time (SPEC §4: dates are local; the
    window's dates are inclusive). The rows that matter are `Dossier.objects.in_window(period)`:
    those received before hi that were received in the window or were still open at lo (carried
    over). A due date given without a
    time is stored by the importer as the end of that day, so `resolved_at <= due_at` is the
    on-time rule for both. Every count has one named filter, used by the aggregate and by the
    drill-down list alike.
    """

    model = Dossier

    def base(self, period: Period) -> QuerySet[Dossier]:
        return Dossier.objects.in_window(period)

    def _qs(self, period: Period) -> _Filters:
        lo, hi = _window(period)
        in_window = Q(received_at__gte=lo)  # (with the base's received_at < hi)
        ended_in_window = Q(resolved_at__gte=lo, resolved_at__lt=hi)
        resolved = Q(status=DossierStatus.RESOLVED) & ended_in_window
        withdrawn = (
            Q(status__in=(DossierStatus.WITHDRAWN, DossierStatus.REJECTED)) & ended_in_window
        )
        # The exact complement of resolved/withdrawn within the base: still open at the end.
        pending = (
            Q(resolved_at__isnull=True)
            | Q(resolved_at__gte=hi)
            | Q(resolved_at__lt=lo)
            | Q(status=DossierStatus.PENDING)
        )
        eligible = Q(online_level__in=(OnlineLevel.PARTIAL, OnlineLevel.FULL))
        return {
            "in_window": in_window,
            "resolved": resolved,
            "withdrawn": withdrawn,
            "pending": pending,
            "carried": Q(received_at__lt=lo),
            "eligible": eligible,
            "last_instant": hi - dt.timedelta(microseconds=1),
        }

    def measures(self, period: Period) -> list[Measure]:
        f = self._qs(period)
        w, resolved = f["in_window"], f["resolved"]
        online = Q(channel=Channel.ONLINE)
        return [
            Measure("tthc.received_online", w & online),
            Measure("tthc.received_direct", w & Q(channel=Channel.DIRECT)),
            Measure("tthc.received_postal", w & Q(channel=Channel.POSTAL)),
            Measure("tthc.carried_over", f["carried"]),
            Measure("tthc.resolved", resolved),
            # On time means resolved_at <= due_at (early and on time, SPEC §4).
            Measure("tthc.resolved_on_time", resolved & Q(resolved_at__lte=F("due_at"))),
            Measure("tthc.resolved_late", resolved & Q(resolved_at__gt=F("due_at"))),
            Measure("tthc.withdrawn", f["withdrawn"]),
            # Overdue: its deadline passed before the window's last instant (a deadline at the
            # end of the last day, i.e. a due date without time, is not yet overdue).
            Measure("tthc.pending_overdue", f["pending"] & Q(due_at__lt=f["last_instant"])),
            Measure("egov.online_eligible.partial", w & Q(online_level=OnlineLevel.PARTIAL)),
            Measure("egov.online_eligible.full", w & Q(online_level=OnlineLevel.FULL)),
            Measure(
                "egov.online_eligible_online.partial",
                w & online & Q(online_level=OnlineLevel.PARTIAL),
            ),
            Measure(
                "egov.online_eligible_online.full", w & online & Q(online_level=OnlineLevel.FULL)
            ),
            *self.source_measures(f),
            Measure("egov.digitized_components", w & Q(components_digitized=True)),
            Measure("egov.digitized_results", resolved & Q(result_digitized=True)),
            Measure("egov.online_payments", w & Q(paid_online=True)),
            Measure("egov.online_payment_amount", w & Q(paid_online=True), sum_field="fee"),
            # QĐ 766 3.6: dossiers of fee-bearing procedures (a fee above 0 recorded), and of
            # those the dossiers paid online.
            Measure("egov.fee_dossiers", w & Q(fee__gt=0)),
            Measure("egov.fee_dossiers_paid_online", w & Q(fee__gt=0, paid_online=True)),
        ]

    def source_measures(self, f: _Filters) -> list[Measure]:
        """The online-service dossiers by the system that received them (SPEC §4 `Nguồn`): the
        provincial one-stop system by level, the national portal by linked group — the split
        the seed prints (812/1.524; 27/27; 04/04)."""
        w, online = f["in_window"], Q(channel=Channel.ONLINE)
        provincial = Q(source=SystemOfRecord.PROVINCIAL)
        national = Q(source=SystemOfRecord.NATIONAL)
        partial, full = Q(online_level=OnlineLevel.PARTIAL), Q(online_level=OnlineLevel.FULL)
        national_w = w & f["eligible"] & national
        out = [
            Measure("egov.provincial.eligible.partial", w & provincial & partial),
            Measure("egov.provincial.eligible.full", w & provincial & full),
            Measure("egov.provincial.online.partial", w & provincial & partial & online),
            Measure("egov.provincial.online.full", w & provincial & full & online),
            Measure("egov.national.eligible", national_w),
            Measure("egov.national.online", national_w & online),
        ]
        for group, words in LINKED_GROUPS.items():
            members = Q(
                procedure_code__in=Procedure.objects.filter(linked_group__icontains=words).values(
                    "code"
                )
            )
            out += [
                Measure(f"egov.national.{group}.eligible", national_w & members),
                Measure(f"egov.national.{group}.online", national_w & members & online),
            ]
        return out

    def extra_filters(self, period: Period) -> dict[str, Q]:
        f = self._qs(period)
        w = f["in_window"]
        return {
            "tthc.received_new": w,
            "tthc.total": Q(),
            "tthc.pending": f["pending"],
            "egov.online_eligible": w & f["eligible"],
            "egov.online_eligible_online": w & f["eligible"] & Q(channel=Channel.ONLINE),
        }


class FeedbackSource(QuerySource):
    """Citizens' feedback and petitions received / resolved in the window (dates inclusive)."""

    model = Feedback

    def measures(self, period: Period) -> list[Measure]:
        resolved = Q(resolved_on__range=(period.start, period.end))
        deadline = Coalesce(
            F("due_on"),
            ExpressionWrapper(F("received_on") + FEEDBACK_DEFAULT_TERM, output_field=DateField()),
        )
        return [
            Measure("feedback.received", Q(received_on__range=(period.start, period.end))),
            Measure("feedback.resolved", resolved),
            # QĐ 766 5.2: handled by its deadline (the recorded one, else the 15 working days
            # of 766 after receipt: three calendar weeks).
            Measure("feedback.resolved_on_time", resolved & Q(resolved_on__lte=deadline)),
        ]


class SurveySource(QuerySource):
    """Satisfaction forms answered in the window; satisfied = rating 4 or 5."""

    model = SurveyResponse

    def base(self, period: Period) -> QuerySet[SurveyResponse]:
        return SurveyResponse.objects.filter(answered_on__range=(period.start, period.end))

    def measures(self, period: Period) -> list[Measure]:
        return [
            Measure("survey.responses", None),
            Measure("survey.satisfied", Q(rating__gte=Rating.SATISFIED)),
        ]


class CatalogueSource(Source):
    """Procedures of the (province-wide) catalogue by online-service level.

    Not a unit's own records: every unit shows the catalogue's counts and a parent's value is
    the same catalogue, never the sum over its communes (additive = False)."""

    additive = False
    codes = (
        "egov.procedures_online_partial",
        "egov.procedures_online_full",
        "egov.procedures",
    )

    def counts(
        self, *, unit_filter: Q, period: Period, group_by_unit: bool
    ) -> dict[int | None, dict[str, int]]:
        row = Procedure.objects.aggregate(
            partial=Count("pk", filter=Q(online_level=OnlineLevel.PARTIAL)),
            full=Count("pk", filter=Q(online_level=OnlineLevel.FULL)),
            all=Count("pk"),
        )
        return {
            None: {
                "egov.procedures_online_partial": int(row["partial"] or 0),
                "egov.procedures_online_full": int(row["full"] or 0),
                "egov.procedures": int(row["all"] or 0),
            }
        }

    def shared_sql(self, period: Period) -> str:
        from django.db import connection

        qs = Procedure.objects.values("online_level").annotate(n=Count("pk")).order_by()
        sql, params = qs.query.sql_with_params()
        ops = cast("DatabaseOperations", connection.ops)  # PostgreSQL only (compose_sql)
        return ops.compose_sql(sql, params).replace("%", "%%")

    def from_rows(self, rows: list[dict]) -> dict[str, int]:
        by_level = {r["online_level"]: int(r["n"]) for r in rows}
        return {
            "egov.procedures_online_partial": by_level.get(OnlineLevel.PARTIAL, 0),
            "egov.procedures_online_full": by_level.get(OnlineLevel.FULL, 0),
            "egov.procedures": sum(by_level.values()),
        }

    def records(self, code: str, *, unit_filter: Q, period: Period) -> QuerySet[Procedure] | None:
        level = {
            "egov.procedures_online_partial": OnlineLevel.PARTIAL,
            "egov.procedures_online_full": OnlineLevel.FULL,
        }.get(code)
        if code == "egov.procedures":
            return Procedure.objects.all()
        return None if level is None else Procedure.objects.filter(online_level=level)

    def drillable(self) -> tuple[str, ...]:
        return self.codes


def add_working_days(day: dt.date, n: int) -> dt.date:
    """`day` moved by `n` working days (Monday to Friday; public holidays are not known to the
    portal, so a deadline across a holiday is judged a little strictly). Negative `n` goes back."""
    step = 1 if n >= 0 else -1
    left = abs(n)
    while left:
        day += dt.timedelta(days=step)
        if day.weekday() < 5:
            left -= 1
    return day


# QĐ 766 group 1 for a province: announced ≥ 5 working days before the basis takes effect;
# published on the national TTHC database within 5 working days of the announcement.
ANNOUNCE_LEAD = 5
PUBLISH_WITHIN = 5


class PublicitySource(Source):
    """Publicity of the procedure catalogue (QĐ 766, group 1): procedures announced in the
    period (announcement decision dated in the window), announced on time, published on the
    national TTHC database on time, and published with every required part.

    Like the catalogue, the same for every unit (additive = False). The working-day deadlines
    are judged in Python over the announced procedures (a few hundred rows)."""

    additive = False
    codes = (
        "tthc.announced",
        "tthc.announced_on_time",
        "tthc.published_on_time",
        "tthc.published",
        "tthc.published_complete",
    )

    def counts(
        self, *, unit_filter: Q, period: Period, group_by_unit: bool
    ) -> dict[int | None, dict[str, int]]:
        recorded = Procedure.objects.filter(
            Q(announced_on__isnull=False) | Q(published_on__isnull=False)
        ).exists()
        if not recorded:
            # A catalogue without any publicity date holds no publicity data: not recorded
            # ("—"), not zero.
            return {None: cast("dict[str, int]", dict.fromkeys(self.codes))}
        announced: list[tuple[dt.date, dt.date | None, dt.date | None]] = [
            (day, effective, published)
            for day, effective, published in Procedure.objects.filter(
                announced_on__range=(period.start, period.end)
            ).values_list("announced_on", "basis_effective_on", "published_on")
            if day is not None
        ]
        on_time = len(
            [
                day
                for day, effective, _p in announced
                if effective is not None and day <= add_working_days(effective, -ANNOUNCE_LEAD)
            ]
        )
        published_on_time = len(
            [
                day
                for day, _e, published in announced
                if published is not None and published <= add_working_days(day, PUBLISH_WITHIN)
            ]
        )
        published = Procedure.objects.filter(published_on__lte=period.end)
        return {
            None: {
                "tthc.announced": len(announced),
                "tthc.announced_on_time": on_time,
                "tthc.published_on_time": published_on_time,
                "tthc.published": published.count(),
                "tthc.published_complete": published.filter(published_complete=True).count(),
            }
        }

    def records(self, code: str, *, unit_filter: Q, period: Period) -> QuerySet[Procedure] | None:
        if code == "tthc.announced":
            return Procedure.objects.filter(announced_on__range=(period.start, period.end))
        if code == "tthc.published":
            return Procedure.objects.filter(published_on__lte=period.end)
        if code == "tthc.published_complete":
            return Procedure.objects.filter(published_on__lte=period.end, published_complete=True)
        return None

    def drillable(self) -> tuple[str, ...]:
        return ("tthc.announced", "tthc.published", "tthc.published_complete")


for _source in (
    DossierSource(),
    FeedbackSource(),
    SurveySource(),
    CatalogueSource(),
    PublicitySource(),
):
    registry.add_source(_source)
registry.add(
    Indicator(
        "tthc.received_online",
        _("Hồ sơ tiếp nhận trực tuyến"),
        section=P,
        formula=_("Hồ sơ nộp trực tuyến, ngày tiếp nhận trong kỳ"),
    ),
    Indicator(
        "tthc.received_direct",
        _("Hồ sơ tiếp nhận trực tiếp"),
        section=P,
        formula=_("Hồ sơ nộp trực tiếp, ngày tiếp nhận trong kỳ"),
    ),
    Indicator(
        "tthc.received_postal",
        _("Hồ sơ tiếp nhận qua bưu chính"),
        section=P,
        formula=_("Hồ sơ nộp qua bưu chính công ích, ngày tiếp nhận trong kỳ"),
    ),
    Indicator(
        "tthc.received_new",
        _("Hồ sơ tiếp nhận mới trong kỳ"),
        section=P,
        formula=_("trực tuyến + trực tiếp + bưu chính"),
        sum_of=("tthc.received_online", "tthc.received_direct", "tthc.received_postal"),
    ),
    Indicator(
        "tthc.carried_over",
        _("Hồ sơ kỳ trước chuyển qua"),
        section=P,
        formula=_(
            "Tiếp nhận trước ngày đầu kỳ, chưa giải quyết, rút hay từ chối trước ngày đầu kỳ"
        ),
    ),
    Indicator(
        "tthc.total",
        _("Tổng số hồ sơ tiếp nhận và giải quyết"),
        section=P,
        formula=_("tiếp nhận mới + kỳ trước chuyển qua"),
        sum_of=("tthc.received_new", "tthc.carried_over"),
    ),
    Indicator(
        "tthc.resolved",
        _("Hồ sơ đã giải quyết"),
        section=P,
        formula=_("Trong tổng số, đã có kết quả trong kỳ"),
    ),
    Indicator(
        "tthc.resolved_on_time",
        _("Hồ sơ giải quyết trước hạn, đúng hạn"),
        section=P,
        formula=_("Đã giải quyết, ngày có kết quả ≤ hạn xử lý"),
    ),
    Indicator(
        "tthc.resolved_late",
        _("Hồ sơ giải quyết trễ hạn"),
        section=P,
        formula=_("Đã giải quyết, ngày có kết quả > hạn xử lý"),
    ),
    Indicator(
        "tthc.withdrawn",
        _("Hồ sơ rút, từ chối"),
        section=P,
        formula=_("Trong tổng số, rút hoặc bị từ chối trong kỳ"),
    ),
    Indicator(
        "tthc.pending",
        _("Hồ sơ đang giải quyết"),
        section=P,
        formula=_("tổng số − đã giải quyết − rút, từ chối"),
        derive=lambda v: (
            (v.get("tthc.total") or 0)
            - (v.get("tthc.resolved") or 0)
            - (v.get("tthc.withdrawn") or 0)
        ),
        depends=("tthc.total", "tthc.resolved", "tthc.withdrawn"),
    ),
    Indicator(
        "tthc.pending_overdue",
        _("Hồ sơ đang giải quyết đã quá hạn"),
        section=P,
        formula=_("Đang giải quyết cuối kỳ, hạn xử lý trước cuối kỳ"),
    ),
    Indicator(
        "tthc.on_time_rate",
        _("Tỷ lệ giải quyết trước hạn, đúng hạn"),
        kind=Kind.PERCENT,
        section=P,
        numerator="tthc.resolved_on_time",
        denominator="tthc.resolved",
        formula=_("giải quyết đúng hạn / đã giải quyết"),
    ),
    Indicator(
        "tthc.online_rate",
        _("Tỷ lệ hồ sơ nộp trực tuyến"),
        kind=Kind.PERCENT,
        section=P,
        numerator="tthc.received_online",
        denominator="tthc.received_new",
        formula=_("tiếp nhận trực tuyến / tiếp nhận mới"),
    ),
    Indicator(
        "egov.online_eligible.partial",
        _("Hồ sơ của TTHC có DVC trực tuyến một phần"),
        section=E,
        formula=_("Tiếp nhận trong kỳ, TTHC mức một phần"),
    ),
    Indicator(
        "egov.online_eligible.full",
        _("Hồ sơ của TTHC có DVC trực tuyến toàn trình"),
        section=E,
        formula=_("Tiếp nhận trong kỳ, TTHC mức toàn trình"),
    ),
    Indicator(
        "egov.online_eligible",
        _("Hồ sơ của TTHC có DVC trực tuyến"),
        section=E,
        formula=_("một phần + toàn trình"),
        sum_of=("egov.online_eligible.partial", "egov.online_eligible.full"),
    ),
    Indicator(
        "egov.online_eligible_online.partial", _("…trong đó nộp trực tuyến (một phần)"), section=E
    ),
    Indicator(
        "egov.online_eligible_online.full", _("…trong đó nộp trực tuyến (toàn trình)"), section=E
    ),
    Indicator(
        "egov.online_eligible_online",
        _("Hồ sơ DVC trực tuyến nộp trực tuyến"),
        section=E,
        formula=_("Hồ sơ của TTHC có DVC trực tuyến, nộp trực tuyến"),
        sum_of=("egov.online_eligible_online.partial", "egov.online_eligible_online.full"),
    ),
    Indicator(
        "egov.online_service_rate",
        _(
            "Tỷ lệ hồ sơ trực tuyến của TTHC có DVC trực tuyến (Hệ thống một cửa tỉnh và "
            "Cổng DVC quốc gia)"
        ),
        kind=Kind.PERCENT,
        section=E,
        numerator="egov.online_eligible_online",
        denominator="egov.online_eligible",
        formula=_(
            "nộp trực tuyến / hồ sơ của TTHC có DVC trực tuyến; gồm cả hồ sơ các nhóm TTHC "
            "liên thông tiếp nhận qua Cổng DVC quốc gia"
        ),
    ),
    Indicator(
        "egov.online_service_rate.partial",
        _("… mức một phần, gồm cả hồ sơ liên thông qua Cổng DVC quốc gia"),
        kind=Kind.PERCENT,
        section=E,
        numerator="egov.online_eligible_online.partial",
        denominator="egov.online_eligible.partial",
        formula=_(
            "nộp trực tuyến / hồ sơ của TTHC mức một phần, mọi nguồn (Hệ thống một cửa tỉnh "
            "và Cổng DVC quốc gia)"
        ),
    ),
    Indicator(
        "egov.online_service_rate.full",
        _("… mức toàn trình, gồm cả hồ sơ liên thông qua Cổng DVC quốc gia"),
        kind=Kind.PERCENT,
        section=E,
        numerator="egov.online_eligible_online.full",
        denominator="egov.online_eligible.full",
        formula=_(
            "nộp trực tuyến / hồ sơ của TTHC mức toàn trình, mọi nguồn (Hệ thống một cửa tỉnh "
            "và Cổng DVC quốc gia)"
        ),
    ),
    Indicator(
        "egov.digitized_components",
        _("Hồ sơ số hóa đầy đủ thành phần"),
        section=E,
        formula=_("Tiếp nhận trong kỳ, số hóa đầy đủ thành phần hồ sơ"),
    ),
    Indicator(
        "egov.digitized_components_rate",
        _("Tỷ lệ số hóa thành phần hồ sơ"),
        kind=Kind.PERCENT,
        section=E,
        numerator="egov.digitized_components",
        denominator="tthc.received_new",
        formula=_("số hóa thành phần / tiếp nhận mới"),
    ),
    Indicator(
        "egov.digitized_results",
        _("Hồ sơ số hóa kết quả"),
        section=E,
        formula=_("Đã giải quyết trong kỳ, có số hóa kết quả"),
    ),
    Indicator(
        "egov.digitized_results_rate",
        _("Tỷ lệ số hóa kết quả giải quyết"),
        kind=Kind.PERCENT,
        section=E,
        numerator="egov.digitized_results",
        denominator="tthc.resolved",
        formula=_("số hóa kết quả / đã giải quyết"),
    ),
    Indicator(
        "egov.online_payments",
        _("Lượt thanh toán trực tuyến"),
        section=E,
        formula=_("Tiếp nhận trong kỳ, thanh toán phí, lệ phí trực tuyến"),
    ),
    Indicator(
        "egov.online_payment_amount",
        _("Số tiền thanh toán trực tuyến"),
        kind=Kind.VND,
        section=E,
        formula=_("Tổng phí, lệ phí của các hồ sơ thanh toán trực tuyến"),
    ),
)

_GROUP_LABELS = {
    "birth": _("nhóm liên thông khai sinh – thường trú – thẻ BHYT trẻ em dưới 6 tuổi"),
    "death": _("nhóm liên thông khai tử – xóa thường trú – tử tuất, mai táng phí"),
}
registry.add(
    Indicator(
        "egov.provincial.eligible.partial",
        _("Hồ sơ của TTHC có DVC trực tuyến một phần, qua hệ thống của tỉnh"),
        section=E,
        formula=_("Tiếp nhận trong kỳ, nguồn Một cửa tỉnh, TTHC mức một phần"),
    ),
    Indicator(
        "egov.provincial.eligible.full",
        _("Hồ sơ của TTHC có DVC trực tuyến toàn trình, qua hệ thống của tỉnh"),
        section=E,
        formula=_("Tiếp nhận trong kỳ, nguồn Một cửa tỉnh, TTHC mức toàn trình"),
    ),
    Indicator(
        "egov.provincial.eligible",
        _("Hồ sơ của TTHC có DVC trực tuyến, qua hệ thống của tỉnh"),
        section=E,
        formula=_("một phần + toàn trình (nguồn Một cửa tỉnh)"),
        sum_of=("egov.provincial.eligible.partial", "egov.provincial.eligible.full"),
    ),
    Indicator(
        "egov.provincial.online.partial",
        _("…trong đó nộp trực tuyến qua hệ thống của tỉnh (một phần)"),
        section=E,
    ),
    Indicator(
        "egov.provincial.online.full",
        _("…trong đó nộp trực tuyến qua hệ thống của tỉnh (toàn trình)"),
        section=E,
    ),
    Indicator(
        "egov.provincial.online",
        _("Hồ sơ DVC trực tuyến nộp trực tuyến qua hệ thống của tỉnh"),
        section=E,
        formula=_("một phần + toàn trình (nguồn Một cửa tỉnh)"),
        sum_of=("egov.provincial.online.partial", "egov.provincial.online.full"),
    ),
    Indicator(
        "egov.provincial.rate",
        _("Tỷ lệ hồ sơ trực tuyến qua hệ thống của tỉnh"),
        kind=Kind.PERCENT,
        section=E,
        numerator="egov.provincial.online",
        denominator="egov.provincial.eligible",
        formula=_("nộp trực tuyến / hồ sơ của TTHC có DVC trực tuyến (nguồn Một cửa tỉnh)"),
    ),
    Indicator(
        "egov.provincial.rate.partial",
        _("… qua hệ thống của tỉnh, mức một phần"),
        kind=Kind.PERCENT,
        section=E,
        numerator="egov.provincial.online.partial",
        denominator="egov.provincial.eligible.partial",
    ),
    Indicator(
        "egov.provincial.rate.full",
        _("… qua hệ thống của tỉnh, mức toàn trình"),
        kind=Kind.PERCENT,
        section=E,
        numerator="egov.provincial.online.full",
        denominator="egov.provincial.eligible.full",
    ),
    Indicator(
        "egov.national.eligible",
        _("Hồ sơ của TTHC có DVC trực tuyến, qua Cổng DVC quốc gia"),
        section=E,
        formula=_("Tiếp nhận trong kỳ, nguồn Cổng DVC quốc gia, TTHC có DVC trực tuyến"),
    ),
    Indicator(
        "egov.national.online",
        _("…trong đó nộp trực tuyến qua Cổng DVC quốc gia"),
        section=E,
    ),
    Indicator(
        "egov.national.rate",
        _("Tỷ lệ hồ sơ trực tuyến qua Cổng DVC quốc gia"),
        kind=Kind.PERCENT,
        section=E,
        numerator="egov.national.online",
        denominator="egov.national.eligible",
        formula=_("nộp trực tuyến / hồ sơ (nguồn Cổng DVC quốc gia)"),
    ),
)
for _group, _label in _GROUP_LABELS.items():
    registry.add(
        Indicator(
            f"egov.national.{_group}.eligible",
            format_lazy(_("Hồ sơ qua Cổng DVC quốc gia, {group}"), group=_label),
            section=E,
            formula=_("Nguồn Cổng DVC quốc gia, TTHC thuộc nhóm liên thông (danh mục TTHC)"),
        ),
        Indicator(
            f"egov.national.{_group}.online",
            format_lazy(_("…trong đó nộp trực tuyến, {group}"), group=_label),
            section=E,
        ),
        Indicator(
            f"egov.national.{_group}.rate",
            format_lazy(_("Tỷ lệ hồ sơ trực tuyến qua Cổng DVC quốc gia, {group}"), group=_label),
            kind=Kind.PERCENT,
            section=E,
            numerator=f"egov.national.{_group}.online",
            denominator=f"egov.national.{_group}.eligible",
        ),
    )

registry.add(
    Indicator(
        "egov.procedures",
        _("TTHC trong danh mục"),
        section=E,
        formula=_("TTHC trong danh mục (không cộng dồn theo đơn vị)"),
        year_over_year=False,
    ),
    Indicator(
        "egov.procedures_online_partial",
        _("TTHC cung cấp DVC trực tuyến một phần"),
        section=E,
        formula=_("TTHC trong danh mục có mức độ DVC một phần (không cộng dồn theo đơn vị)"),
        year_over_year=False,
    ),
    Indicator(
        "egov.procedures_online_full",
        _("TTHC cung cấp DVC trực tuyến toàn trình"),
        section=E,
        formula=_("TTHC trong danh mục có mức độ DVC toàn trình (không cộng dồn theo đơn vị)"),
        year_over_year=False,
    ),
    Indicator(
        "egov.procedures_online",
        _("TTHC cung cấp DVC trực tuyến"),
        section=E,
        formula=_("một phần + toàn trình"),
        sum_of=("egov.procedures_online_partial", "egov.procedures_online_full"),
        year_over_year=False,
    ),
    Indicator(
        "feedback.received",
        _("Phản ánh, kiến nghị tiếp nhận"),
        section=P,
        formula=_("Phản ánh, kiến nghị có ngày tiếp nhận trong kỳ"),
    ),
    Indicator(
        "feedback.resolved",
        _("Phản ánh, kiến nghị đã xử lý"),
        section=P,
        formula=_("Phản ánh, kiến nghị có ngày xử lý xong trong kỳ"),
    ),
    Indicator(
        "survey.responses",
        _("Phiếu khảo sát sự hài lòng thu về"),
        section=P,
        formula=_("Phiếu có ngày khảo sát trong kỳ"),
    ),
    Indicator(
        "survey.satisfied",
        _("Phiếu hài lòng, rất hài lòng"),
        section=P,
        formula=_("Phiếu trong kỳ đánh giá hài lòng hoặc rất hài lòng"),
    ),
    Indicator(
        "survey.satisfaction_rate",
        _("Tỷ lệ phiếu khảo sát đánh giá hài lòng, rất hài lòng"),
        kind=Kind.PERCENT,
        section=P,
        numerator="survey.satisfied",
        denominator="survey.responses",
        formula=_("phiếu hài lòng, rất hài lòng / phiếu khảo sát"),
    ),
)

# Decision 766/QĐ-TTg quantities the records allow (reference: qd766-indicators.md).
registry.add(
    Indicator(
        "egov.fee_dossiers",
        _("Hồ sơ của TTHC có phí, lệ phí"),
        section=E,
        formula=_("Tiếp nhận trong kỳ, phí, lệ phí ghi nhận lớn hơn 0"),
    ),
    Indicator(
        "egov.fee_dossiers_paid_online",
        _("…trong đó thanh toán trực tuyến"),
        section=E,
        formula=_("Hồ sơ có phí, lệ phí, tiếp nhận trong kỳ, thanh toán trực tuyến"),
    ),
    Indicator(
        "egov.online_payment_rate",
        _("Tỷ lệ hồ sơ thanh toán trực tuyến trên hồ sơ có phí, lệ phí (QĐ 766, 3.6)"),
        kind=Kind.PERCENT,
        section=E,
        numerator="egov.fee_dossiers_paid_online",
        denominator="egov.fee_dossiers",
        formula=_("hồ sơ có phí, lệ phí thanh toán trực tuyến / hồ sơ có phí, lệ phí"),
    ),
    Indicator(
        "egov.procedures_online_rate",
        _("Tỷ lệ TTHC cung cấp DVC trực tuyến (QĐ 766, 3.1)"),
        kind=Kind.PERCENT,
        section=E,
        numerator="egov.procedures_online",
        denominator="egov.procedures",
        formula=_("TTHC có DVC trực tuyến (một phần, toàn trình) / TTHC trong danh mục"),
    ),
    Indicator(
        "feedback.resolved_on_time",
        _("Phản ánh, kiến nghị xử lý đúng hạn"),
        section=P,
        formula=_(
            "Xử lý xong trong kỳ, không sau hạn xử lý (hạn ghi nhận, nếu trống: 15 ngày làm "
            "việc = 21 ngày kể từ ngày tiếp nhận)"
        ),
    ),
    Indicator(
        "feedback.on_time_rate",
        _("Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn (QĐ 766, 5.2)"),
        kind=Kind.PERCENT,
        section=P,
        numerator="feedback.resolved_on_time",
        denominator="feedback.resolved",
        formula=_("xử lý đúng hạn / đã xử lý"),
    ),
    Indicator(
        "tthc.overdue_766",
        _("Hồ sơ trễ hạn, quá hạn (QĐ 766)"),
        section=P,
        formula=_("giải quyết trễ hạn + đang giải quyết đã quá hạn"),
        sum_of=("tthc.resolved_late", "tthc.pending_overdue"),
    ),
    Indicator(
        "tthc.assessed_766",
        _("Hồ sơ đã giải quyết hoặc đã quá hạn (QĐ 766)"),
        section=P,
        formula=_("đã giải quyết + đang giải quyết đã quá hạn"),
        sum_of=("tthc.resolved", "tthc.pending_overdue"),
    ),
    Indicator(
        "tthc.satisfied_766",
        _("…không trễ hạn, không có phản ánh, kiến nghị (QĐ 766)"),
        section=P,
        formula=_("đã giải quyết hoặc quá hạn − trễ hạn, quá hạn − phản ánh, kiến nghị"),
        derive=lambda v: max(
            0,
            (v.get("tthc.assessed_766") or 0)
            - (v.get("tthc.overdue_766") or 0)
            - (v.get("feedback.received") or 0),
        ),
        depends=("tthc.assessed_766", "tthc.overdue_766", "feedback.received"),
    ),
    Indicator(
        "tthc.satisfaction_766",
        _("Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC (QĐ 766, 5.4)"),
        kind=Kind.PERCENT,
        section=P,
        numerator="tthc.satisfied_766",
        denominator="tthc.assessed_766",
        formula=_(
            "100% − tỷ lệ hồ sơ trễ hạn, quá hạn − tỷ lệ phản ánh, kiến nghị, cùng mẫu số: hồ "
            "sơ đã giải quyết hoặc đã quá hạn"
        ),
    ),
)

# QĐ 766 group 1 (công khai, minh bạch), from the catalogue's publicity dates.
registry.add(
    Indicator(
        "tthc.announced",
        _("TTHC được công bố trong kỳ"),
        section=P,
        formula=_("TTHC có quyết định công bố ngày trong kỳ (không cộng dồn theo đơn vị)"),
        year_over_year=False,
    ),
    Indicator(
        "tthc.announced_on_time",
        _("…trong đó công bố đúng hạn"),
        section=P,
        formula=_(
            "Ngày quyết định công bố không muộn hơn 5 ngày làm việc trước ngày văn bản quy "
            "định TTHC có hiệu lực"
        ),
        year_over_year=False,
    ),
    Indicator(
        "tthc.announced_on_time_rate",
        _("Tỷ lệ TTHC công bố đúng hạn (QĐ 766, 1.1)"),
        kind=Kind.PERCENT,
        section=P,
        numerator="tthc.announced_on_time",
        denominator="tthc.announced",
        formula=_("công bố đúng hạn / TTHC được công bố trong kỳ"),
    ),
    Indicator(
        "tthc.published_on_time",
        _("…trong đó công khai trên CSDL quốc gia đúng hạn"),
        section=P,
        formula=_(
            "Công bố trong kỳ, công khai trên CSDL quốc gia về TTHC trong 5 ngày làm việc kể "
            "từ ngày quyết định công bố"
        ),
        year_over_year=False,
    ),
    Indicator(
        "tthc.published_on_time_rate",
        _("Tỷ lệ TTHC được cập nhật, công khai đúng hạn (QĐ 766, 1.2)"),
        kind=Kind.PERCENT,
        section=P,
        numerator="tthc.published_on_time",
        denominator="tthc.announced",
        formula=_("công khai đúng hạn / TTHC được công bố trong kỳ"),
    ),
    Indicator(
        "tthc.published",
        _("TTHC đã công khai trên CSDL quốc gia"),
        section=P,
        formula=_("Ngày công khai không sau ngày cuối kỳ (không cộng dồn theo đơn vị)"),
        year_over_year=False,
    ),
    Indicator(
        "tthc.published_complete",
        _("…trong đó công khai đầy đủ bộ phận tạo thành"),
        section=P,
        formula=_("Đã công khai, có đủ các bộ phận theo Điều 8 khoản 2 Nghị định 63/2010/NĐ-CP"),
        year_over_year=False,
    ),
    Indicator(
        "tthc.published_complete_rate",
        _("Tỷ lệ TTHC công khai đầy đủ bộ phận tạo thành (QĐ 766, 1.3)"),
        kind=Kind.PERCENT,
        section=P,
        numerator="tthc.published_complete",
        denominator="tthc.published",
        formula=_("công khai đầy đủ / đã công khai"),
    ),
)
