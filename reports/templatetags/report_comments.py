"""Comments beside what they concern:

    {% load report_comments %}
    {% anchor_comments "indicator" r.ind.code %}   the comments on one indicator, and a form
    {% anchor_comments "section" s.key %}          ... on one section of the document
    {% anchor_comments "report" %}                 ... on the whole report
    {{ comment|anchor_label }}                      «Mục II.2. Cải cách thủ tục hành chính»

The report's comments are read once per request (on the first tag) from request.unit and
request.period (a page behind `orgs.decorators.unit_period_view`)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from reports.comments import CommentBoard, comment_board
from reports.indicators import registry
from reports.models import Report, ReportComment
from reports.sections import SECTIONS, section_numbers

register = template.Library()


def _board(context: template.Context) -> CommentBoard:
    request = context.get("request")
    if request is None:
        return CommentBoard(report=None)
    board = getattr(request, "_comment_board", None)
    if board is None:
        unit = getattr(request, "unit", None)
        period = getattr(request, "period", None)
        report = None
        if unit is not None and period is not None:
            report = Report.objects.filter(unit=unit, period=period).first()
        board = comment_board(report=report, user=request.user)
        request._comment_board = board
    return board


@register.inclusion_tag("reports/comments/_anchor.html", takes_context=True)
def anchor_comments(context: template.Context, anchor: str, key: str = "") -> dict[str, Any]:
    board = _board(context)
    request = context.get("request")
    return {
        "comments": board.for_anchor(anchor, key),
        "anchor": anchor,
        "key": key,
        "board": board,
        "unit": context.get("unit"),
        "period": context.get("period"),
        "next": request.get_full_path() if request else "",
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def report_comment_board(context: template.Context) -> CommentBoard:
    """The report's comments and what the user may do with them: `{% report_comment_board as
    board %}`."""
    return _board(context)


@register.filter
def anchor_label(comment: ReportComment) -> str:
    """What the comment concerns, in words."""
    if comment.indicator:
        if comment.indicator in registry:
            return _("Chỉ tiêu «%(label)s»") % {"label": registry.get(comment.indicator).label}
        return comment.indicator
    if comment.section:
        titles = {key: title for key, _part, title in SECTIONS}
        number = section_numbers().get(comment.section, "")
        return _("Mục %(number)s. %(title)s") % {
            "number": number,
            "title": titles.get(comment.section, comment.section),
        }
    return _("Toàn báo cáo")


@register.simple_tag
def section_choices() -> list[tuple[str, str]]:
    numbers = section_numbers()
    return [(key, f"{numbers[key]}. {title}") for key, _part, title in SECTIONS]
