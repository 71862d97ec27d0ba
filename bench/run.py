"""Run every benchmark and assemble docs/PERFORMANCE.md from docs/performance/*.md.

    ./dev.sh bench                 # all benchmarks (PostgreSQL needed; a throwaway database
                                   # cchc_bench on 127.0.0.1 is used when DATABASE_URL is unset)
    ./dev.sh bench import          # one of: import, indicators, render, dashboard

Each bench/bench_<name>.py is standalone, prints its table and writes docs/performance/<name>.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHES = ["import", "indicators", "render", "dashboard"]


def ensure_database() -> None:
    if os.environ.get("DATABASE_URL"):
        return
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", "CREATE DATABASE cchc_bench"],
        capture_output=True,
    )
    os.environ["DATABASE_URL"] = "postgres://postgres@127.0.0.1:5432/cchc_bench"


def assemble() -> None:
    parts = [
        "# Performance\n",
        "Speed and memory targets are measured by benchmark scripts, never by timed unit tests.",
        "Run them all with `./dev.sh bench` (or one: `./dev.sh bench import|indicators|render|dashboard`);",
        "each section below names the command that produced its numbers and the machine",
        "(2 cores, 24 GiB, PostgreSQL 15 on the same host).\n",
    ]
    for name in BENCHES:
        f = ROOT / "docs" / "performance" / f"{name}.md"
        if f.exists():
            text = f.read_text(encoding="utf-8").strip()
            if text.startswith("# "):  # nest a document with its own title under ours
                text = "\n".join("#" + ln if ln.startswith("#") else ln for ln in text.splitlines())
            parts.append(text + "\n")
    (ROOT / "docs" / "PERFORMANCE.md").write_text("\n".join(parts), encoding="utf-8")


def main(argv: list[str]) -> int:
    ensure_database()
    wanted = argv or BENCHES
    rc = 0
    for name in wanted:
        script = ROOT / "bench" / f"bench_{name}.py"
        if not script.exists():
            print(f"no benchmark {script}", file=sys.stderr)
            rc = 1
            continue
        print(f"== bench {name}", flush=True)
        rc |= subprocess.run([sys.executable, str(script)], cwd=ROOT).returncode
    assemble()
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
