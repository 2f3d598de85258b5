"""The comment box through HTTP: the anonymous row, errors, moderation."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from apps.audit.models import AuditEvent
from apps.comments.models import Comment
from apps.comments.services import comment_post
from apps.core.models import Department
from tests.permissions import ANONYMOUS, assert_matrix

pytestmark = pytest.mark.django_db


def form(target, body="意见", anonymous=False, **extra):
    data = {
        "content_type": ContentType.objects.get_for_model(target).pk,
        "object_id": str(target.pk),
        "body": body,
        **extra,
    }
    if "next" not in data:
        data["next"] = target.get_absolute_url()
    if anonymous:
        data["anonymous"] = "1"
    return data


def test_the_thread_and_the_notice_show_under_the_item(client, people, post):
    client.force_login(people["staff"])
    page = client.get(post.get_absolute_url()).content.decode()
    assert 'data-testid="comments"' in page
    assert "不保存您的账号" in page


def test_an_anonymous_post_through_the_form_leaves_no_trace(client, people, post):
    client.force_login(people["staff"])
    session_before = dict(client.session.items())
    events = AuditEvent.objects.count()
    response = client.post(
        reverse("comments:post"),
        form(post, "发放登记表能否公开？", anonymous=True),
        REMOTE_ADDR="10.1.2.3",
    )
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{post.get_absolute_url()}#comment-{comment.pk}"
    row = Comment.objects.filter(pk=comment.pk).values().get()
    assert row["author_id"] is None
    assert "10.1.2.3" not in {str(v) for v in row.values()}
    assert AuditEvent.objects.count() == events
    # The session holds nothing new (not even a "posted" message).
    assert dict(client.session.items()) == session_before
    page = client.get(post.get_absolute_url()).content.decode()
    assert "发放登记表能否公开？" in page
    assert people["staff"].staff.name not in page.split('id="comments"')[1]


def test_a_refused_comment_shows_the_form_again_with_the_text(client, people, post):
    client.force_login(people["staff"])
    response = client.post(reverse("comments:post"), form(post, " "))
    assert response.status_code == 400
    response = client.post(
        reverse("comments:post"), form(post, "字" * 2001, anonymous=True)
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "字" * 2001 in page
    assert 'name="anonymous" value="1"' in page and "checked" in page


def test_an_outside_next_is_ignored(client, people, post):
    client.force_login(people["staff"])
    response = client.post(
        reverse("comments:post"), form(post, next="https://evil.example/")
    )
    assert response["Location"].startswith(post.get_absolute_url())


def test_an_item_type_that_takes_no_comments_is_not_found(client, people, office):
    client.force_login(people["staff"])
    response = client.post(reverse("comments:post"), form(office, next="/"))
    assert response.status_code == 404
    assert not Comment.objects.exists()
    assert Department.objects.filter(pk=office.pk).exists()


def test_post_matrix(client, people, post):
    assert_matrix(
        client,
        people,
        {
            reverse("comments:post"): {
                ANONYMOUS: 302,
                "staff": 302,
                "clerk": 302,
                "pg": 302,
                "office_head": 302,
                "outsider": 404,
                "system_admin": 403,
                "audit_admin": 403,
            }
        },
        method="post",
        data=lambda role: form(post, f"{role}的意见"),
    )
    assert Comment.objects.count() == 4


def test_hide_and_flag_matrix(client, people, post):
    comment = comment_post(
        actor=people["staff"], target=post, body="不文明", anonymous=True
    )
    assert_matrix(
        client,
        people,
        {
            reverse("comments:flag", args=[comment.pk]): {
                ANONYMOUS: 302,
                "clerk": 302,
                "outsider": 404,
                "system_admin": 403,
            },
            reverse("comments:hide", args=[comment.pk]): {
                ANONYMOUS: 302,
                "staff": 403,
                "head": 403,
                "outsider": 404,
                "office_reviewer": 302,
            },
        },
        method="post",
        data={"reason": "侮辱性语言", "next": post.get_absolute_url()},
    )
    comment.refresh_from_db()
    assert comment.is_hidden
    page_user = people["staff"]
    client.force_login(page_user)
    page = client.get(post.get_absolute_url()).content.decode()
    assert 'data-testid="comment-hidden"' in page
    assert "不文明" not in page
