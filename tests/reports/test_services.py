"""Report job services: asking, running once, failing politely, cleaning up."""

import os
from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from apps.audit.models import AuditEvent
from apps.reports import services
from apps.reports.models import ReportJob
from apps.reports.registry import ReportKind, register_report, unregister_report
from apps.reports.services import (
    JobBusy,
    report_job_create,
    report_job_download,
    report_job_purge,
    report_job_run,
    report_jobs_recover,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _spec(kind, producer):
    return ReportKind(kind, kind, ("xlsx", "pdf"), "core.export_staff_roster", producer)


def _create(user, kind="test_hello", fmt="xlsx", **params):
    return report_job_create(actor=user, kind=kind, format=fmt, params=params)


def test_create_queues_job_audits_and_enqueues_after_commit(
    people, test_kinds, django_capture_on_commit_callbacks
):
    staff = people["staff"]
    with (
        mock.patch("apps.reports.tasks.report_job_run_task.delay") as delay,
        django_capture_on_commit_callbacks(execute=True) as callbacks,
    ):
        job = _create(staff, who="张三")

    assert job.status == ReportJob.Status.QUEUED
    assert job.procuratorate_id == staff.staff.procuratorate_id
    assert job.requested_by == staff
    assert job.params == {"who": "张三"}
    assert len(callbacks) == 1
    delay.assert_called_once_with(job.pk)
    event = AuditEvent.objects.get(action="reports.job.create")
    assert event.actor == staff
    assert event.object_id == str(job.pk)
    assert event.after["kind"] == "test_hello"


def test_create_refuses_user_without_the_report_permission(
    people, django_capture_on_commit_callbacks
):
    """A kind for administrators only: an ordinary member of staff is refused."""
    register_report(
        "test_admins_only",
        label="admins",
        formats=["pdf"],
        permission="core.access_admin",
        producer=lambda job, progress: ("x.pdf", b"%PDF"),
    )
    try:
        with (
            django_capture_on_commit_callbacks() as callbacks,
            pytest.raises(PermissionDenied),
        ):
            _create(people["staff"], kind="test_admins_only", fmt="pdf")
    finally:
        unregister_report("test_admins_only")
    assert not ReportJob.objects.exists()
    assert not AuditEvent.objects.filter(action="reports.job.create").exists()
    assert callbacks == []


def test_create_refuses_an_account_without_staff_profile(test_kinds):
    with pytest.raises(PermissionDenied):
        _create(UserFactory())


@pytest.mark.parametrize(
    ("kind", "fmt", "params"),
    [
        ("no_such_report", "xlsx", {}),
        ("test_hello", "docx", {}),
        ("test_hello", "xlsx", {"blob": "x" * 5000}),
        ("test_hello", "xlsx", ["not", "a", "dict"]),
    ],
)
def test_create_refuses_unknown_kind_format_or_bad_params(
    people, test_kinds, kind, fmt, params
):
    with pytest.raises(ValidationError):
        report_job_create(actor=people["staff"], kind=kind, format=fmt, params=params)
    assert not ReportJob.objects.exists()


def test_run_produces_the_file_and_records_it(people, test_kinds):
    job = _create(people["staff"], who="李四")

    done = report_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job == done
    assert job.status == ReportJob.Status.DONE
    assert job.progress == 100
    assert job.started_at and job.finished_at and job.finished_at >= job.started_at
    assert job.filename == "问候.txt.xlsx"
    assert job.file.name.startswith("reports/") and job.file.name.endswith(".xlsx")
    with job.file.open("rb") as handle:
        assert handle.read().decode() == "你好 李四"
    assert AuditEvent.objects.filter(
        action="reports.job.done", object_id=str(job.pk)
    ).exists()


def test_progress_is_written_while_the_producer_runs(people, test_kinds):
    seen = []

    def watching(job, progress):
        progress(40, "读取数据")
        seen.append(ReportJob.objects.values_list("progress", "message").get())
        return "a.pdf", b"%PDF-1.7"

    register_report(
        "test_watch",
        label="watch",
        formats=["pdf"],
        permission="core.export_staff_roster",
        producer=watching,
    )
    try:
        job = _create(people["staff"], kind="test_watch", fmt="pdf")
        report_job_run(job_id=job.pk)
    finally:
        unregister_report("test_watch")
    assert seen == [(40, "读取数据")]


def test_running_twice_produces_once(people, test_kinds):
    """A second delivery of the task finds the job done and changes nothing."""
    job = _create(people["staff"])
    calls = []

    def counting(job, progress):
        calls.append(job.pk)
        return "a.xlsx", b"PK"

    with mock.patch.dict(
        "apps.reports.registry._registry",
        {"test_hello": _spec("test_hello", counting)},
    ):
        report_job_run(job_id=job.pk)
        job.refresh_from_db()
        first = (job.file.name, job.finished_at)
        report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert calls == [job.pk]
    assert (job.file.name, job.finished_at) == first
    assert report_job_run(job_id=999_999) is None  # a deleted job: nothing to do


def test_a_job_another_worker_runs_is_left_alone_until_its_lease_ends(
    people, test_kinds
):
    job = _create(people["staff"])
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportJob.Status.RUNNING, started_at=timezone.now()
    )
    with pytest.raises(JobBusy) as busy:
        report_job_run(job_id=job.pk)
    assert 0 < busy.value.retry_after <= services.RUN_LEASE.total_seconds() + 1
    job.refresh_from_db()
    assert job.status == ReportJob.Status.RUNNING

    # The worker died: after the lease another run takes the job over.
    ReportJob.objects.filter(pk=job.pk).update(
        started_at=timezone.now() - services.RUN_LEASE - timedelta(seconds=1)
    )
    report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE


def test_a_crash_is_recorded_as_failure_without_internal_details(
    people, test_kinds, caplog
):
    job = _create(people["staff"], kind="test_broken")

    with translation.override("zh-hans"):
        report_job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert job.finished_at is not None
    assert not job.file
    with translation.override("zh-hans"):
        assert job.error == str(services.GENERAL_FAILURE)
    assert "secret" not in job.error and "Traceback" not in job.error
    assert "secret internal detail" in caplog.text  # the log keeps the details
    assert AuditEvent.objects.filter(action="reports.job.fail").exists()
    # A failed job is not run again by a second delivery.
    report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED


def test_a_report_error_is_shown_to_the_requester_as_written(people, test_kinds):
    job = _create(people["staff"], kind="test_refusal")
    report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert job.error == "部门不存在。"


def test_a_requester_who_lost_the_permission_gets_no_file(people, test_kinds):
    staff = people["staff"]
    job = _create(staff)
    staff.is_active = False
    staff.save(update_fields=["is_active"])
    report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert not job.file


def test_download_is_audited_and_only_for_the_requester(people, test_kinds):
    job = _create(people["staff"])
    report_job_run(job_id=job.pk)
    job.refresh_from_db()

    report_job_download(actor=people["staff"], job=job)
    assert AuditEvent.objects.filter(
        action="reports.job.download", actor=people["staff"]
    ).exists()
    for other in ("head", "outsider"):
        with pytest.raises(PermissionDenied):
            report_job_download(actor=people[other], job=job)


def test_purge_deletes_old_finished_jobs_and_their_files(
    people, test_kinds, django_capture_on_commit_callbacks
):
    old = _create(people["staff"])
    report_job_run(job_id=old.pk)
    old.refresh_from_db()
    path = old.file.path
    ReportJob.objects.filter(pk=old.pk).update(
        finished_at=timezone.now() - timedelta(days=8)
    )
    recent = _create(people["staff"])
    report_job_run(job_id=recent.pk)

    with django_capture_on_commit_callbacks(execute=True):
        assert report_job_purge() == 1

    assert list(ReportJob.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not os.path.exists(path)


def test_recover_resends_lost_jobs_and_fails_stalled_ones(people, test_kinds):
    lost = _create(people["staff"])
    ReportJob.objects.filter(pk=lost.pk).update(
        created_at=timezone.now() - services.QUEUE_PATIENCE - timedelta(minutes=1)
    )
    fresh = _create(people["staff"])
    stalled = _create(people["staff"])
    ReportJob.objects.filter(pk=stalled.pk).update(
        status=ReportJob.Status.RUNNING,
        started_at=timezone.now() - services.RUN_LEASE - timedelta(minutes=1),
    )

    with mock.patch("apps.reports.tasks.report_job_run_task.delay") as delay:
        assert report_jobs_recover() == (1, 1)

    delay.assert_called_once_with(lost.pk)
    fresh.refresh_from_db()
    stalled.refresh_from_db()
    assert fresh.status == ReportJob.Status.QUEUED
    assert stalled.status == ReportJob.Status.FAILED
    assert stalled.error


def test_a_file_that_cannot_be_stored_fails_the_job(people, test_kinds):
    job = _create(people["staff"])
    with mock.patch(
        "django.core.files.storage.FileSystemStorage.save",
        side_effect=OSError("disk full"),
    ):
        report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert "disk" not in job.error


def test_a_requester_moved_to_another_procuratorate_gets_no_file(
    people, test_kinds, other_procuratorate
):
    staff = people["staff"]
    job = _create(staff)
    profile = staff.staff
    profile.procuratorate = other_procuratorate
    profile.department = None
    profile.save(update_fields=["procuratorate", "department"])
    report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert not job.file
