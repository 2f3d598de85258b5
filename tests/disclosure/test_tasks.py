"""The periodic plan reminder, through a real Celery worker on Redis."""

import pytest
from celery.contrib.testing.worker import start_worker

from apps.disclosure.tasks import disclosure_open_plan_todos_task
from apps.todos.models import TodoItem
from procuratorate.celery import app
from tests.factories import Role, make_user
from tests.waiting import wait_until


def test_the_task_runs_the_service_and_is_idempotent(db, office):
    clerk = make_user(department=office, roles=[Role.DEPARTMENT_CLERK])
    assert disclosure_open_plan_todos_task.run("2025-11-03") >= 1
    assert disclosure_open_plan_todos_task.run("2025-11-20") == 0
    assert (
        TodoItem.objects.filter(
            assignee=clerk, step_code="disclosure.plan_post:2025-11", status="open"
        ).count()
        == 2
    )  # the department's plan and the clerk's own


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_plan_reminder_runs_in_a_worker(office, catalogue):
    clerk = make_user(department=office, roles=[Role.DEPARTMENT_CLERK])
    with start_worker(app, perform_ping_check=False, shutdown_timeout=10):
        disclosure_open_plan_todos_task.delay("2025-11-03")
        todos = TodoItem.objects.filter(
            assignee=clerk, step_code="disclosure.plan_post:2025-11"
        )
        wait_until(lambda: todos.count() >= 2, what="the clerk's two plan to-dos")
    assert todos.count() == 2
