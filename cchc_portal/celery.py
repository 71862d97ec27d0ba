"""Celery application. Tasks stay thin: they load a row by id and call a service."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc_portal.settings")

app = Celery("cchc_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# Task modules not named tasks.py (autodiscovery only finds <app>.tasks).
app.conf.imports = ("reports.rendering.tasks",)

app.conf.beat_schedule = {
    # Every minute: fail jobs whose worker died (no heartbeat), send again jobs the broker
    # refused or lost, recompute snapshots older than their data (reports/jobs.py).
    "reconcile-jobs": {
        "task": "reports.tasks.jobs_reconcile",
        "schedule": 60.0,
    },
    # Refresh the indicator snapshots of every open period once a night.
    "refresh-open-periods-nightly": {
        "task": "reports.tasks.refresh_open_periods",
        "schedule": crontab(hour=1, minute=30),
    },
    # Deadline reminders (7 days, 1 day before, then overdue), each sent once.
    "deadline-reminders-daily": {
        "task": "notifications.tasks.send_deadline_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    # Delete uploads left at the preview stage (CCHC_IMPORT_KEEP_HOURS old) and their files.
    "purge-abandoned-uploads-nightly": {
        "task": "imports.import_jobs_purge",
        "schedule": crontab(hour=2, minute=15),
    },
}


@app.task(name="cchc_portal.health")
def health(token: str = "ping") -> str:
    """Round trip through the broker and a worker: returns the token with 'pong'."""
    return f"pong:{token}"
