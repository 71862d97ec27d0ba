"""Indicators counted from one-stop dossiers, the procedure catalogue, feedback and surveys
(SPEC §5)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypedDict, cast

from django.db.models import Count, F, Q, QuerySet
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
        return [
            Measure("feedback.received", Q(received_on__range=(period.start, period.end))),
            Measure("feedback.resolved", Q(resolved_on__range=(period.start, period.end))),
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


for _source in (DossierSource(), FeedbackSource(), SurveySource(), CatalogueSource()):
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
        _("Tỷ lệ hồ sơ trực tuyến của TTHC có DVC trực tuyến"),
        kind=Kind.PERCENT,
        section=E,
        numerator="egov.online_eligible_online",
        denominator="egov.online_eligible",
        formula=_("nộp trực tuyến / hồ sơ của TTHC có DVC trực tuyến"),
    ),
    Indicator(
        "egov.online_service_rate.partial",
        _("… mức một phần"),
        kind=Kind.PERCENT,
        section=E,
        numerator="egov.online_eligible_online.partial",
        denominator="egov.online_eligible.partial",
    ),
    Indicator(
        "egov.online_service_rate.full",
        _("… mức toàn trình"),
        kind=Kind.PERCENT,
        section=E,
        numerator="egov.online_eligible_online.full",
        denominator="egov.online_eligible.full",
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
        _("Phiếu khảo sát sự hài lòng"),
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
        _("Tỷ lệ hài lòng"),
        kind=Kind.PERCENT,
        section=P,
        numerator="survey.satisfied",
        denominator="survey.responses",
        formula=_("phiếu hài lòng, rất hài lòng / phiếu khảo sát"),
    ),
)
