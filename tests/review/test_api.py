"""The two API endpoints of the reviewer's side: exact JSON, scoping (session or token), 404
outside the scope, anonymous refused, both in the OpenAPI schema."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token

from reports.models import IndicatorSnapshot, WarningExplanation
from tests.factories import PASSWORD, UnitFactory

from .conftest import local, move

pytestmark = pytest.mark.django_db


def url(code, what, period="2023"):
    return f"/api/v1/units/{code}/periods/{period}/{what}"


def _state(cast):
    move(cast, cast.commune_a, "submit", "return", "submit", when=local(2023, 11, 10, 9))
    IndicatorSnapshot.objects.create(
        unit=cast.commune_a,
        period=cast.period,
        values={},
        validation=[
            {"rule": "yoy.a", "severity": "warning", "message": "a", "codes": []},
            {"rule": "yoy.b", "severity": "warning", "message": "b", "codes": []},
        ],
        computed_at=timezone.now(),
    )
    WarningExplanation.objects.create(
        unit=cast.commune_a, period=cast.period, rule="yoy.a", text="Do sáp nhập."
    )


def test_children_answers_one_object_per_child_unit(client, cast):
    _state(cast)
    client.login(username="reviewer.d", password=PASSWORD)
    r = client.get(url("524", "children"))
    assert r.status_code == 200
    assert r.json() == [
        {
            "code": "21073",
            "name": "Xã Bình Phước",
            "state": "submitted",
            "submitted_at": "2023-11-10T09:00:00+07:00",
            "on_time": True,
            "version": 2,
            "open_errors": 0,
            "warnings": 2,
            "warnings_explained": 1,
        },
        {
            "code": "21061",
            "name": "Xã Bình Trị",
            "state": "draft",
            "submitted_at": None,
            "on_time": False,
            "version": 0,
            "open_errors": None,
            "warnings": None,
            "warnings_explained": None,
        },
    ]


def test_completeness_answers_counts_and_rate_strings_with_a_token(client, cast):
    for i in range(20):
        UnitFactory(code=f"2200{i:02d}", name=f"Xã Z {i:02d}", parent=cast.district)
    move(cast, cast.commune_a, "submit", "accept", when=local(2023, 11, 1))
    move(cast, cast.commune_b, "submit", when=local(2023, 11, 20))
    move(cast, cast.district.children.get(code="220000"), "submit", "return")
    token = Token.objects.create(user=cast.reviewer)
    r = client.get(url("524", "completeness"), HTTP_AUTHORIZATION=f"Token {token.key}")
    assert r.status_code == 200
    assert r.json() == {
        "expected": 22,
        "submitted": 2,
        "on_time": 1,
        "returned": 1,
        "accepted": 1,
        "signed": 0,
        "submitted_rate": "9.09",
        "on_time_rate": "4.55",
    }


def test_zero_expected_gives_null_rates(client, cast):
    client.login(username="clerk.a", password=PASSWORD)
    assert client.get(url("21073", "completeness")).json() == {
        "expected": 0,
        "submitted": 0,
        "on_time": 0,
        "returned": 0,
        "accepted": 0,
        "signed": 0,
        "submitted_rate": None,
        "on_time_rate": None,
    }
    assert client.get(url("21073", "children")).json() == []


@pytest.mark.parametrize("what", ["children", "completeness"])
def test_scope_unknown_and_anonymous(client, cast, what):
    assert client.get(url("524", what)).status_code in (401, 403)
    assert client.get(url("524", what), HTTP_AUTHORIZATION="Token nope").status_code in (401, 403)
    clerk = Token.objects.create(user=cast.clerk_b)
    auth = {"HTTP_AUTHORIZATION": f"Token {clerk.key}"}
    assert client.get(url("524", what), **auth).status_code == 404  # the district: not theirs
    other = Token.objects.create(user=cast.other_reviewer)
    auth = {"HTTP_AUTHORIZATION": f"Token {other.key}"}
    assert client.get(url("524", what), **auth).status_code == 404
    assert client.get(url("525", what), **auth).status_code == 200
    client.login(username="admin.x", password=PASSWORD)
    assert client.get(url("99999", what)).status_code == 404
    assert client.get(url("524", what, "2031")).status_code == 404
    assert client.get(url("51", what)).status_code == 200


def test_the_openapi_schema_describes_both_endpoints(client, cast):
    client.login(username="reviewer.d", password=PASSWORD)
    r = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert r.status_code == 200
    schema = json.loads(r.content)
    children = schema["paths"]["/api/v1/units/{code}/periods/{period}/children"]["get"]
    completeness = schema["paths"]["/api/v1/units/{code}/periods/{period}/completeness"]["get"]
    assert children["operationId"] == "unit_period_children"
    assert completeness["operationId"] == "unit_period_completeness"
    item = schema["components"]["schemas"]["Child"]
    assert set(item["properties"]) == {
        "code",
        "name",
        "state",
        "submitted_at",
        "on_time",
        "version",
        "open_errors",
        "warnings",
        "warnings_explained",
    }
    comp = schema["components"]["schemas"]["Completeness"]
    assert comp["properties"]["submitted_rate"]["nullable"] is True
