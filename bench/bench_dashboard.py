"""Benchmark of the reviewer's dashboard of a province with 500 communes and 1 000 000 dossiers.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_bench .venv/bin/python bench/bench_dashboard.py

(Not under `nice`: the server and the load tool would inherit it and the timings would measure
the scheduler. The data is generated once by PostgreSQL itself, one INSERT … SELECT, about a
minute and a half, and reused.)

Standalone (PostgreSQL; Redis if REDIS_URL is set, as in production). It migrates the database
and builds the data once (reused on later runs): a province in its shape after 1/7/2025, with
its 500 communes directly under it, and 1 000 000 dossiers over them drawn exactly as
bench_indicators.py draws its own (same INSERT … SELECT over generate_series); the snapshots
of every unit (the nightly refresh), the communes' reports in mixed states (a third not sent,
the others submitted, returned, accepted or signed), two targets, and one reviewer of the
province.

Then it serves the portal with gunicorn (2 sync workers, 127.0.0.1 only, DEBUG off) and runs
locust headless, time-bounded, with 20 signed-in reviewers, in alternating phases against

  dashboard  /u/<province>/<period>/dashboard/        (snapshots, a fixed number of queries)
  naive      /bench/naive/u/<province>/<period>/       (bench-only URL: a template loop calling
                                                       the indicator registry per commune)

each phase on a freshly started server (nothing queued from the previous phase). Targets:
dashboard median < 300 ms, p99 < 1 s, no errors, and ≥ 2× the naive view's throughput.
Writes docs/performance/dashboard.md with the command and the numbers.

Environment: BENCH_SECONDS (per phase, default 60), BENCH_ROUNDS (default 1),
BENCH_WAIT_MIN/BENCH_WAIT_MAX (think time of a user between page views, default 1–2 s),
BENCH_USERS (default 20), BENCH_DOSSIERS, BENCH_COMMUNES.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc_portal.settings")
# The data-building process runs with the development settings; the server it starts runs with
# DEBUG off and a key of its own (Server below).
os.environ.setdefault("DEBUG", "1")

DOSSIERS = int(os.environ.get("BENCH_DOSSIERS", 1_000_000))
COMMUNES = int(os.environ.get("BENCH_COMMUNES", 500))
USERS = int(os.environ.get("BENCH_USERS", 20))
SECONDS = int(os.environ.get("BENCH_SECONDS", 60))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 1))
WAIT_MIN = os.environ.get("BENCH_WAIT_MIN", "1")
WAIT_MAX = os.environ.get("BENCH_WAIT_MAX", "2")
PROVINCE = "P0"
LOGIN_ALLOWANCE = (
    30  # s: the users sign in first (see the locust file); the page's row starts after
)
REVIEWER = "bench.reviewer"
PASSWORD = "bench-" + "reviewer-pass"


def setup_django():
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("bench_dashboard needs DATABASE_URL pointing at PostgreSQL")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _dossiers(ids):
    """The dossiers of bench_indicators.py (same distribution), over the given communes."""
    from django.db import connection, transaction

    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM tthc_dossier WHERE unit_id = ANY(%s)", [ids])
        if cur.fetchone()[0] == DOSSIERS:
            return
    print(f"generating {DOSSIERS} dossiers over {len(ids)} communes …", flush=True)
    t0 = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM tthc_dossier WHERE unit_id = ANY(%s)", [ids])
        cur.execute(
            """
            INSERT INTO tthc_dossier (created_at, updated_at, version, code, procedure_code,
              procedure_name, online_level, channel, received_at, due_at, resolved_at, status,
              components_digitized, result_digitized, paid_online, fee, source, unit_id)
            SELECT now(), now(), 1, 'P-' || g, '1.00' || (g %% 300), '',
              (ARRAY['none','partial','full'])[1 + (g %% 7) %% 3],
              (ARRAY['online','direct','direct','postal'])[1 + (g %% 4)],
              r.received, r.received + (3 + g %% 13) * interval '1 day',
              CASE WHEN s.u < 0.85 THEN r.received
                     + CASE WHEN s.u < 0.765 THEN (1 + g %% 3) ELSE (16 + g %% 5) END
                       * interval '1 day'
                   WHEN s.u < 0.88 THEN r.received + interval '1 day' END,
              CASE WHEN s.u < 0.85 THEN 'resolved'
                   WHEN s.u < 0.87 THEN 'withdrawn'
                   WHEN s.u < 0.88 THEN 'rejected' ELSE 'pending' END,
              g %% 3 = 0, g %% 5 = 0, g %% 9 = 0, CASE WHEN g %% 9 = 0 THEN 15000 END,
              'provincial', (%s::bigint[])[1 + g %% %s]
            FROM generate_series(1, %s) g,
              LATERAL (SELECT timestamptz '2022-06-01 00:00+07'
                       + (random() * 579 * 86400 + 0 * g) * interval '1 second' AS received) r,
              LATERAL (SELECT random() + 0 * g AS u) s
            """,
            [ids, len(ids), DOSSIERS],
        )
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE tthc_dossier")
    print(f"  done in {time.perf_counter() - t0:.1f} s", flush=True)


def ensure_data():
    from django.contrib.auth.hashers import MD5PasswordHasher, make_password
    from django.contrib.auth.models import User
    from django.db import connection, transaction
    from django.utils import timezone

    from orgs.models import Level, Membership, Period, Role, Unit
    from reports.models import IndicatorSnapshot, Report, ReportState, ReportTransition
    from reports.snapshots import snapshot_refresh_period
    from review.models import IndicatorTarget

    period, _ = Period.objects.get_or_create(
        code="2023",
        defaults={
            "start": dt.date(2022, 12, 15),
            "end": dt.date(2023, 10, 31),
            "deadline": dt.date(2023, 11, 15),
        },
    )
    province = Unit.objects.filter(code=PROVINCE).first()
    if province is None:
        with transaction.atomic():
            province = Unit.objects.create(
                code=PROVINCE, name="Tỉnh Bench (sau 1/7/2025)", level=Level.PROVINCE
            )
            for c in range(COMMUNES):
                Unit.objects.create(
                    code=f"P-{c:04d}",
                    name=f"Xã Bench {c:04d}",
                    level=Level.COMMUNE,
                    parent=province,
                )
    communes = list(Unit.objects.filter(parent=province).order_by("code"))
    _dossiers([u.pk for u in communes])
    ids = [u.pk for u in [province, *communes]]
    if IndicatorSnapshot.objects.filter(period=period, unit__in=ids).count() < len(ids):
        print("computing the snapshots of every unit …", flush=True)
        t0 = time.perf_counter()
        snapshot_refresh_period(period=period)
        print(f"  done in {time.perf_counter() - t0:.1f} s", flush=True)
    user, _ = User.objects.get_or_create(username=REVIEWER)
    # the bench server's hasher (bench/dashboard/settings.py): signing in is not measured
    user.password = make_password(PASSWORD, hasher=MD5PasswordHasher())
    user.save(update_fields=["password"])
    Membership.objects.update_or_create(user=user, unit=province, defaults={"role": Role.REVIEWER})
    if not Report.objects.filter(period=period, unit__in=ids).exists():
        cycle = [
            None,
            ReportState.SUBMITTED,
            ReportState.ACCEPTED,
            None,
            ReportState.SUBMITTED,
            ReportState.RETURNED,
            None,
            ReportState.SIGNED,
            ReportState.SUBMITTED,
        ]
        at = timezone.make_aware(dt.datetime(2023, 11, 10, 9))
        with transaction.atomic():
            reports = Report.objects.bulk_create(
                Report(unit=u, period=period, state=state, submitted_at=at)
                for u, state in ((u, cycle[i % len(cycle)]) for i, u in enumerate(communes))
                if state is not None
            )
            ReportTransition.objects.bulk_create(
                ReportTransition(
                    report=r, from_state=ReportState.DRAFT, to_state=ReportState.SUBMITTED, by=user
                )
                for r in reports
            )
            ReportTransition.objects.filter(report__in=reports).update(at=at)
        for code, value in (("tthc.on_time_rate", 80), ("tthc.online_rate", 30)):
            IndicatorTarget.objects.get_or_create(
                unit=province, code=code, defaults={"value": value}
            )
    with connection.cursor() as cur:  # what autovacuum does in production, now
        cur.execute(
            "ANALYZE orgs_unit, reports_report, reports_reporttransition, "
            "reports_indicatorsnapshot, review_indicatortarget"
        )
    return period, province, communes


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """gunicorn, 2 sync workers, on 127.0.0.1 only, DEBUG off, the bench URLconf."""

    def __init__(self):
        self.port = _free_port()
        self.proc = None

    def __enter__(self):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.dashboard.settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            "CCHC_INSECURE_HTTP": "1",
            "CCHC_LOGIN_FAILURE_LIMIT": "1000",
        }
        self.proc = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "cchc_portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--timeout",
                "600",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=5)
                return self
            except OSError:
                time.sleep(0.5)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        if self.proc is not None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # gunicorn and its workers only
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def warm_up(host: str, path: str) -> None:
    """A deployed server is warm: sign in and load the dashboard a few times from 2 threads (both
    workers import, load the registry and compile the templates; the page parts get cached)."""
    import http.cookiejar
    import re
    import threading
    import urllib.parse

    def one():
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        page = opener.open(f"{host}/accounts/login/", timeout=120).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode(
            {"username": REVIEWER, "password": PASSWORD, "csrfmiddlewaretoken": token}
        ).encode()
        req = urllib.request.Request(
            f"{host}/accounts/login/", data=data, headers={"Referer": f"{host}/accounts/login/"}
        )
        opener.open(req, timeout=120).read()
        for _ in range(3):
            opener.open(f"{host}{path}", timeout=120).read()

    threads = [threading.Thread(target=one) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def run_phase(name: str, path: str, out: Path, warm: str) -> dict:
    """One locust run against a fresh, warmed-up server; the page's row of locust's CSV
    statistics."""
    with Server() as server:
        host = f"http://127.0.0.1:{server.port}"
        warm_up(host, warm)
        env = {
            **os.environ,
            "BENCH_PATH": path,
            "BENCH_NAME": name,
            "BENCH_USER": REVIEWER,
            "BENCH_PASSWORD": PASSWORD,
            "BENCH_WAIT_MIN": WAIT_MIN,
            "BENCH_WAIT_MAX": WAIT_MAX,
            "BENCH_USERS": str(USERS),
        }
        prefix = out / name
        t0 = time.perf_counter()
        subprocess.run(
            [
                str(ROOT / ".venv" / "bin" / "locust"),
                "-f",
                str(ROOT / "bench" / "dashboard" / "locustfile.py"),
                "--headless",
                "--host",
                host,
                "--users",
                str(USERS),
                "--spawn-rate",
                str(USERS),
                "--run-time",
                f"{SECONDS + LOGIN_ALLOWANCE}s",
                "--stop-timeout",
                "0",
                "--csv",
                str(prefix),
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env=env,
            check=False,
            stdout=subprocess.DEVNULL,
        )
        wall = time.perf_counter() - t0
    with open(f"{prefix}_stats.csv", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["Name"] == name)
    return {
        "name": name,
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "median": float(row["50%"]),
        "p95": float(row["95%"]),
        "p99": float(row["99%"]),
        "rps": float(row["Requests/s"]),
        "wall": wall,
    }


def main() -> int:
    setup_django()
    from django.db import connection

    period, province, communes = ensure_data()
    connection.close()
    dashboard = f"/u/{province.code}/{period.code}/dashboard/"
    naive = f"/bench/naive/u/{province.code}/{period.code}/"
    out = Path(tempfile.mkdtemp(prefix="bench-dashboard-"))
    results: dict[str, list[dict]] = {"dashboard": [], "naive": []}
    try:
        for i in range(ROUNDS):
            for name, path in (("dashboard", dashboard), ("naive", naive)):
                print(f"round {i + 1}: {name} for {SECONDS} s …", flush=True)
                r = run_phase(name, path, out, warm=dashboard)
                r["load"] = os.getloadavg()[0]
                print(
                    f"  {r['requests']} requests, {r['failures']} failures, median "
                    f"{r['median']:.0f} ms, p99 {r['p99']:.0f} ms, {r['rps']:.2f} req/s",
                    flush=True,
                )
                results[name].append(r)
    finally:
        shutil.rmtree(out, ignore_errors=True)

    def total(name):
        rs = results[name]
        return {
            "requests": sum(r["requests"] for r in rs),
            "failures": sum(r["failures"] for r in rs),
            "median": max(r["median"] for r in rs),  # the worst round
            "p99": max(r["p99"] for r in rs),
            "rps": min(r["rps"] for r in rs),
        }

    d, n = total("dashboard"), total("naive")
    ratio = d["rps"] / n["rps"] if n["rps"] else float("inf")
    checks = [
        (f"dashboard median {d['median']:.0f} ms < 300 ms", d["median"] < 300),
        (f"dashboard p99 {d['p99']:.0f} ms < 1000 ms", d["p99"] < 1000),
        (f"no errors ({d['failures']} dashboard, {n['failures']} naive)", d["failures"] == 0),
        (f"throughput {ratio:.1f}× the naive view's ≥ 2×", ratio >= 2),
    ]
    lines = [
        "# Reviewer's dashboard under load (issue 11)",
        "",
        "Command (2 cores shared with other work; PostgreSQL and Redis on the same host):",
        "",
        "    DATABASE_URL=postgres://postgres@127.0.0.1:5432/cchc_bench REDIS_URL=redis://127.0.0.1:6379/0 \\",
        "      .venv/bin/python bench/bench_dashboard.py",
        "",
        f"Data: a province in its shape after 1/7/2025 with {len(communes)} communes directly "
        f"under it and {DOSSIERS:,} dossiers drawn as in the indicator benchmark; snapshots of "
        "every unit stored (the nightly refresh); reports in mixed states. Server: gunicorn, 2 "
        "sync workers, 127.0.0.1 only, DEBUG off. Load: locust headless, "
        f"{USERS} signed-in reviewers (each signs in through the login form once), each "
        f"waiting {WAIT_MIN}–{WAIT_MAX} s between page views, {SECONDS} s per phase, "
        f"{ROUNDS} round(s) of the two phases in alternation, each phase on a freshly started "
        "server warmed up by two sign-ins and six dashboard views (as a deployed server is). The naive view (bench-only URL, bench/dashboard/naive.py) renders the same "
        "columns by calling the indicator registry for each commune (a template looping over the "
        "units).",
        "",
        "| page | requests | errors | median | p95 | p99 | throughput | load average after |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, label in (
        ("dashboard", f"dashboard `/u/{PROVINCE}/2023/dashboard/` ({len(communes)} rows)"),
        ("naive", "naive view (registry per commune)"),
    ):
        for r in results[name]:
            lines.append(
                f"| {label} | {r['requests']} | {r['failures']} | {r['median']:.0f} ms | "
                f"{r['p95']:.0f} ms | {r['p99']:.0f} ms | {r['rps']:.2f} req/s | "
                f"{r['load']:.1f} |"
            )
    lines += ["", "Targets:", ""]
    lines += [f"- {'✅' if ok else '❌'} {text}" for text, ok in checks]
    lines += [
        "",
        "A naive request still waiting in the server's queue when its phase ends is not counted "
        "(its time would only make the naive view look slower).",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    (ROOT / "docs" / "performance" / "dashboard.md").write_text(text, encoding="utf-8")
    return 0 if all(ok for _t, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
