"""Stored files (uploads, imports, rendered and signed documents): unguessable names, and the
one way they leave the server — a view that has applied the scoping rule first (issue 10, 8).

Nothing under MEDIA_ROOT is served by URL: cchc_portal/urls.py has no `static(MEDIA_URL…)`
in any mode. A stored name is `<prefix>/<YYYY>/<MM>/<random token>.<ext>`, the token 192 bits
from `secrets`; the user's original file name is kept only as the download name
(Content-Disposition), never in the path.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.deconstruct import deconstructible

TOKEN_BYTES = 24  # 192 bits of randomness (≥ 128 asked by issue 10)
_EXT = re.compile(r"^[a-z0-9]{1,10}$")


def random_token() -> str:
    """A URL-safe random token of TOKEN_BYTES bytes (32 characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def safe_extension(name: str) -> str:
    """The lower-case extension of `name` when it is short and alphanumeric, else ''."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    if "." not in base:
        return ""
    ext = base.rsplit(".", 1)[-1].lower()
    return ext if _EXT.match(ext) else ""


@deconstructible
class RandomName:
    """`upload_to` callable: `<prefix>/<YYYY>/<MM>/<token>.<ext>` (the ext of the given name)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix.strip("/")

    def __call__(self, instance: Any, filename: str) -> str:
        now = timezone.now()
        ext = safe_extension(filename)
        name = random_token() + (f".{ext}" if ext else "")
        return f"{self.prefix}/{now:%Y}/{now:%m}/{name}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.prefix == self.prefix

    def __hash__(self) -> int:
        return hash(self.prefix)


def stored_file_response(field: FieldFile, *, download_name: str) -> FileResponse:
    """The stored file as an attachment named `download_name`; 404 when it is missing.

    Call only after the object was looked up inside the user's scope."""
    if not field or not field.name or not field.storage.exists(field.name):
        raise Http404
    name = (download_name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    if not name:
        ext = safe_extension(field.name)
        name = "tep" + (f".{ext}" if ext else "")
    response = FileResponse(field.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
