"""Celery tasks of the imports: thin, take ids, idempotent (DESIGN habit 6).

The import itself is all-or-nothing (one transaction), so a worker killed mid-import leaves
nothing written; the delivery handed back to the broker runs it again (reports/jobs.py)."""

from celery import shared_task


@shared_task(name="imports.import_run", acks_late=True, bind=True)
def import_run(self, job_id: int, commit: bool) -> None:  # noqa: ANN001 - Celery's bound task
    """Preview (commit=False) or import (commit=True) the file kept in a Job row."""
    from reports.jobs import job_heartbeat
    from reports.models import Job

    from .services import import_job_run

    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return
    with job_heartbeat(job, enabled=not self.request.is_eager):
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
