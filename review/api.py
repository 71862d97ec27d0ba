"""HTTP API of the reviewer's side (issue 11, point 7): the state of every child unit's report
for a period, and the period's completeness; scoped like the pages and the indicators API."""

from __future__ import annotations

from django.http import Http404
from django.utils.timezone import localtime
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from orgs.models import Period, Unit
from orgs.selectors import period_by_code, unit_for_user
from reports.workflow import ReportState

from .selectors import ChildStatus, children_status, completeness

_AUTH = (
    "A unit outside the caller's scope, or unknown, answers 404. "
    "Authentication: session, or `Authorization: Token <key>`."
)
_NOT_FOUND = OpenApiResponse(description="Unknown unit or period, or outside your scope.")


class ChildSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    state = serializers.ChoiceField(choices=ReportState.values)
    submitted_at = serializers.DateTimeField(allow_null=True)
    on_time = serializers.BooleanField(allow_null=True)
    version = serializers.IntegerField()
    open_errors = serializers.IntegerField(allow_null=True)
    warnings = serializers.IntegerField(allow_null=True)
    warnings_explained = serializers.IntegerField(allow_null=True)


class CompletenessSerializer(serializers.Serializer):
    expected = serializers.IntegerField()
    submitted = serializers.IntegerField()
    on_time = serializers.IntegerField()
    returned = serializers.IntegerField()
    accepted = serializers.IntegerField()
    signed = serializers.IntegerField()
    submitted_rate = serializers.CharField(allow_null=True)
    on_time_rate = serializers.CharField(allow_null=True)


def child_json(row: ChildStatus) -> dict[str, object]:
    return {
        "code": row.code,
        "name": row.name,
        "state": row.state,
        "submitted_at": localtime(row.submitted_at).isoformat() if row.submitted_at else None,
        "on_time": row.on_time,
        "version": row.version,
        "open_errors": row.open_errors,
        "warnings": row.warnings,
        "warnings_explained": row.warnings_explained,
    }


def _resolve(request: Request, code: str, period: str) -> tuple[Unit, Period]:
    p = period_by_code(period)
    return unit_for_user(user=request.user, code=code, period=p), p


class UnitPeriodChildren(APIView):
    """The report of every child unit valid in the period."""

    @extend_schema(
        operation_id="unit_period_children",
        summary="The child units' reports for a period",
        description=(
            "One object per unit directly under the unit (a district's communes; a province's "
            "communes after the 2025 reform), by name. `state` is draft when the unit has no "
            "report; `submitted_at` the last submission; `on_time` whether the first submission "
            "met the period's deadline (null while not submitted and not yet overdue, false once "
            "overdue); `version` the number of submissions; `open_errors`, `warnings`, "
            "`warnings_explained` from the stored validation (null when no figures were "
            "computed yet). " + _AUTH
        ),
        responses={
            200: OpenApiResponse(
                response=ChildSerializer(many=True),
                examples=[
                    OpenApiExample(
                        "Huyện Bình Sơn 2023",
                        value=[
                            {
                                "code": "21073",
                                "name": "Xã Bình Phước",
                                "state": "submitted",
                                "submitted_at": "2023-11-10T09:00:00+07:00",
                                "on_time": True,
                                "version": 1,
                                "open_errors": 0,
                                "warnings": 2,
                                "warnings_explained": 2,
                            }
                        ],
                    )
                ],
            ),
            404: _NOT_FOUND,
        },
    )
    def get(self, request: Request, code: str, period: str) -> Response:
        try:
            unit, p = _resolve(request, code, period)
        except Http404:
            return Response({"detail": "Không tìm thấy."}, status=404)
        return Response([child_json(r) for r in children_status(unit, p)])


class UnitPeriodCompleteness(APIView):
    """Completeness and timeliness of the child units' reports for the period."""

    @extend_schema(
        operation_id="unit_period_completeness",
        summary="Completeness of the child units' reports for a period",
        description=(
            "`expected`: child units valid in the period; `submitted`: reports submitted, "
            "accepted or signed; `on_time`: of those, first submitted by the deadline; "
            "`returned`, `accepted`, `signed`: reports in that state; rates over `expected` as "
            'strings with two decimals ("13.64") or null when nothing is expected. ' + _AUTH
        ),
        responses={
            200: OpenApiResponse(
                response=CompletenessSerializer,
                examples=[
                    OpenApiExample(
                        "Huyện Bình Sơn 2023",
                        value={
                            "expected": 22,
                            "submitted": 3,
                            "on_time": 2,
                            "returned": 1,
                            "accepted": 1,
                            "signed": 0,
                            "submitted_rate": "13.64",
                            "on_time_rate": "9.09",
                        },
                    )
                ],
            ),
            404: _NOT_FOUND,
        },
    )
    def get(self, request: Request, code: str, period: str) -> Response:
        try:
            unit, p = _resolve(request, code, period)
        except Http404:
            return Response({"detail": "Không tìm thấy."}, status=404)
        return Response(completeness(unit, p).as_json())
