#!/usr/bin/env python
"""Benchmark of the dossier import against raw COPY and django-import-export's bulk mode.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_bench \\
        .venv/bin/python bench/bench_import.py --rows 100000

Generates one dossier file (CSV and XLSX, the same rows, SPEC §4 headers), then measures side by
side, each step in a fresh child process (so that peak RSS is the step's own):
  copy        raw PostgreSQL COPY of the CSV into a table of text columns (the floor)
  ie-csv/xlsx django-import-export, bulk mode (use_bulk, skip_unchanged, cached instance loader)
  ours-csv/xlsx our importer (full validation, upsert by code, all-or-nothing) on a fresh table,
              then the same file again (idempotent re-import: 0 created / 0 updated)
  small       our importer on a typical commune file of 2 000 rows
Prints a table of rows/s, the ratio to import-export bulk and to COPY, and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc_portal.settings")

UNIT_CODE = "BENCH1"
HEADERS = [
    "Mã hồ sơ",
    "Mã TTHC",
    "Tên TTHC",
    "Hình thức nộp",
    "Ngày tiếp nhận",
    "Hạn xử lý",
    "Ngày có kết quả",
    "Trạng thái",
    "Số hóa hồ sơ",
    "Số hóa kết quả",
    "Thanh toán trực tuyến",
    "Phí, lệ phí",
    "Nguồn",
]


def generate_rows(n: int, seed: int = 76):
    import datetime as dt

    rnd = random.Random(seed)
    channels = ["Trực tuyến", "Trực tiếp", "Bưu chính"]
    start = dt.datetime(2022, 12, 15, 7, 30)
    for i in range(1, n + 1):
        received = start + dt.timedelta(minutes=rnd.randrange(0, 320 * 24 * 60))
        due = (received + dt.timedelta(days=rnd.choice((1, 3, 5, 7, 15)))).date()
        state = rnd.random()
        if state < 0.85:
            status = "Đã giải quyết"
            resolved = received + dt.timedelta(hours=rnd.randrange(1, 24 * 16))
            resolved_s = resolved.strftime("%d/%m/%Y %H:%M")
        elif state < 0.95:
            status, resolved_s = "Đang giải quyết", ""
        elif state < 0.98:
            status = "Rút hồ sơ"
            resolved_s = (received + dt.timedelta(days=1)).strftime("%d/%m/%Y %H:%M")
        else:
            status = "Từ chối"
            resolved_s = (received + dt.timedelta(days=1)).strftime("%d/%m/%Y %H:%M")
        proc = rnd.randrange(1, 61)
        paid = rnd.random() < 0.2
        yield [
            f"BENCH-{i:07d}",
            f"1.00{proc:04d}.000.00.00.H51",
            f"Thủ tục số {proc}",
            rnd.choice(channels),
            received.strftime("%d/%m/%Y %H:%M"),
            due.strftime("%d/%m/%Y"),
            resolved_s,
            status,
            "Có" if rnd.random() < 0.7 else "Không",
            "Có" if rnd.random() < 0.6 else "Không",
            "Có" if paid else "Không",
            str(rnd.choice((10000, 15000, 20000, 50000))) if paid else "",
            "Một cửa tỉnh" if rnd.random() < 0.9 else "Cổng DVC quốc gia",
        ]


def write_files(n: int, folder: Path) -> tuple[Path, Path]:
    import csv

    folder.mkdir(parents=True, exist_ok=True)
    csv_path, xlsx_path = folder / f"dossiers-{n}.csv", folder / f"dossiers-{n}.xlsx"
    if not csv_path.exists():
        with open(csv_path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(HEADERS)
            w.writerows(generate_rows(n))
    if not xlsx_path.exists():
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Hồ sơ")
        ws.append(HEADERS)
        for r in generate_rows(n):
            ws.append(r)
        wb.save(xlsx_path)
    return csv_path, xlsx_path


# --- child steps ------------------------------------------------------------------------------


def _setup():
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("DATABASE_URL must point at PostgreSQL")
    from orgs.models import Level, Unit

    unit, _ = Unit.objects.get_or_create(
        code=UNIT_CODE, valid_from=None, defaults={"name": "Xã Đo Tốc Độ", "level": Level.COMMUNE}
    )
    return unit


def _fresh(unit) -> None:
    from django.db import connection

    with connection.cursor() as c:
        c.execute("DELETE FROM tthc_dossier WHERE unit_id = %s", [unit.pk])
        c.execute("VACUUM ANALYZE tthc_dossier")


def _catalogue() -> None:
    from tthc.models import Procedure

    # 50 of the 60 procedure codes in the catalogue: the other 10 are warnings.
    for p in range(1, 51):
        Procedure.objects.update_or_create(
            code=f"1.00{p:04d}.000.00.00.H51",
            defaults={"name": f"Thủ tục số {p}", "online_level": ("full", "partial")[p % 2]},
        )


def step_copy(path: Path, unit) -> dict:
    from django.db import connection

    with connection.cursor() as c:
        c.execute("DROP TABLE IF EXISTS bench_raw")
        c.execute(
            "CREATE UNLOGGED TABLE bench_raw (" + ", ".join(f"c{i} text" for i in range(13)) + ")"
        )
        t = time.perf_counter()
        with (
            open(path, "rb") as f,
            c.cursor.copy("COPY bench_raw FROM STDIN WITH (FORMAT csv, HEADER true)") as copy,
        ):
            while chunk := f.read(1 << 20):
                copy.write(chunk)
        seconds = time.perf_counter() - t
        c.execute("SELECT count(*) FROM bench_raw")
        n = c.fetchone()[0]
        c.execute("DROP TABLE bench_raw")
    return {"seconds": seconds, "rows": n}


def _ie_resource(unit):
    from import_export import fields, resources, widgets
    from import_export.instance_loaders import CachedInstanceLoader

    from tthc.models import Channel, Dossier, DossierStatus, Source

    class Choice(widgets.Widget):
        def __init__(self, choices):
            self.map = {str(label): value for value, label in choices}
            super().__init__()

        def clean(self, value, row=None, **kwargs):
            return self.map[value]

    class YesNo(widgets.BooleanWidget):
        TRUE_VALUES = ["Có", "1", 1, True]
        FALSE_VALUES = ["Không", "0", 0, False]

    dt_widget = widgets.DateTimeWidget(format="%d/%m/%Y %H:%M")

    class DossierResource(resources.ModelResource):
        code = fields.Field("code", "Mã hồ sơ")
        procedure_code = fields.Field("procedure_code", "Mã TTHC")
        procedure_name = fields.Field("procedure_name", "Tên TTHC")
        channel = fields.Field("channel", "Hình thức nộp", widget=Choice(Channel.choices))
        received_at = fields.Field("received_at", "Ngày tiếp nhận", widget=dt_widget)
        due_at = fields.Field("due_at", "Hạn xử lý", widget=widgets.DateTimeWidget("%d/%m/%Y"))
        resolved_at = fields.Field("resolved_at", "Ngày có kết quả", widget=dt_widget)
        status = fields.Field("status", "Trạng thái", widget=Choice(DossierStatus.choices))
        components_digitized = fields.Field("components_digitized", "Số hóa hồ sơ", widget=YesNo())
        result_digitized = fields.Field("result_digitized", "Số hóa kết quả", widget=YesNo())
        paid_online = fields.Field("paid_online", "Thanh toán trực tuyến", widget=YesNo())
        fee = fields.Field("fee", "Phí, lệ phí", widget=widgets.IntegerWidget())
        source = fields.Field("source", "Nguồn", widget=Choice(Source.choices))

        class Meta:
            model = Dossier
            fields = (
                "code",
                "procedure_code",
                "procedure_name",
                "channel",
                "received_at",
                "due_at",
                "resolved_at",
                "status",
                "components_digitized",
                "result_digitized",
                "paid_online",
                "fee",
                "source",
            )
            import_id_fields = ("code",)
            use_bulk = True
            batch_size = 1000
            skip_unchanged = True
            skip_diff = True
            use_transactions = True
            instance_loader_class = CachedInstanceLoader

        def get_queryset(self):
            return Dossier.objects.filter(unit=unit)

        def before_save_instance(self, instance, row, **kwargs):
            instance.unit = unit

        def import_instance(self, instance, row, **kwargs):
            super().import_instance(instance, row, **kwargs)
            instance.unit = unit

    return DossierResource()


def step_ie(path: Path, unit, fmt: str) -> dict:
    import tablib

    t = time.perf_counter()
    with open(path, "rb") as f:
        raw = f.read()
    data = tablib.Dataset().load(raw.decode("utf-8") if fmt == "csv" else raw, format=fmt)
    result = _ie_resource(unit).import_data(data, dry_run=False, raise_errors=True)
    seconds = time.perf_counter() - t
    return {
        "seconds": seconds,
        "rows": len(data),
        "created": result.totals.get("new", 0),
        "updated": result.totals.get("update", 0),
        "unchanged": result.totals.get("skip", 0),
    }


def step_ours(path: Path, unit) -> dict:
    from tthc.services import dossiers_import

    t = time.perf_counter()
    with open(path, "rb") as f:
        result = dossiers_import(file=f, unit=unit, name=path.name)
    seconds = time.perf_counter() - t
    if not result.ok:
        raise SystemExit(f"import failed: {result.errors[:5]}")
    return {
        "seconds": seconds,
        "rows": result.rows,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }


def child(args) -> None:
    unit = _setup()
    path = Path(args.file)
    step = args.step
    if step == "copy":
        out = step_copy(path, unit)
    elif step.startswith("ie-"):
        _fresh(unit)
        out = step_ie(path, unit, step[3:])
    elif step.startswith("ours-"):
        _catalogue()
        if not step.endswith("-again"):
            _fresh(unit)
        out = step_ours(path, unit)
    else:
        raise SystemExit(f"unknown step {step}")
    out["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("RESULT " + json.dumps(out))


def run_child(step: str, path: Path) -> dict:
    cmd = [sys.executable, __file__, "--step", step, "--file", str(path)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=os.environ.copy())
    if proc.returncode:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"step {step} failed")
    line = [x for x in proc.stdout.splitlines() if x.startswith("RESULT ")][-1]
    return json.loads(line[7:])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--folder", default=str(ROOT / "var" / "bench"))
    ap.add_argument("--skip-ie", action="store_true", help="leave out import-export (slow)")
    ap.add_argument("--step")
    ap.add_argument("--file")
    args = ap.parse_args()
    if args.step:
        child(args)
        return
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database (it gets a unit BENCH1).")
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"], check=True, cwd=ROOT
    )
    t = time.perf_counter()
    csv_path, xlsx_path = write_files(args.rows, Path(args.folder))
    small_csv, small_xlsx = write_files(2000, Path(args.folder))
    print(
        f"files ready in {time.perf_counter() - t:.1f} s: {csv_path} ({csv_path.stat().st_size / 1e6:.1f} MB), {xlsx_path} ({xlsx_path.stat().st_size / 1e6:.1f} MB)"
    )

    plan = [("copy", csv_path, "PostgreSQL COPY (CSV, text columns)")]
    if not args.skip_ie:
        plan += [
            ("ie-csv", csv_path, "django-import-export bulk, CSV"),
            ("ie-xlsx", xlsx_path, "django-import-export bulk, XLSX"),
        ]
    plan += [
        ("ours-csv", csv_path, "our import, CSV (fresh table)"),
        ("ours-csv-again", csv_path, "our import, CSV again (re-import)"),
        ("ours-xlsx", xlsx_path, "our import, XLSX (fresh table)"),
        ("ours-xlsx-again", xlsx_path, "our import, XLSX again (re-import)"),
        ("ours-csv", small_csv, "our import, 2 000-row CSV"),
        ("ours-xlsx", small_xlsx, "our import, 2 000-row XLSX"),
    ]
    results = []
    for step, path, label in plan:
        r = run_child(step, path)
        r["rps"] = r["rows"] / r["seconds"] if r["seconds"] else 0
        results.append((step, path, label, r))
        print(f"  {label}: {r['seconds']:.2f} s", flush=True)

    base = {s: r for s, _p, _l, r in results if s in ("copy", "ie-csv", "ie-xlsx")}
    print()
    print(
        "| step | rows | seconds | rows/s | × import-export bulk | × COPY | created/updated/unchanged | peak RSS MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---|---:|")
    for step, path, label, r in results:
        fmt = "xlsx" if path.suffix == ".xlsx" else "csv"
        ie = base.get(f"ie-{fmt}")
        vs_ie = (
            f"{r['rps'] / ie['rps']:.1f}"
            if ie and step.startswith("ours") and r["rows"] == ie["rows"]
            else ""
        )
        vs_copy = f"{r['rps'] / base['copy']['rps']:.2f}" if "copy" in base else ""
        counts = (
            f"{r.get('created', '')}/{r.get('updated', '')}/{r.get('unchanged', '')}"
            if "created" in r
            else ""
        )
        print(
            f"| {label} | {r['rows']:,} | {r['seconds']:.2f} | {r['rps']:,.0f} | {vs_ie} | {vs_copy} | {counts} | {r['maxrss_mb']:.0f} |"
        )


if __name__ == "__main__":
    main()
