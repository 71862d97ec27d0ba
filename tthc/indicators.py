"""Indicators counted from one-stop dossiers, feedback and surveys (SPEC §5)."""

from __future__ import annotations

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from reports.indicators.base import Indicator, Kind, Section, Source
from reports.indicators.registry import registry

from .models import Channel, Dossier, DossierStatus, OnlineLevel

P = Section.PROCEDURES
E = Section.EGOV
ENDED = (DossierStatus.RESOLVED, DossierStatus.WITHDRAWN, DossierStatus.REJECTED)


class DossierSource(Source):
    """All dossier counts of a (unit or subtree, period) in one aggregate over the dossier table.

    Window [lo, hi) is [start 00:00, end+1 00:00) local time. The dossiers that matter are those
    received before hi that were received in the window or were still open at lo (carried over).
    """

    codes = (
        "tthc.received_online",
        "tthc.received_direct",
        "tthc.received_postal",
        "tthc.carried_over",
        "tthc.resolved",
        "tthc.resolved_on_time",
        "tthc.resolved_late",
        "tthc.withdrawn",
        "tthc.pending_overdue",
        "egov.online_eligible.partial",
        "egov.online_eligible.full",
        "egov.online_eligible_online.partial",
        "egov.online_eligible_online.full",
        "egov.digitized_components",
        "egov.digitized_results",
        "egov.online_payments",
        "egov.online_payment_amount",
    )

    def counts(self, *, unit_filter, period, group_by_unit):
        lo, hi = period.window_bounds()
        in_window = Q(received_at__gte=lo)  # (with the prefilter received_at < hi)
        carried = Q(received_at__lt=lo) & (Q(resolved_at__isnull=True) | Q(resolved_at__gte=lo))
        ended_in_window = Q(resolved_at__gte=lo, resolved_at__lt=hi)
        resolved = Q(status=DossierStatus.RESOLVED) & ended_in_window
        aggs = {
            "tthc.received_online": Count("pk", filter=in_window & Q(channel=Channel.ONLINE)),
            "tthc.received_direct": Count("pk", filter=in_window & Q(channel=Channel.DIRECT)),
            "tthc.received_postal": Count("pk", filter=in_window & Q(channel=Channel.POSTAL)),
            "tthc.carried_over": Count("pk", filter=carried),
            "tthc.resolved": Count("pk", filter=resolved),
            # On time means resolved_at <= due_at (early and on time, SPEC §4).
            "tthc.resolved_on_time": Count("pk", filter=resolved & Q(resolved_at__lte=F("due_at"))),
            "tthc.resolved_late": Count("pk", filter=resolved & Q(resolved_at__gt=F("due_at"))),
            "tthc.withdrawn": Count(
                "pk",
                filter=Q(status__in=(DossierStatus.WITHDRAWN, DossierStatus.REJECTED))
                & ended_in_window,
            ),
            "tthc.pending_overdue": Count(
                "pk",
                filter=(Q(resolved_at__isnull=True) | Q(resolved_at__gte=hi)) & Q(due_at__lt=hi),
            ),
            "egov.online_eligible.partial": Count(
                "pk", filter=in_window & Q(online_level=OnlineLevel.PARTIAL)
            ),
            "egov.online_eligible.full": Count(
                "pk", filter=in_window & Q(online_level=OnlineLevel.FULL)
            ),
            "egov.online_eligible_online.partial": Count(
                "pk", filter=in_window & Q(online_level=OnlineLevel.PARTIAL, channel=Channel.ONLINE)
            ),
            "egov.online_eligible_online.full": Count(
                "pk", filter=in_window & Q(online_level=OnlineLevel.FULL, channel=Channel.ONLINE)
            ),
            "egov.digitized_components": Count(
                "pk", filter=in_window & Q(components_digitized=True)
            ),
            "egov.digitized_results": Count("pk", filter=resolved & Q(result_digitized=True)),
            "egov.online_payments": Count("pk", filter=in_window & Q(paid_online=True)),
            "egov.online_payment_amount": Sum(
                "fee", filter=in_window & Q(paid_online=True), default=0
            ),
        }
        aliases = {code.replace(".", "__"): agg for code, agg in aggs.items()}
        qs = Dossier.objects.filter(unit_filter).filter(
            Q(received_at__lt=hi)
            & (Q(received_at__gte=lo) | Q(resolved_at__isnull=True) | Q(resolved_at__gte=lo))
        )
        if group_by_unit:
            rows = qs.values("unit_id").annotate(**aliases).order_by()
        else:
            rows = [qs.aggregate(**aliases)]
        rows = [
            {k.replace("__", ".") if k != "unit_id" else k: v for k, v in r.items()} for r in rows
        ]
        return self.rows_to_counts(rows, self.codes, group_by_unit)


def _sum(*codes):
    return lambda v: sum(v.get(c) or 0 for c in codes)


registry.add_source(DossierSource())
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
        derive=_sum("tthc.received_online", "tthc.received_direct", "tthc.received_postal"),
        depends=("tthc.received_online", "tthc.received_direct", "tthc.received_postal"),
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
        derive=_sum("tthc.received_new", "tthc.carried_over"),
        depends=("tthc.received_new", "tthc.carried_over"),
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
        derive=_sum("egov.online_eligible.partial", "egov.online_eligible.full"),
        depends=("egov.online_eligible.partial", "egov.online_eligible.full"),
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
        derive=_sum("egov.online_eligible_online.partial", "egov.online_eligible_online.full"),
        depends=("egov.online_eligible_online.partial", "egov.online_eligible_online.full"),
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
