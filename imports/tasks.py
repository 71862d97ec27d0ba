"""Celery tasks of the imports: thin, take ids, idempotent (DESIGN habit 6)."""

from celery import shared_task


@shared_task(name="imports.import_run", acks_late=True)
def import_run(job_id: int, commit: bool) -> None:
    """Preview (commit=False) or import (commit=True) the file kept in a Job row."""
    from .services import import_job_run

    import_job_run(job_id=job_id, commit=commit)


@shared_task(name="imports.import_jobs_purge")
def import_jobs_purge() -> int:
    """Nightly: forget uploads that were previewed but never imported (and their files)."""
    from .services import import_jobs_purge as purge

    return purge()


# The names these tasks had while they lived in tthc: a message queued before a deploy still
# finds its task. Safe to drop once no worker or broker holds the old names.
@shared_task(name="tthc.import_run", acks_late=True)
def import_run_legacy(job_id: int, commit: bool) -> None:
    import_run(job_id, commit)


@shared_task(name="tthc.import_jobs_purge")
def import_jobs_purge_legacy() -> int:
    return import_jobs_purge()
