import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_health_task_runs_eagerly_without_redis():
    from cchc_portal.celery import health

    assert health.delay("abc").get(timeout=5) == "pong:abc"


@pytest.mark.worker
def test_health_task_round_trips_through_a_real_worker(celery_worker):
    from cchc_portal.celery import health

    result = health.delay("xyz")
    assert result.get(timeout=20) == "pong:xyz"


def _run_manage(*args, **env):
    full_env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], capture_output=True, text=True, env=full_env, cwd=ROOT
    )


def test_check_deploy_is_clean_with_debug_off_and_a_real_secret():
    result = _run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="x9!Qm3#Lr7^Vt2&Zp8*Wk4(Yh6)Nc1@Fs5$Jd0%Gb-aT7uE2oR9iP4sD6fG8hJ",
        ALLOWED_HOSTS="cchc.example.vn",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_embedded_default_is_sqlite_and_eager_celery():
    code = "from django.conf import settings as s; print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER)"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    env["DJANGO_SETTINGS_MODULE"] = "cchc_portal.settings"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True"], result.stderr
