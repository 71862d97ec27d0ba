"""Guard rail of issue 10: a Content Security Policy without inline scripts, on every page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def directives(header: str) -> dict[str, list[str]]:
    out = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


@pytest.mark.parametrize(
    "user, path",
    [
        (None, "/accounts/login/"),
        ("clerk.a", "/"),
        ("clerk.a", "/u/21073/2023/"),
        ("clerk.a", "/u/21073/2023/report/"),
        ("clerk.a", "/u/21073/2023/import/"),
        ("clerk.a", "/api/docs/"),
        ("admin.x", "/admin/"),
    ],
)
def test_every_page_has_a_policy_without_inline_script(client, cast, user, path):
    if user:
        assert client.login(username=user, password=PASSWORD)
    resp = client.get(path)
    assert resp.status_code == 200
    header = resp["Content-Security-Policy"]
    d = directives(header)
    script_src = d.get("script-src", d["default-src"])
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert script_src == ["'self'"]
    assert d["object-src"] == ["'none'"] and d["frame-ancestors"] == ["'none'"]
    assert d["base-uri"] == ["'self'"] and d["form-action"] == ["'self'"]
    html = resp.content.decode()
    # Nothing in the page that the policy would block: no inline script, no on…= handler.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
    assert not re.search(r"\son[a-z]+\s*=", html), path


def test_swagger_ui_initialiser_is_a_script_file(client, cast):
    assert client.login(username="clerk.a", password=PASSWORD)
    html = client.get("/api/docs/").content.decode()
    src = re.search(r'<script src="(/api/docs/\?[^"]*script[^"]*)"', html)
    assert src, html
    js = client.get(src.group(1).replace("&amp;", "&"))
    assert js.status_code == 200 and "javascript" in js["Content-Type"]
    assert "SwaggerUIBundle" in js.content.decode()


def test_no_template_carries_inline_script_or_event_handlers():
    offenders = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(
            r"\son[a-z]+\s*=\s*[\"']", text
        ):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
