"""The score computation through a real Celery worker."""

import datetime
import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from apps.appraisal.models import DepartmentResult, ScoreRun
from apps.appraisal.services.scoring import grade_record, score_run_start
from apps.appraisal.tasks import score_run_compute_task
from apps.todos.models import TodoItem
from procuratorate.beat import CELERY_BEAT_SCHEDULE
from procuratorate.celery import app


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
    with start_worker(app, perform_ping_check=False, pool="solo"):
        # The service enqueues the task on commit (no transaction wraps this test).
        run = score_run_start(actor=s.ao, cycle=s.cycle)
        deadline = timezone.now() + datetime.timedelta(seconds=30)
        while timezone.now() < deadline:
            run.refresh_from_db()
            if run.status != ScoreRun.Status.QUEUED:
                break
            time.sleep(0.2)
        # Delivered twice (e.g. after a worker died), the task changes nothing.
        score_run_compute_task.apply_async(args=[run.pk])
        time.sleep(1)
    assert run.status == ScoreRun.Status.COMPUTED, run.error
    assert DepartmentResult.objects.filter(run=run).count() == 3
    assert TodoItem.objects.filter(
        assignee=s.pg, step_code="appraisal.results.approve", status="open"
    ).exists()
