"""The score computation through a real Celery worker."""

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from apps.appraisal.models import Checkpoint, DepartmentResult, ScoreRun
from apps.appraisal.services.scoring import grade_record, score_run_start
from apps.appraisal.tasks import checkpoints_open_reporting_task, score_run_compute_task
from apps.audit.models import AuditEvent
from apps.todos.models import TodoItem
from procuratorate.beat import CELERY_BEAT_SCHEDULE
from procuratorate.celery import app
from tests.waiting import wait_until


def test_the_checkpoint_job_is_scheduled():
    app.loader.import_default_modules()
    entry = CELERY_BEAT_SCHEDULE["appraisal-open-checkpoint-reporting"]
    assert entry["task"] in app.tasks


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_scores_are_computed_by_a_worker_after_commit(scenario):
    s = scenario.set_up().approve_all()
    s.report(s.cases, s.people["head"], actual_value=110)
    s.report(s.rate, s.second_head, numerator=8, denominator=100)
    grade_record(actor=s.ao, target=s.team, grade="良好")
    # A checkpoint falling due today: the reporting job will leave a marker.
    marker = Checkpoint.objects.filter(cycle=s.cycle).order_by("due_date").first()
    Checkpoint.objects.filter(pk=marker.pk).update(
        due_date=timezone.localdate(), reporting_opened_at=None
    )
    with start_worker(app, perform_ping_check=False, pool="solo"):
        # The service enqueues the task on commit (no transaction wraps this test).
        run = score_run_start(actor=s.ao, cycle=s.cycle)
        wait_until(
            lambda: ScoreRun.objects.get(pk=run.pk).status != ScoreRun.Status.QUEUED,
            what="the worker to compute the run",
        )
        # Delivered twice (e.g. after a worker died), the task changes nothing.
        # The solo worker takes tasks in order: once the job queued after the
        # duplicate has left its marker, the duplicate has been handled.
        score_run_compute_task.apply_async(args=[run.pk])
        checkpoints_open_reporting_task.delay()
        wait_until(
            lambda: Checkpoint.objects.filter(
                pk=marker.pk, reporting_opened_at__isnull=False
            ).exists(),
            what="the task queued after the duplicate",
        )
    run.refresh_from_db()
    assert run.status == ScoreRun.Status.COMPUTED, run.error
    assert DepartmentResult.objects.filter(run=run).count() == 3
    assert AuditEvent.objects.filter(action="appraisal.run.computed").count() == 1
    assert TodoItem.objects.filter(
        assignee=s.pg, step_code="appraisal.results.approve", status="open"
    ).exists()
