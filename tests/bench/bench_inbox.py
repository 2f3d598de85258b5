"""Benchmarks for the shared pages; run with `make bench` (not part of `make test`).

They print timings for a person to read and compare between commits; what they
assert is the shape (queries do not grow with the data), never a wall-clock.
"""

import time

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.todos.models import TodoItem

pytestmark = [pytest.mark.bench, pytest.mark.django_db]


def _fill(user, department, count):
    content_type = ContentType.objects.get_for_model(department)
    TodoItem.objects.bulk_create(
        TodoItem(
            procuratorate_id=department.procuratorate_id,
            assignee=user,
            content_type=content_type,
            object_id=str(department.pk),
            step_code=f"bench.{n}",
            label="Approve",
            subject=f"待审信息 {n}",
            url="/",
        )
        for n in range(count)
    )


@pytest.mark.parametrize("count", [10, 5_000])
def test_inbox_with_many_todos(client, people, prosecution, count, capsys):
    user = people["head"]
    _fill(user, prosecution, count)
    client.force_login(user)
    url = reverse("todos:inbox")
    client.get(url)
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200
    with capsys.disabled():
        print(
            f"\ninbox with {count} to-dos: "
            f"{elapsed * 1000:.1f} ms, {len(queries)} queries"
        )
    assert len(queries) <= 20
