"""Celery tasks of the notifications: thin, idempotent (a notice is mailed once)."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_email(pk: int) -> bool:
    return services.email_notice(pk)


@shared_task
def send_deadline_reminders() -> int:
    """Daily (beat): the deadline reminders of the day, each once; then mail the notices whose
    mail the broker refused when they were made."""
    created = services.send_deadline_reminders()
    for pk in services.pending_email_ids():
        send_notification_email.delay(pk)
    return created
