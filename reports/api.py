"""HTTP API (SPEC §9): the indicators of a unit and period, scoped like the pages."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from orgs.selectors import period_by_code, unit_for_user

from .indicators import compute, to_json


class UnitPeriodIndicators(APIView):
    """Every indicator of the unit with this code valid in the period."""

    @extend_schema(
        operation_id="unit_period_indicators",
        summary="Indicators of a unit for a period",
        description=(
            "One JSON object {code: value}: counts and VND amounts as integers, rates as "
            'strings with two decimals ("99.05") or null when the denominator is zero. '
            "A unit outside the caller's scope, or unknown, answers 404. "
            "Authentication: session, or `Authorization: Token <key>`."
        ),
        responses={
            200: OpenApiResponse(
                response=OpenApiTypes.OBJECT,
                examples=[
                    OpenApiExample(
                        "Xã Bình Phước 2023",
                        value={
                            "tthc.total": 1962,
                            "tthc.resolved": 1886,
                            "tthc.on_time_rate": "99.05",
                            "egov.online_payment_amount": 5158000,
                            "invest.disbursement_rate": None,
                        },
                    )
                ],
            ),
            404: OpenApiResponse(description="Unknown unit or period, or outside your scope."),
        },
    )
    def get(self, request: Request, code: str, period: str) -> Response:
        try:
            p = period_by_code(period)
            unit = unit_for_user(user=request.user, code=code, period=p)
        except Http404:
            return Response({"detail": "Không tìm thấy."}, status=404)
        return Response(to_json(compute(unit, p)))
