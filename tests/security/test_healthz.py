"""/healthz: database and broker, JSON, 200 when healthy, 503 naming the failed part."""

from __future__ import annotations

import json
import socket

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens there once the socket is closed


def test_healthy_with_the_configured_broker(client, settings):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    expected_broker = "eager" if settings.CELERY_TASK_ALWAYS_EAGER else "ok"
    assert body == {"status": "ok", "database": "ok", "broker": expected_broker}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_without_redis_the_broker_is_reported_eager(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_BROKER_URL = "memory://localhost/"
    body = json.loads(client.get("/healthz").content)
    assert body == {"status": "ok", "database": "ok", "broker": "eager"}


def test_an_unreachable_broker_gives_503_naming_it(client, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CELERY_BROKER_URL = f"redis://:s3cret@127.0.0.1:{closed_port()}/6"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "error", "database": "ok", "broker": "error"}
    text = response.content.decode()
    assert "s3cret" not in text and "127.0.0.1" not in text  # no configuration leaks


def test_an_unreachable_database_gives_503_naming_it(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "error"
    assert json.loads(response.content)["status"] == "error"


def test_no_login_is_needed_and_only_get_is_served(client):
    assert client.get("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_the_secure_redirect_spares_the_health_check(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/accounts/login/").status_code == 301
