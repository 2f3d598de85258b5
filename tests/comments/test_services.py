"""Posting, anonymity, rate limits, flags and moderation."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.audit.models import AuditEvent
from apps.comments.models import Comment
from apps.comments.selectors import comment_thread
from apps.comments.services import (
    ANONYMOUS_PER_ITEM_PER_HOUR,
    comment_flag,
    comment_hide,
    comment_post,
)
from apps.disclosure.services import board_post_withdraw
from apps.todos.models import TodoItem
from tests.disclosure.conftest import at

pytestmark = pytest.mark.django_db


def say(user, target, body="建议库房每周公布一次库存", anonymous=False, parent=None):
    return comment_post(
        actor=user, target=target, body=body, anonymous=anonymous, parent=parent
    )


class TestPosting:
    def test_a_signed_comment_names_its_author_and_is_audited(
        self, clock, people, post
    ):
        clock.at(2025, 11, 24, 10, 17, 33)
        comment = say(people["staff"], post)
        assert comment.author == people["staff"]
        assert not comment.is_anonymous
        assert comment.posted_at == at(2025, 11, 24, 10, 17, 33)
        assert AuditEvent.objects.filter(
            action="comments.comment.post", object_id=str(comment.pk)
        ).exists()

    def test_an_anonymous_comment_keeps_nothing_of_its_author(
        self, clock, people, post
    ):
        clock.at(2025, 11, 24, 10, 17, 33)
        events = AuditEvent.objects.count()
        todos = TodoItem.objects.count()
        comment = say(people["staff"], post, "库房发放太慢", anonymous=True)
        row = Comment.objects.filter(pk=comment.pk).values().get()
        assert row["author_id"] is None
        assert row["is_anonymous"] is True
        # Only the hour: a precise time could be matched with access logs.
        assert row["posted_at"] == at(2025, 11, 24, 10)
        user = people["staff"]
        identifying = {user.pk, str(user.pk), user.username, user.staff.name}
        assert not identifying & {v for v in row.values() if isinstance(v, int | str)}
        # And nothing written elsewhere in the same breath.
        assert AuditEvent.objects.count() == events
        assert TodoItem.objects.count() == todos

    def test_empty_or_overlong_comments_are_refused(self, people, post):
        with pytest.raises(ValidationError):
            say(people["staff"], post, "   ")
        with pytest.raises(ValidationError):
            say(people["staff"], post, "字" * 2001)

    def test_another_procuratorates_item_takes_no_comment(self, people, other_post):
        with pytest.raises(PermissionDenied):
            say(people["staff"], other_post)

    @pytest.mark.parametrize("who", ["system_admin", "security_admin", "audit_admin"])
    def test_administrators_do_not_comment(self, people, post, who):
        with pytest.raises(PermissionDenied):
            say(people[who], post)

    def test_a_withdrawn_item_takes_no_more_comments(self, people, post):
        board_post_withdraw(actor=people["office_reviewer"], post=post, reason="有误")
        with pytest.raises(ValidationError):
            say(people["staff"], post)

    def test_a_reply_to_a_reply_joins_the_same_thread(self, people, post):
        first = say(people["staff"], post, "问题")
        reply = say(people["office_reviewer"], post, "答复", parent=first)
        again = say(people["staff"], post, "追问", parent=reply)
        assert (reply.parent, again.parent) == (first, first)

    def test_a_reply_must_be_under_the_same_item(self, people, post, catalogue):
        from apps.disclosure.models import BoardColumn
        from apps.disclosure.services import board_post_publish

        elsewhere = board_post_publish(
            actor=people["office_reviewer"],
            column=BoardColumn.objects.get(code="finance"),
            title="另一条",
            body="……",
        )
        first = say(people["staff"], post)
        with pytest.raises(ValidationError):
            say(people["staff"], elsewhere, "回复", parent=first)


class TestRateLimits:
    def test_anonymous_comments_share_an_hourly_quota_per_item(
        self, clock, people, post
    ):
        clock.at(2025, 11, 24, 10, 5)
        writers = ["staff", "clerk", "head", "officer", "pg"]
        for who in writers[:ANONYMOUS_PER_ITEM_PER_HOUR]:
            say(people[who], post, f"{who}的意见", anonymous=True)
        clock.at(2025, 11, 24, 10, 59, 59)
        # A sixth is refused for anyone, whoever wrote the earlier ones.
        with pytest.raises(ValidationError, match="小时"):
            say(people["deputy"], post, "第六条", anonymous=True)
        # Signing is still possible; and the next hour the quota is fresh.
        say(people["deputy"], post, "署名意见")
        clock.at(2025, 11, 24, 11, 0)
        say(people["deputy"], post, "第六条", anonymous=True)

    def test_signed_comments_are_limited_per_person(self, clock, people, post):
        clock.at(2025, 11, 24, 9)
        for i in range(20):
            say(people["staff"], post, f"第{i}条")
        with pytest.raises(ValidationError):
            say(people["staff"], post, "太多了")
        say(people["clerk"], post, "别人不受影响")
        clock.set(at(2025, 11, 24, 9) + datetime.timedelta(hours=1, seconds=1))
        say(people["staff"], post, "一小时后可以")


class TestModeration:
    def test_flags_reach_the_office_once_per_person(self, people, post):
        comment = say(people["staff"], post, "不文明的话", anonymous=True)
        comment_flag(actor=people["clerk"], comment=comment, reason="人身攻击")
        with pytest.raises(ValidationError):
            comment_flag(actor=people["clerk"], comment=comment)
        comment = comment_flag(actor=people["head"], comment=comment)
        assert comment.flag_count == 2
        todos = TodoItem.objects.filter(
            object_id=str(comment.pk), step_code="comments.review", status="open"
        )
        assert set(todos.values_list("assignee__username", flat=True)) == {
            "t.reviewer",
            "t.officehead",
        }

    def test_the_office_hides_leaving_a_dated_placeholder_and_readable_replies(
        self, clock, people, post
    ):
        clock.at(2025, 11, 24, 9)
        abusive = say(people["staff"], post, "不文明的话", anonymous=True)
        reply = say(people["clerk"], post, "请文明发言", parent=abusive)
        comment_flag(actor=people["clerk"], comment=abusive)
        clock.at(2025, 11, 25, 14)
        comment_hide(
            actor=people["office_head"], comment=abusive, reason="含侮辱性语言"
        )

        abusive.refresh_from_db()
        assert abusive.hidden_at == at(2025, 11, 25, 14)
        assert abusive.hidden_by == people["office_head"]
        event = AuditEvent.objects.get(
            action="comments.comment.hide", object_id=str(abusive.pk)
        )
        assert event.before["body"] == "不文明的话"
        assert event.actor == people["office_head"]
        assert not TodoItem.objects.filter(
            object_id=str(abusive.pk), status="open"
        ).exists()
        [root] = comment_thread(user=people["staff"], target=post)
        assert root.is_hidden
        assert [r.body for r in root.thread_replies] == [reply.body]

    @pytest.mark.parametrize("who", ["staff", "head", "pg", "clerk", "system_admin"])
    def test_only_the_office_hides(self, people, post, who):
        comment = say(people["staff"], post)
        with pytest.raises(PermissionDenied):
            comment_hide(actor=people[who], comment=comment, reason="x")

    def test_hiding_needs_a_reason_and_happens_once(self, people, post):
        comment = say(people["staff"], post)
        with pytest.raises(ValidationError):
            comment_hide(actor=people["office_reviewer"], comment=comment, reason="")
        comment_hide(actor=people["office_reviewer"], comment=comment, reason="广告")
        with pytest.raises(ValidationError):
            comment_hide(actor=people["office_head"], comment=comment, reason="再隐藏")

    def test_another_procuratorates_office_cannot_hide(self, people, post, other_post):
        from tests.factories import Role, make_user

        foreign_office = make_user(
            procuratorate=other_post.procuratorate, roles=[Role.OFFICE_REVIEWER]
        )
        comment = say(people["staff"], post)
        with pytest.raises(PermissionDenied):
            comment_hide(actor=foreign_office, comment=comment, reason="x")


def test_a_thread_costs_two_queries_whatever_its_size(people, post):
    def fill(n):
        for i in range(n):
            root = say(people["clerk"], post, f"意见{i}")
            say(people["office_reviewer"], post, f"答复{i}", parent=root)

    fill(1)
    with CaptureQueriesContext(connection) as small:
        comment_thread(user=people["staff"], target=post)
    fill(6)
    with CaptureQueriesContext(connection) as large:
        thread = comment_thread(user=people["staff"], target=post)
    assert len(thread) == 7
    assert len(large.captured_queries) == len(small.captured_queries) == 2


def test_another_procuratorate_sees_no_thread(people, post):
    say(people["staff"], post)
    assert comment_thread(user=people["outsider"], target=post) == []
