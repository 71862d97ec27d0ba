"""The report document as HTML, from the one context (for the browser preview and the PDF)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

TEMPLATE = "reports/document/report.html"


def render_html(ctx: dict[str, Any], *, for_print: bool = True) -> str:
    """The whole document. `for_print`: the print stylesheet is passed to WeasyPrint from the
    filesystem instead of being linked by URL."""
    return render_to_string(TEMPLATE, {"doc": ctx, "for_print": for_print})


def render_section_html(paragraphs: list[list[dict[str, Any]]]) -> str:
    """One section's paragraphs (the editor's live preview)."""
    return render_to_string(
        "reports/document/_section.html", {"section": {"paragraphs": paragraphs}}
    )
