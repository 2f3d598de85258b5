import datetime

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.todos.models import TodoItem
from apps.todos.selectors import todo_counts_for_user, todo_list_for_user
from apps.todos.services import (
    todo_close,
    todo_close_all,
    todo_open,
    todos_flag_overdue,
)


def _open(target, users, *, step="test.review", due_at=None):
    return todo_open(
        target=target,
        step_code=step,
        label="Review",
        assignees=users,
        url="/somewhere/",
        due_at=due_at,
    )


@pytest.mark.django_db
def test_step_for_several_candidates_closes_for_all_when_one_acts(people, prosecution):
    _open(prosecution, [people["head"], people["officer"]])
    assert todo_counts_for_user(people["head"]) == (1, 0)
    closed = todo_close(
        target=prosecution, step_code="test.review", actor=people["head"]
    )
    assert closed == 2
    assert todo_counts_for_user(people["officer"]) == (0, 0)
    assert TodoItem.objects.filter(status="done", closed_by=people["head"]).count() == 2


@pytest.mark.django_db
def test_opening_twice_keeps_one_open_item(people, prosecution):
    _open(prosecution, [people["head"]])
    _open(prosecution, [people["head"], people["head"]])
    assert TodoItem.objects.filter(assignee=people["head"], status="open").count() == 1


@pytest.mark.django_db
def test_database_allows_only_one_open_item_per_step_and_person(people, prosecution):
    _open(prosecution, [people["head"]])
    item = TodoItem.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        TodoItem.objects.create(
            procuratorate=item.procuratorate,
            assignee=item.assignee,
            content_type=item.content_type,
            object_id=item.object_id,
            step_code=item.step_code,
            label="dup",
            subject="dup",
            url="/",
        )


@pytest.mark.django_db
def test_flag_overdue_is_idempotent_and_counts(people, prosecution):
    past = timezone.now() - datetime.timedelta(hours=1)
    future = timezone.now() + datetime.timedelta(days=1)
    _open(prosecution, [people["head"]], step="a", due_at=past)
    _open(prosecution, [people["head"]], step="b", due_at=future)
    assert todos_flag_overdue() == 1
    assert todos_flag_overdue() == 0
    assert todo_counts_for_user(people["head"]) == (2, 1)
    items = list(todo_list_for_user(user=people["head"]))
    assert items[0].step_code == "a" and items[0].is_overdue


@pytest.mark.django_db
def test_withdrawn_object_cancels_everything(people, prosecution):
    _open(prosecution, [people["head"]], step="a")
    _open(prosecution, [people["officer"]], step="b")
    assert todo_close_all(target=prosecution) == 2
    assert not TodoItem.objects.filter(status="open").exists()
