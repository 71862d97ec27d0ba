#!/usr/bin/env bash
# CCHC Portal — one script for the two quick-start commands.
#   ./dev.sh demo   set up, load the demo data and serve http://127.0.0.1:8000
#   ./dev.sh test   set up and run the whole test suite (ruff, lock audit, migrations check, pytest)
# Other sub-commands: setup, worker, bench, lock (rewrite requirements.lock after editing
# pyproject.toml's dependencies; extra arguments go to `uv pip compile`, e.g. --upgrade).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
VENV="$ROOT/.venv"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

find_python() {
  local candidates=() c
  [ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
  candidates+=(python3.13 python3.12 python3)
  for c in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 \
           /usr/local/bin/python3.1[2-9] /usr/bin/python3.1[2-9]; do
    [ -x "$c" ] && candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    if command -v "$c" >/dev/null 2>&1 && \
       "$c" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
      command -v "$c"; return 0
    fi
  done
  return 1
}

system_packages() {
  # Fonts metric-compatible with Times New Roman (the PDF embeds them), poppler for PDF text
  # and page images, Chromium + driver for browser tests, SoftHSM for the token-signing tests,
  # LibreOffice Writer (headless) to convert the DOCX to PDF in the DOCX tests.
  # Installed only when missing.
  local need=()
  fc-list 2>/dev/null | grep -qi "Liberation Serif" || need+=(fonts-liberation)
  command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
  ldconfig -p 2>/dev/null | grep -q libpango-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
  if [ "${1:-}" = "test" ]; then
    command -v chromium >/dev/null 2>&1 || need+=(chromium)
    command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
    command -v softhsm2-util >/dev/null 2>&1 || need+=(softhsm2)  # a PKCS#11 token for the signing tests
    command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)  # opens the DOCX in the tests
  fi
  [ ${#need[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    say "Installing system packages: ${need[*]}"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "WARNING: missing system packages: ${need[*]} (install them with: sudo apt-get install ${need[*]})" >&2
  fi
}

make_venv() {
  local py
  py=$(find_python) || die "Python 3.12 or newer is needed (Django 6 requires it) and none was found.
  On Debian 13: sudo apt-get install python3 python3-venv
  With pyenv:   pyenv install 3.12 && PYTHON=\$(pyenv root)/versions/3.12.*/bin/python ./dev.sh ${1:-demo}
  Or point PYTHON at an existing interpreter: PYTHON=/path/to/python3.12 ./dev.sh ${1:-demo}"
  if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then
    say "Creating virtualenv with $py"
    rm -rf "$VENV"
    "$py" -m venv "$VENV"
  fi
}

setup() {
  make_venv "${1:-}"
  system_packages "${1:-}"
  # The pinned set of requirements.lock (runtime + dev extra), then the project itself.
  "$VENV/bin/python" scripts/lockfile.py check || die "pyproject.toml changed without ./dev.sh lock"
  local stamp="$VENV/.installed-$(cat pyproject.toml requirements.lock | sha256sum | cut -c1-16)"
  if [ ! -f "$stamp" ]; then
    say "Installing Python dependencies (requirements.lock)"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q --require-hashes -r requirements.lock
    "$VENV/bin/python" -m pip install -q --no-deps -e .
    rm -f "$VENV"/.installed-*
    touch "$stamp"
  fi
}

lock() {
  # requirements.lock: every package of the runtime and the dev extra pinned, with hashes, for
  # Python 3.12+ on every platform. Existing pins are kept unless --upgrade(-package) is given.
  make_venv
  [ -x "$VENV/bin/uv" ] || "$VENV/bin/python" -m pip install -q uv
  "$VENV/bin/uv" pip compile pyproject.toml --extra dev --universal --python-version 3.12 \
    --generate-hashes --custom-compile-command "./dev.sh lock" --quiet -o requirements.lock "$@"
}

PY="$VENV/bin/python"

case "${1:-}" in
  setup)
    setup "${2:-}"
    ;;
  demo)
    setup demo
    export DEBUG="${DEBUG:-1}"
    say "Migrating database (${DATABASE_URL:-SQLite file var/db.sqlite3})"
    "$PY" manage.py migrate --noinput -v 0
    say "Loading demo data"
    "$PY" manage.py load_demo ${DEMO_PASSWORD:+--password "$DEMO_PASSWORD"}
    if [ -n "${REDIS_URL:-}" ]; then
      say "Starting a Celery worker in the background"
      "$VENV/bin/celery" -A cchc_portal worker -B -l warning --concurrency 2 &
      trap 'kill %1 2>/dev/null || true' EXIT
    fi
    say "Serving the portal on http://127.0.0.1:8000 (Ctrl+C stops it)"
    "$PY" manage.py runserver 127.0.0.1:8000
    ;;
  test)
    setup test
    shift || true
    say "ruff"
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    say "mypy (django-stubs)"
    DEBUG=1 "$VENV/bin/mypy"
    say "pip-audit of requirements.lock"
    "$PY" scripts/lockfile.py audit || die "the locked set has a known vulnerability with a fix (see above)"
    say "migrations are up to date"
    DEBUG=1 "$PY" manage.py makemigrations --check --dry-run >/dev/null || die "models changed without a migration (run: .venv/bin/python manage.py makemigrations)"
    say "pytest (database: ${DATABASE_URL:-SQLite}, redis: ${REDIS_URL:-none, eager Celery})"
    "$PY" -m pytest -n "${PYTEST_WORKERS:-2}" "$@"
    ;;
  worker)
    setup
    export DEBUG="${DEBUG:-1}"  # a local worker; with DEBUG=0 it needs a SECRET_KEY like the web
    exec "$VENV/bin/celery" -A cchc_portal worker -B -l info
    ;;
  lock)
    shift || true
    lock "$@"
    ;;
  bench)
    setup
    export SECRET_KEY="${SECRET_KEY:-bench-only-not-a-secret}"  # DEBUG stays off for honest timings
    shift || true
    exec "$PY" bench/run.py "$@"
    ;;
  *)
    echo "usage: ./dev.sh demo | test [pytest args] | setup | worker | bench | lock [uv args]" >&2
    exit 2
    ;;
esac
