import datetime

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from apps.todos.models import TodoItem
from apps.todos.services import todo_open
from apps.todos.tasks import todos_flag_overdue_task
from procuratorate.beat import CELERY_BEAT_SCHEDULE
from procuratorate.celery import app
from tests.waiting import wait_until


def test_every_periodic_task_names_a_registered_task():
    app.loader.import_default_modules()
    for entry in CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks, entry["task"]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_overdue_flagging_runs_on_a_real_worker(people, prosecution):
    todo_open(
        target=prosecution,
        step_code="x",
        label="Approve",
        assignees=[people["head"]],
        url="/x/",
        due_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    with start_worker(app, perform_ping_check=False, pool="solo"):
        result = todos_flag_overdue_task.apply_async()
        # Results are not stored (ignore_result); wait on the database instead.
        wait_until(
            TodoItem.objects.filter(overdue_flagged_at__isnull=False).exists,
            what="the overdue flag",
        )
    assert result.id
    assert TodoItem.objects.get().overdue_flagged_at is not None
