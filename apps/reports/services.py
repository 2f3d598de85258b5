"""Report jobs: asking for an export, running it in a worker, handing out the file."""

import json
import logging
import time
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import locked as row_locked
from apps.core.scoping import user_procuratorate_id

from .models import ReportJob
from .registry import ReportError, UnknownReport, get_report
from .texts import INVALID_PARAMS

logger = logging.getLogger(__name__)

# Limits of report_job_run_task. A job still "running" after RUN_LEASE has lost
# its worker (the hard limit would have ended it), so another run may take over.
SOFT_TIME_LIMIT = 10 * 60
TIME_LIMIT = SOFT_TIME_LIMIT + 60
RUN_LEASE = timedelta(seconds=TIME_LIMIT + 60)
# A job still queued this long lost its message; report_jobs_recover resends it.
QUEUE_PATIENCE = timedelta(minutes=10)
# Progress is advisory: write it at most this often (seconds) unless it jumps.
PROGRESS_INTERVAL = 0.5
MAX_PARAMS_JSON = 2000

GENERAL_FAILURE = _(
    "The report could not be produced. Please try again later; if it fails "
    "again, tell the system administrator."
)

TOO_LONG = _("The report took too long. Narrow it down and try again.")


class JobBusy(Exception):
    """Another worker is running the job; try again after `retry_after` seconds."""

    def __init__(self, retry_after):
        super().__init__(retry_after)
        self.retry_after = retry_after


def _clean_params(params):
    params = {} if params is None else params
    if not isinstance(params, dict) or not all(isinstance(k, str) for k in params):
        raise ValidationError(INVALID_PARAMS, code="params")
    try:
        encoded = json.dumps(params)
    except (TypeError, ValueError) as exc:
        raise ValidationError(INVALID_PARAMS, code="params") from exc
    if len(encoded) > MAX_PARAMS_JSON:
        raise ValidationError(INVALID_PARAMS, code="params")
    return params


def _enqueue(job_id):
    from .tasks import report_job_run_task  # tasks import this module

    report_job_run_task.delay(job_id)


@transaction.atomic
def report_job_create(*, actor, kind, format, params=None):
    """Ask for report `kind` in `format`; the file is made by a worker after commit.

    Raises PermissionDenied when `actor` may not have this report, and
    ValidationError for an unknown kind, a format the kind does not offer, or
    parameters that are not a small JSON object.
    """
    try:
        spec = get_report(kind)
    except UnknownReport:
        raise ValidationError(_("Unknown report."), code="unknown") from None
    staff = getattr(actor, "staff", None) if actor.is_authenticated else None
    if staff is None or not actor.has_perm(spec.permission):
        raise PermissionDenied
    if format not in spec.formats:
        raise ValidationError(
            _("This report is not offered in that format."), code="format"
        )
    job = ReportJob(
        procuratorate_id=staff.procuratorate_id,
        requested_by=actor,
        kind=kind,
        format=format,
        params=_clean_params(params),
    )
    job.full_clean()
    job.save()
    audit_record(
        actor=actor,
        action="reports.job.create",
        target=job,
        after=model_snapshot(job, fields={"kind", "format", "params"}),
        message=gettext_noop("Asked for a report"),
    )
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def report_job_run(*, job_id):
    """Produce the file of job `job_id`; safe to call twice.

    Called by report_job_run_task, never inside a transaction: the producer
    may run for minutes, and its progress must be visible to the job page
    meanwhile. A job that is done or failed is left alone. A job another
    worker is running raises JobBusy, unless that worker's lease ran out.
    """
    job = _claim(job_id)
    if job is None:
        return None
    # Messages are stored in the site language; the worker has no request.
    with translation.override(settings.LANGUAGE_CODE):
        try:
            spec = get_report(job.kind)
            requester = job.requested_by
            if not requester.has_perm(spec.permission):
                raise ReportError(_("You may no longer have this report."))
            if user_procuratorate_id(requester) != job.procuratorate_id:
                raise ReportError(_("You have moved to another procuratorate."))
            filename, content = spec.producer(job, _progress_recorder(job))
        except ReportError as exc:
            return _finish_failed(job, str(exc))
        except UnknownReport:
            return _finish_failed(job, str(_("This report is no longer offered.")))
        except SoftTimeLimitExceeded:
            logger.warning("Report job %s (%s) ran out of time", job.pk, job.kind)
            return _finish_failed(job, str(TOO_LONG))
        except Exception:
            logger.exception("Report job %s (%s) failed", job.pk, job.kind)
            return _finish_failed(job, str(GENERAL_FAILURE))
        try:
            return _finish_done(job, filename, content)
        except Exception:
            logger.exception("Report job %s: the file could not be stored", job.pk)
            return _finish_failed(job, str(GENERAL_FAILURE))


@transaction.atomic
def _claim(job_id):
    """Move the job from queued to running; return it, or None if nothing to do."""
    job = ReportJob.objects.select_for_update().filter(pk=job_id).first()
    if job is None:
        return None
    now = timezone.now()
    if job.status == ReportJob.Status.RUNNING:
        lease_end = job.started_at + RUN_LEASE
        if lease_end > now:
            raise JobBusy(retry_after=int((lease_end - now).total_seconds()) + 1)
        logger.warning("Report job %s lost its worker; running it again", job.pk)
    elif job.status != ReportJob.Status.QUEUED:
        return None
    job.status = ReportJob.Status.RUNNING
    job.started_at = now
    job.progress = 0
    job.message = ""
    job.save(
        update_fields=["status", "started_at", "progress", "message", "updated_at"]
    )
    return job


def _progress_recorder(job):
    """Return `progress(percent, message)`, which commits its own small update."""
    last = {"at": 0.0, "value": None}

    def progress(percent, message=""):
        percent = max(0, min(100, int(percent)))
        value = (percent, str(message)[:255])
        now = time.monotonic()
        if value == last["value"] or (
            now - last["at"] < PROGRESS_INTERVAL and percent not in (0, 100)
        ):
            return
        last.update(at=now, value=value)
        # Only while this run still owns the job (same started_at).
        ReportJob.objects.filter(
            pk=job.pk, status=ReportJob.Status.RUNNING, started_at=job.started_at
        ).update(progress=percent, message=value[1], updated_at=timezone.now())

    return progress


def _display_filename(job, filename):
    name = get_valid_filename(str(filename or job.kind))[:200]
    if not name.lower().endswith(f".{job.format}"):
        name = f"{name}.{job.format}"
    return name


def _finish_done(job, filename, content):
    if not isinstance(content, bytes | bytearray) or not content:
        logger.error("Report job %s: producer returned no bytes", job.pk)
        return _finish_failed(job, str(GENERAL_FAILURE))
    display = _display_filename(job, filename)
    field = ReportJob._meta.get_field("file")
    # Write the file before the short transaction that records it.
    stored = field.storage.save(
        field.generate_filename(job, display),
        ContentFile(bytes(content)),
        max_length=field.max_length,
    )
    with transaction.atomic():
        locked = row_locked(job)
        if not _still_ours(locked, job):
            field.storage.delete(stored)
            return locked
        locked.file.name = stored
        locked.filename = display
        locked.status = ReportJob.Status.DONE
        locked.progress = 100
        locked.message = ""
        locked.finished_at = timezone.now()
        locked.save(
            update_fields=[
                "file",
                "filename",
                "status",
                "progress",
                "message",
                "finished_at",
                "updated_at",
            ]
        )
        audit_record(
            actor=None,
            action="reports.job.done",
            target=locked,
            after={"filename": display, "size": len(content)},
            message=gettext_noop("Report produced"),
        )
    return locked


@transaction.atomic
def _finish_failed(job, error):
    locked = row_locked(job)
    if not _still_ours(locked, job):
        return locked
    locked.status = ReportJob.Status.FAILED
    locked.error = error
    locked.message = ""
    locked.finished_at = timezone.now()
    locked.save(
        update_fields=["status", "error", "message", "finished_at", "updated_at"]
    )
    audit_record(
        actor=None,
        action="reports.job.fail",
        target=locked,
        after={"error": error},
        message=gettext_noop("Report failed"),
    )
    return locked


def _still_ours(locked, job):
    return (
        locked.status == ReportJob.Status.RUNNING
        and locked.started_at == job.started_at
    )


@transaction.atomic
def report_job_download(*, actor, job):
    """Record that `actor` fetched the file of `job` (their own, finished job)."""
    if not job.is_downloadable or not actor.has_perm("reports.download_reportjob", job):
        raise PermissionDenied
    audit_record(
        actor=actor,
        action="reports.job.download",
        target=job,
        message=gettext_noop("Downloaded a report"),
    )
    return job


def report_jobs_recover():
    """Look after jobs whose worker or message was lost; return (requeued, failed).

    A job still queued after QUEUE_PATIENCE lost its message (the broker was
    emptied): send it again; a second message for a job is harmless. A job
    still running after RUN_LEASE lost its worker (the hard time limit ended
    it, or the machine stopped): mark it failed, so its page stops waiting.
    """
    now = timezone.now()
    queued = list(
        ReportJob.objects.filter(
            status=ReportJob.Status.QUEUED, created_at__lt=now - QUEUE_PATIENCE
        ).values_list("pk", flat=True)
    )
    for job_id in queued:
        _enqueue(job_id)
    failed = 0
    stalled = ReportJob.objects.filter(
        status=ReportJob.Status.RUNNING, started_at__lt=now - RUN_LEASE
    ).values_list("pk", flat=True)
    for job_id in stalled:
        with transaction.atomic():
            job = ReportJob.objects.select_for_update().get(pk=job_id)
            if job.status != ReportJob.Status.RUNNING or job.started_at >= (
                now - RUN_LEASE
            ):
                continue
            with translation.override(settings.LANGUAGE_CODE):
                _finish_failed(job, str(TOO_LONG))
            failed += 1
    return len(queued), failed


def report_job_purge(*, older_than=timedelta(days=7)):
    """Delete finished jobs (and their files) older than `older_than`; return count.

    Exports hold personal data (names, phones): they are kept only briefly.
    """
    cutoff = timezone.now() - older_than
    jobs = ReportJob.objects.filter(
        status__in=[ReportJob.Status.DONE, ReportJob.Status.FAILED],
        finished_at__lt=cutoff,
    )
    storage = ReportJob._meta.get_field("file").storage
    count = 0
    for job in jobs.iterator():
        with transaction.atomic():
            name = job.file.name
            job.delete()
            if name:
                transaction.on_commit(lambda name=name: storage.delete(name))
            count += 1
    if count:
        audit_record(
            actor=None,
            action="reports.job.purge",
            after={"count": count, "before": cutoff},
            message=gettext_noop("Deleted old report files"),
        )
    return count
