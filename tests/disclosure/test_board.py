"""The board: columns, posts, rules with versions, the time-limit catalogue."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import InternalError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.disclosure.models import BoardColumn, BoardPost, RuleVersion
from apps.disclosure.selectors import board_search, rule_detail, rule_list
from apps.disclosure.services import (
    board_post_publish,
    board_post_withdraw,
    rule_publish,
    rule_revise,
)
from tests.permissions import ANONYMOUS, assert_matrix

from .conftest import at, submit

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def columns(catalogue):
    return {c.code: c for c in BoardColumn.objects.all()}


def publish(people, column, title="关于规范公务用车的通知", body="各科室局：……"):
    return board_post_publish(
        actor=people["office_reviewer"], column=column, title=title, body=body
    )


def test_the_essays_columns_are_seeded(columns):
    names = [c.name for c in BoardColumn.objects.order_by("sort_order")]
    assert names[:8] == [
        "政务公示制度",
        "财务行装",
        "车辆枪支",
        "密码通信",
        "司法统计",
        "调研信息",
        "办公用品购买申请",
        "月度工作计划与总结",
    ]


class TestPosts:
    def test_office_publishes_newest_first(self, clock, people, columns):
        clock.at(2025, 11, 3)
        first = publish(people, columns["finance"], "十月经费使用情况")
        clock.at(2025, 11, 20)
        second = publish(people, columns["finance"], "十一月装备采购计划")
        posts = list(
            BoardPost.objects.filter(column=columns["finance"]).order_by(
                "-published_at"
            )
        )
        assert posts == [second, first]

    @pytest.mark.parametrize("who", ["clerk", "head", "pg", "system_admin"])
    def test_only_the_office_publishes(self, people, columns, who):
        with pytest.raises(PermissionDenied):
            board_post_publish(
                actor=people[who], column=columns["finance"], title="x", body="y"
            )

    def test_withdrawal_needs_a_reason_and_hides_the_post(
        self, client, people, columns
    ):
        post = publish(people, columns["vehicles"])
        with pytest.raises(ValidationError):
            board_post_withdraw(actor=people["office_reviewer"], post=post, reason="")
        board_post_withdraw(actor=people["office_head"], post=post, reason="内容有误")
        client.force_login(people["staff"])
        assert client.get(post.get_absolute_url()).status_code == 404

    def test_search_finds_posts_rules_and_requests(
        self, people, columns, supplies, pens
    ):
        publish(people, columns["cipher"], "密码通信晋升省一级工作总结", "档案与机要")
        rule_publish(
            actor=people["office_reviewer"],
            kind="post",
            title="档案管理岗位责任制",
            body="档案管理人员负责……",
            effective_from=D(2025, 1, 1),
        )
        submit(people["clerk"], supplies, ("档案盒", 20), title="申请档案盒")
        found = board_search(user=people["staff"], q="档案")
        assert [p.title for p in found["posts"]] == ["密码通信晋升省一级工作总结"]
        assert [r.title for r in found["rules"]] == ["档案管理岗位责任制"]
        assert [r.title for r in found["requests"]] == ["申请档案盒"]
        assert board_search(user=people["outsider"], q="档案") == {
            "posts": [],
            "rules": [],
            "requests": [],
        }


class TestRules:
    @pytest.fixture
    def rule(self, clock, people):
        clock.at(2025, 1, 2)
        return rule_publish(
            actor=people["office_reviewer"],
            kind="rule",
            title="办公用品购买制度",
            body="第一版：主任一周内决定。",
            effective_from=D(2025, 1, 1),
        ).rule

    def test_a_new_version_keeps_the_old_one_readable(self, clock, people, rule):
        clock.at(2025, 6, 1)
        rule_revise(
            actor=people["office_head"],
            rule=rule,
            body="第二版：库内已有的当天发放。",
            effective_from=D(2025, 7, 1),
            change_note="增加当天发放规定",
        )
        _rule, versions = rule_detail(
            user=people["staff"], pk=rule.pk, today=D(2025, 6, 15)
        )
        assert [v.number for v in versions] == [2, 1]
        assert _rule.current.number == 1  # v2 not yet in force
        _rule, _ = rule_detail(user=people["staff"], pk=rule.pk, today=D(2025, 7, 1))
        assert _rule.current.number == 2
        assert versions[1].body == "第一版：主任一周内决定。"

    def test_versions_cannot_be_edited(self, rule):
        with pytest.raises(InternalError), transaction.atomic():
            RuleVersion.objects.filter(rule=rule).update(body="悄悄改")

    def test_a_version_cannot_take_effect_before_its_predecessor(self, people, rule):
        with pytest.raises(ValidationError):
            rule_revise(
                actor=people["office_head"],
                rule=rule,
                body="x",
                effective_from=D(2024, 12, 1),
                change_note="倒签",
            )

    def test_a_revision_says_what_changed(self, people, rule):
        with pytest.raises(ValidationError):
            rule_revise(
                actor=people["office_head"],
                rule=rule,
                body="x",
                effective_from=D(2025, 8, 1),
                change_note="",
            )

    def test_only_the_office_revises(self, people, rule):
        with pytest.raises(PermissionDenied):
            rule_revise(
                actor=people["head"],
                rule=rule,
                body="x",
                effective_from=D(2025, 8, 1),
                change_note="y",
            )

    def test_rule_list_costs_two_queries(self, people, rule):
        with CaptureQueriesContext(connection) as ctx:
            rules = rule_list(user=people["staff"], today=D(2025, 3, 1))
        assert [r.current.number for r in rules] == [1]
        assert len(ctx.captured_queries) == 2


def test_the_time_limit_catalogue_is_published(client, people):
    client.force_login(people["staff"])
    page = client.get(reverse("disclosure:time_limits")).content.decode()
    for text in ["办公用品申请审批", "信息初稿审核", "重要检察信息报送", "当天"]:
        assert text in page


def test_board_pages_matrix(client, people, columns, clock):
    clock.set(at(2025, 11, 3))
    post = publish(people, columns["finance"])
    rule = rule_publish(
        actor=people["office_reviewer"],
        kind="post",
        title="会计岗位责任制",
        body="……",
        effective_from=D(2025, 1, 1),
    ).rule
    everyone = ["pg", "head", "clerk", "staff", "office_reviewer", "office_head"]
    readable = dict.fromkeys(everyone, 200) | {
        ANONYMOUS: 302,
        "system_admin": 403,
        "audit_admin": 403,
    }
    office_only = dict.fromkeys(everyone, 403) | {
        "office_reviewer": 200,
        "office_head": 200,
        ANONYMOUS: 302,
        "system_admin": 403,
    }
    assert_matrix(
        client,
        people,
        {
            reverse("disclosure:index"): readable,
            reverse("disclosure:search") + "?q=经费": readable,
            reverse("disclosure:column", args=["finance"]): readable,
            reverse("disclosure:column", args=["rules"]): readable,
            reverse("disclosure:time_limits"): readable,
            reverse("disclosure:rule_list"): readable,
            post.get_absolute_url(): readable | {"outsider": 404},
            rule.get_absolute_url(): readable | {"outsider": 404},
            reverse("disclosure:rule_version", args=[rule.pk, 1]): readable,
            reverse("disclosure:post_create"): office_only,
            reverse("disclosure:rule_create"): office_only,
            reverse("disclosure:rule_revise", args=[rule.pk]): office_only
            | {"outsider": 404},
        },
    )


def test_the_supplies_column_opens_the_months_requests(client, people):
    client.force_login(people["staff"])
    response = client.get(
        reverse("disclosure:column", args=["supplies"]) + "?month=2025-11"
    )
    assert response.status_code == 302
    assert (
        response["Location"] == reverse("disclosure:supplies_board") + "?month=2025-11"
    )


def _fill(people, columns, n):
    for i in range(n):
        for code in ("finance", "vehicles", "research"):
            publish(people, columns[code], f"{code}公示{i}")


def test_board_index_costs_a_fixed_number_of_queries(client, people, columns):
    client.force_login(people["staff"])
    _fill(people, columns, 1)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("disclosure:index"))
    _fill(people, columns, 7)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("disclosure:index"))
    assert len(large.captured_queries) == len(small.captured_queries)
    # Only the five newest of a column are shown on the front page.
    assert len(response.context["board_sections"][1]["posts"]) == 5
