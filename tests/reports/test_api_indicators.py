"""CLI and HTTP API of the indicators (SPEC §9): the same JSON, scoping, token auth, schema."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from rest_framework.authtoken.models import Token

from reports.indicators import compute, registry, to_json
from tests.factories import PASSWORD
from tests.helpers.dossiers import dossier, local, make

pytestmark = pytest.mark.django_db


def _records(cast):
    w = local(2023, 5, 1, 8)
    make(
        dossier(cast.commune_a, received=w, status="resolved", resolved=w, channel="online"),
        dossier(cast.commune_a, received=w, status="resolved", resolved=w + (w - w)),
        dossier(cast.commune_b, received=w),
    )


def cli(*args) -> str:
    out = StringIO()
    call_command("indicators", *args, stdout=out)
    return out.getvalue()


def test_the_cli_prints_one_json_object_with_integers_and_rate_strings(cast):
    _records(cast)
    data = json.loads(cli("--unit", "21073", "--period", "2023"))
    assert list(data) == registry.codes()
    assert data["tthc.total"] == 2 and isinstance(data["tthc.total"], int)
    assert data["tthc.on_time_rate"] == "100.00"
    assert data["tthc.online_rate"] == "50.00"
    assert data["invest.disbursement_rate"] is None
    assert data["egov.online_payment_amount"] == 0
    assert data == to_json(compute(cast.commune_a, cast.period))


def test_the_cli_table_format_uses_vietnamese_number_style(cast):
    _records(cast)
    out = cli("--unit", "21073", "--period", "2023", "--format", "table")
    assert "Xã Bình Phước (21073) — 2023" in out
    assert "100%" in out and "100,00%" not in out


def test_the_cli_answers_a_bad_unit_or_period_with_a_clear_error(cast):
    with pytest.raises(CommandError, match="Không có đơn vị mã «99999»"):
        cli("--unit", "99999", "--period", "2023")
    with pytest.raises(CommandError, match="Không có kỳ báo cáo «2031»"):
        cli("--unit", "21073", "--period", "2031")


def test_the_cli_exits_non_zero_without_a_traceback(cast, capsys):
    from django.core.management import ManagementUtility

    argv = ["manage.py", "indicators", "--unit", "21073", "--period", "bad"]
    with pytest.raises(SystemExit) as exc:
        ManagementUtility(argv).execute()
    assert exc.value.code != 0
    err = capsys.readouterr().err
    assert "Không có kỳ báo cáo «bad»" in err
    assert "Traceback" not in err


def api(code, period="2023"):
    return f"/api/v1/units/{code}/periods/{period}/indicators"


def test_the_api_returns_the_cli_json_to_a_logged_in_user(client, cast):
    _records(cast)
    client.login(username="clerk.a", password=PASSWORD)
    r = client.get(api("21073"))
    assert r.status_code == 200
    assert r.json() == json.loads(cli("--unit", "21073", "--period", "2023"))


def test_the_api_accepts_a_token_issued_by_the_command(client, cast):
    _records(cast)
    out = StringIO()
    call_command("create_api_token", "reviewer.d", stdout=out)
    key = out.getvalue().strip()
    assert Token.objects.get(user=cast.reviewer).key == key
    r = client.get(api("524"), HTTP_AUTHORIZATION=f"Token {key}")
    assert r.status_code == 200
    assert r.json()["tthc.total"] == 3  # the district sums its communes


def test_the_token_command_refuses_an_unknown_user(cast):
    with pytest.raises(CommandError, match="Không có người dùng"):
        call_command("create_api_token", "nobody", stdout=StringIO())


def test_the_api_answers_404_outside_the_callers_scope(client, cast):
    token = Token.objects.create(user=cast.clerk_b)
    auth = {"HTTP_AUTHORIZATION": f"Token {token.key}"}
    assert client.get(api("21073"), **auth).status_code == 404
    assert client.get(api("524"), **auth).status_code == 404
    assert client.get(api("21061"), **auth).status_code == 200
    other = Token.objects.create(user=cast.other_reviewer)
    assert client.get(api("21073"), HTTP_AUTHORIZATION=f"Token {other.key}").status_code == 404


def test_the_api_answers_404_for_an_unknown_unit_or_period(client, cast):
    client.login(username="admin.x", password=PASSWORD)
    assert client.get(api("99999")).status_code == 404
    assert client.get(api("21073", "2031")).status_code == 404


def test_the_api_refuses_anonymous_callers_and_bad_tokens(client, cast):
    assert client.get(api("21073")).status_code in (401, 403)
    assert client.get(api("21073"), HTTP_AUTHORIZATION="Token nope").status_code in (401, 403)


def test_the_openapi_schema_describes_the_indicators_endpoint(client, cast):
    client.login(username="clerk.a", password=PASSWORD)
    r = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert r.status_code == 200
    schema = json.loads(r.content)
    assert "/api/v1/units/{code}/periods/{period}/indicators" in schema["paths"]
