import pytest
from django.urls import reverse

from apps.todos.services import todo_open


@pytest.mark.django_db
def test_inbox_shows_only_my_items_and_header_count(client, people, prosecution):
    todo_open(
        target=prosecution,
        step_code="x",
        label="Approve",
        assignees=[people["head"]],
        url="/x/",
        subject="一条信息",
    )
    client.force_login(people["head"])
    response = client.get(reverse("todos:inbox"))
    assert [i.subject for i in response.context["items"]] == ["一条信息"]
    assert response.context["todo_counts"]["open"] == 1
    client.force_login(people["staff"])
    response = client.get(reverse("todos:inbox"))
    assert list(response.context["items"]) == []
