"""Thin Celery tasks: they take ids and call services."""

from celery import shared_task

from .services import (
    SOFT_TIME_LIMIT,
    TIME_LIMIT,
    JobBusy,
    report_job_purge,
    report_job_run,
    report_jobs_recover,
)


@shared_task(
    bind=True,
    name="apps.reports.tasks.report_job_run_task",
    soft_time_limit=SOFT_TIME_LIMIT,
    time_limit=TIME_LIMIT,
    max_retries=5,
)
def report_job_run_task(self, job_id):
    """Produce report job `job_id`; a second delivery finds it done and stops."""
    try:
        report_job_run(job_id=job_id)
    except JobBusy as busy:
        # Another worker holds the job: look again when its lease runs out.
        raise self.retry(countdown=busy.retry_after) from None


@shared_task(name="apps.reports.tasks.report_jobs_cleanup_task")
def report_jobs_cleanup_task():
    """Resend lost jobs, fail stalled ones, delete files older than a week.

    Idempotent; meant to run every few minutes from the beat schedule.
    """
    report_jobs_recover()
    report_job_purge()
