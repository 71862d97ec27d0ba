"""Deployment defaults (issue 10, point 9): no public dev key in production, secure compose
defaults, the API schema and docs for signed-in users only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def manage_check(**env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE")
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"], capture_output=True, text=True, env=clean, cwd=ROOT
    )


def test_debug_off_without_a_secret_key_refuses_to_start():
    result = manage_check(DEBUG="0")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY is not set and DEBUG is off" in result.stderr


def test_debug_off_with_the_public_dev_key_refuses_to_start():
    result = manage_check(DEBUG="0", SECRET_KEY="django-insecure-cchc-dev-only-key-change-me")
    assert result.returncode != 0 and "public development key" in result.stderr


def test_debug_on_keeps_a_dev_key_and_a_real_key_starts():
    assert manage_check(DEBUG="1").returncode == 0
    assert manage_check(DEBUG="0", SECRET_KEY="k" * 50).returncode == 0


def _compose_env() -> dict:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return compose["x-app"]["environment"], compose


def _effective(env: dict) -> list[str]:
    """The security settings Django ends up with for a compose-like environment."""
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS)"
    )
    clean = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")}
    clean.update(env, DJANGO_SETTINGS_MODULE="cchc_portal.settings", SECRET_KEY="k" * 50)
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=clean, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_docker_compose_defaults_to_the_secure_settings():
    env, _compose = _compose_env()
    assert env["DEBUG"] == "0" and "${SECRET_KEY:?" in env["SECRET_KEY"]
    assert env["CCHC_INSECURE_HTTP"] == "${CCHC_INSECURE_HTTP:-0}"
    for name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
        assert env[name] == "${" + name + ":-}", name  # empty: the secure default applies
    # What compose hands the app when nothing is set in the shell or .env:
    defaults = {
        "DEBUG": "0",
        "CCHC_INSECURE_HTTP": "0",
        "SECURE_SSL_REDIRECT": "",
        "SESSION_COOKIE_SECURE": "",
        "CSRF_COOKIE_SECURE": "",
        "SECURE_HSTS_SECONDS": "",
    }
    assert _effective(defaults) == ["True", "True", "True", "31536000"]
    # The explicit opt-out for a local plain-http run:
    assert _effective({**defaults, "CCHC_INSECURE_HTTP": "1"}) == ["False", "False", "False", "0"]


def test_docker_compose_healthchecks_use_healthz():
    _env, compose = _compose_env()
    web = compose["services"]["web"]
    assert "/healthz" in " ".join(web["healthcheck"]["test"])


@pytest.mark.django_db
def test_the_api_schema_and_docs_need_a_login(client, cast):
    assert client.get("/api/schema/").status_code in (401, 403)
    assert client.get("/api/docs/").status_code in (401, 403)
    client.login(username="clerk.a", password=PASSWORD)
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200
