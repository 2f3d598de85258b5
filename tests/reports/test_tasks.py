"""Report jobs through a real Celery worker on Redis."""

import threading

import pytest
from celery.contrib.testing.worker import start_worker

from apps.reports.models import ReportJob
from apps.reports.registry import register_report, unregister_report
from apps.reports.services import report_job_create
from apps.reports.tasks import report_job_run_task
from procuratorate.celery import app
from tests.waiting import wait_until

WAIT_SECONDS = 30


def _wait_for(predicate, seconds=WAIT_SECONDS):
    wait_until(predicate, timeout=seconds, interval=0.05)
    return True


def test_the_run_task_is_registered_with_time_limits():
    app.loader.import_default_modules()
    task = app.tasks["apps.reports.tasks.report_job_run_task"]
    assert task.name == report_job_run_task.name
    assert 0 < task.soft_time_limit < task.time_limit


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_jobs_run_on_a_real_worker_and_show_progress_meanwhile(people):
    """The roster is made by the worker; a slow job's progress is seen meanwhile."""
    release = threading.Event()

    def slow(job, progress):
        progress(50, "半程")
        release.wait(WAIT_SECONDS)  # hold the job running until the test has looked
        return "slow.xlsx", b"PK-slow"

    register_report(
        "test_slow",
        label="slow",
        formats=["xlsx"],
        permission="core.export_staff_roster",
        producer=slow,
    )
    try:
        with start_worker(app, perform_ping_check=False, pool="solo"):
            roster = report_job_create(
                actor=people["staff"], kind="staff_roster", format="xlsx", params={}
            )
            assert _wait_for(
                lambda: (
                    ReportJob.objects.get(pk=roster.pk).status
                    in {ReportJob.Status.DONE, ReportJob.Status.FAILED}
                )
            )

            job = report_job_create(
                actor=people["staff"], kind="test_slow", format="xlsx", params={}
            )
            # Seen from this thread's own database connection while it runs.
            assert _wait_for(
                lambda: ReportJob.objects.filter(
                    pk=job.pk, status="running", progress=50, message="半程"
                ).exists()
            )
            release.set()
            assert _wait_for(lambda: ReportJob.objects.get(pk=job.pk).status == "done")
    finally:
        release.set()
        unregister_report("test_slow")

    roster.refresh_from_db()
    assert roster.status == ReportJob.Status.DONE, roster.error
    assert roster.file.name.endswith(".xlsx")
    with roster.file.open("rb") as handle:
        assert handle.read(2) == b"PK"  # a zip: the xlsx
    job.refresh_from_db()
    assert job.progress == 100
