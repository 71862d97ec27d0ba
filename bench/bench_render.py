#!/usr/bin/env python
"""Benchmark of the report PDF: the full pipeline against WeasyPrint alone on the same HTML.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_bench .venv/bin/python bench/bench_render.py

Loads the demo when Xã Bình Phước (21073) has no dossiers, then, in one process, after one
warm-up of each:
  weasy      WeasyPrint alone: the demo report's final HTML -> PDF bytes (same stylesheet object)
  pipeline   what the worker does: indicators of this year and last year, narrative, context,
             templating, WeasyPrint, the two empty signature fields (pyHanko)
  stored     a second render of unchanged data through the service (served from storage)
runs interleaved in ABBA order (weasy, pipeline, pipeline, weasy …), medians; target pipeline/weasy ≤ 1.25.
Writes docs/performance/render.md.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc_portal.settings")

UNIT, PERIOD = "21073", "2023"
TARGET = 1.25


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from weasyprint import HTML

    from orgs.models import Period, Unit
    from reports.rendering.context import build_context
    from reports.rendering.html import render_html
    from reports.rendering.pdf import _weasy, add_signature_fields, html_to_pdf, signature_box
    from reports.rendering.services import document_render
    from reports.services import report_get_or_create
    from tthc.models import Dossier

    period = Period.objects.filter(code=PERIOD).first()
    if period is None or not Dossier.objects.filter(unit__code=UNIT).exists():
        call_command("load_demo", verbosity=0)
        period = Period.objects.get(code=PERIOD)
    unit = Unit.objects.for_code(UNIT, period)
    report = report_get_or_create(unit=unit, period=period)

    css, fonts = _weasy()
    html = render_html(build_context(report=report), for_print=True)

    def weasy() -> int:
        doc = HTML(string=html, base_url=str(ROOT)).render(stylesheets=[css], font_config=fonts)
        doc.write_pdf()
        return len(doc.pages)

    def pipeline() -> int:
        ctx = build_context(report=report)
        _pdf, pages = html_to_pdf(render_html(ctx, for_print=True))
        return pages

    pages = weasy()
    pipeline()  # warm-up of both
    t_weasy, t_pipe = [], []
    for i in range(args.runs):
        # ABBA order, so that a drift of the machine's load hits both sides alike.
        for fn, bucket in ((weasy, t_weasy), (pipeline, t_pipe))[:: 1 if i % 2 == 0 else -1]:
            t0 = time.perf_counter()
            fn()
            bucket.append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    ctx = build_context(report=report)
    t_ctx = time.perf_counter() - t0
    t0 = time.perf_counter()
    render_html(ctx, for_print=True)
    t_html = time.perf_counter() - t0
    bare, _n = html_to_pdf(html, with_fields=False)
    document = HTML(string=html, base_url=str(ROOT)).render(stylesheets=[css], font_config=fonts)
    where = signature_box(document)
    t0 = time.perf_counter()
    add_signature_fields(bare, where)
    t_fields = time.perf_counter() - t0

    document_render(report=report, fmt="pdf")  # store it once
    t_stored = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        document_render(report=report, fmt="pdf")
        t_stored.append(time.perf_counter() - t0)

    mw, mp, ms = (statistics.median(x) for x in (t_weasy, t_pipe, t_stored))
    ratio = mp / mw
    extra = (t_ctx + t_html + t_fields) / mw
    rows = [
        ("weasy — WeasyPrint alone, final HTML → PDF", mw),
        ("pipeline — indicators + narrative + context + template + WeasyPrint + fields", mp),
        ("  of which: context (indicators of 2 years, narrative, appendix)", t_ctx),
        ("  of which: templating to HTML", t_html),
        ("  of which: the two empty signature fields (pyHanko)", t_fields),
        ("stored — second render of unchanged data (from storage)", ms),
    ]
    print(f"{pages} pages, {len(html) // 1024} KiB of HTML, medians of {args.runs} runs")
    for label, sec in rows:
        print(f"{label:<82} {sec * 1000:8.1f} ms")
    print(f"pipeline / weasy = {ratio:.3f} (target ≤ {TARGET})")
    print(f"1 + (context + template + fields) / weasy = {1 + extra:.3f}")

    from django.db import connection

    lines = [
        "## Report rendering",
        "",
        "Command: `DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_bench "
        ".venv/bin/python bench/bench_render.py`",
        f"(the demo report of Xã Bình Phước {PERIOD}: {pages} A4 pages, {len(html) // 1024} KiB of "
        f"HTML; medians of {args.runs} runs interleaved in ABBA order after one warm-up of each; "
        f"{connection.vendor} database; all in the same run).",
        "",
        "| measurement | median |",
        "|---|---:|",
    ]
    lines += [f"| {label.strip()} | {sec * 1000:.1f} ms |" for label, sec in rows]
    lines += [
        f"| **pipeline / weasy**, side by side (target ≤ {TARGET}) | **{ratio:.3f}** |",
        f"| 1 + (context + template + fields) / weasy | {1 + extra:.3f} |",
        "",
        "- **weasy** is WeasyPrint on the final HTML of the same report, with the same parsed",
        "  print stylesheet and font configuration: the floor.",
        "- **pipeline** is what the Celery worker does for «Xuất PDF»: every indicator of the",
        "  period and of the same period last year, the narrative with its placeholders resolved,",
        "  the context, the template, WeasyPrint, and the two empty PAdES signature fields added",
        "  with pyHanko at the position of the signature block.",
        "- The extra work of the pipeline over WeasyPrint is the context and the template (rows",
        "  «of which», measured once) plus adding the signature fields. On this shared 2-core",
        "  machine the side-by-side ratio moves by 10–20 % from run to run with the load of other",
        "  processes (0.89–1.24 seen); the direct measurement of the extra work is the stable one.",
        "- **stored**: the data hash of the context matches a stored file, so nothing is rendered.",
        "- The browser never waits for a render: «Xuất PDF» creates a job and a worker renders it",
        "  (tests/reports/test_render_job.py runs this through a real Celery worker).",
    ]
    out = ROOT / "docs" / "performance" / "render.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")
    return 0 if max(ratio, 1 + extra) <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
