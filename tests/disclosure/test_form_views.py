"""The forms behind the buttons: each posts to one service and comes back."""

import datetime

import pytest
from django.urls import reverse

from apps.disclosure.models import (
    BoardPost,
    MonthlyPlan,
    OfficeMeeting,
    Rule,
    ServiceRequest,
    StockItem,
)
from apps.disclosure.services import rule_publish, service_request_decide
from tests.factories import Role, make_user

from .conftest import submit

pytestmark = pytest.mark.django_db


def test_the_office_keeps_the_store_through_its_pages(client, people):
    client.force_login(people["office_reviewer"])
    response = client.post(
        reverse("disclosure:stock_item_create"),
        {"name": "订书钉", "unit": "盒", "low_stock_level": 5, "quantity": 12},
    )
    item = StockItem.objects.get(name="订书钉")
    assert response["Location"] == reverse("disclosure:stock_item", args=[item.pk])
    client.post(reverse("disclosure:stock_receive", args=[item.pk]), {"quantity": 8})
    client.post(
        reverse("disclosure:stock_adjust", args=[item.pk]),
        {"counted": 19, "reason": "盘点短少1盒"},
    )
    item.refresh_from_db()
    assert item.quantity == 19
    page = client.get(reverse("disclosure:stock_item", args=[item.pk])).content.decode()
    assert "盘点短少1盒" in page
    client.force_login(people["clerk"])
    response = client.post(
        reverse("disclosure:stock_receive", args=[item.pk]), {"quantity": 1}
    )
    assert response.status_code == 403


def test_purchase_stock_in_and_issue_through_the_request_page(
    client, people, supplies, paper
):
    request = submit(people["clerk"], supplies, (paper, 3))
    service_request_decide(
        actor=people["office_head"], request=request, decision="approved"
    )
    client.force_login(people["office_reviewer"])
    line = request.lines.get()
    for name, data in [
        ("disclosure:request_purchase", {"note": "网上采购"}),
        ("disclosure:request_stock_in", {f"line_{line.pk}": 5}),
        ("disclosure:request_issue", {"note": ""}),
    ]:
        response = client.post(reverse(name, args=[request.pk]), data)
        assert response.status_code == 302, name
    request.refresh_from_db()
    paper.refresh_from_db()
    assert (request.state, paper.quantity) == (ServiceRequest.State.ISSUED, 2)


def test_the_office_publishes_posts_and_rules_through_the_forms(
    client, people, catalogue
):
    from apps.disclosure.models import BoardColumn

    client.force_login(people["office_reviewer"])
    column = BoardColumn.objects.get(code="statistics")
    response = client.post(
        reverse("disclosure:post_create"),
        {"column": column.pk, "title": "十月司法统计报表", "body": "已按时报送。"},
    )
    post = BoardPost.objects.get()
    assert response["Location"] == post.get_absolute_url()
    client.post(
        reverse("disclosure:rule_create"),
        {
            "kind": "post",
            "title": "库房岗位责任制",
            "body": "第一版",
            "effective_from": "2025-01-01",
            "sort_order": 0,
        },
    )
    rule = Rule.objects.get()
    client.post(
        reverse("disclosure:rule_revise", args=[rule.pk]),
        {
            "body": "第二版",
            "effective_from": "2025-06-01",
            "change_note": "补充盘点要求",
        },
    )
    assert list(rule.versions.values_list("number", flat=True)) == [2, 1]
    old = client.get(
        reverse("disclosure:rule_version", args=[rule.pk, 1])
    ).content.decode()
    assert "第一版" in old and 'data-testid="superseded"' in old
    response = client.post(
        reverse("disclosure:post_withdraw", args=[post.pk]), {"reason": "重复发布"}
    )
    assert response["Location"] == column.get_absolute_url()


def test_a_refused_revision_keeps_what_was_typed(client, people):
    rule = rule_publish(
        actor=people["office_reviewer"],
        kind="rule",
        title="对外接待制度",
        body="……",
        effective_from=datetime.date(2025, 3, 1),
    ).rule
    client.force_login(people["office_reviewer"])
    response = client.post(
        reverse("disclosure:rule_revise", args=[rule.pk]),
        {"body": "我写的新版本", "effective_from": "2025-01-01", "change_note": "倒签"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "我写的新版本" in page
    assert "不能早于上一版本" in page


def test_plan_through_its_pages(client, office):
    clerk = make_user(department=office, roles=[Role.DEPARTMENT_CLERK])
    client.force_login(clerk)
    response = client.post(reverse("disclosure:plan_create"), {"month": "2025-11"})
    plan = MonthlyPlan.objects.get()
    assert response["Location"] == plan.get_absolute_url()
    client.post(
        reverse("disclosure:plan_item_add", args=[plan.pk]), {"content": "整理档案"}
    )
    client.post(
        reverse("disclosure:plan_item_add", args=[plan.pk]), {"content": "多余的"}
    )
    extra = plan.items.get(content="多余的")
    client.post(reverse("disclosure:plan_item_remove", args=[plan.pk, extra.pk]))
    client.post(reverse("disclosure:plan_publish", args=[plan.pk]))
    item = plan.items.get()
    response = client.post(
        reverse("disclosure:plan_results", args=[plan.pk]),
        {
            f"result_{item.pk}": "整理卷宗120卷",
            f"completion_{item.pk}": 100,
            "extra_content_0": "临时接待任务",
            "extra_result_0": "完成",
        },
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.state == MonthlyPlan.State.REPORTED
    assert [(i.content, i.planned) for i in plan.items.all()] == [
        ("整理档案", True),
        ("临时接待任务", False),
    ]


def test_meeting_through_its_pages(client, people, prosecution):
    client.force_login(people["office_reviewer"])
    response = client.post(
        reverse("disclosure:meeting_list"),
        {
            "kind": "liaison",
            "held_on": "2025-12-22",
            "title": "四季度内勤联席会",
            "summary": "通报四季度工作。",
        },
    )
    meeting = OfficeMeeting.objects.get()
    assert response["Location"] == meeting.get_absolute_url()
    client.post(
        reverse("disclosure:meeting_question_add", args=[meeting.pk]),
        {"department": prosecution.pk, "question": "能否增加打印机？", "answer": ""},
    )
    question = meeting.questions.get()
    client.post(
        reverse("disclosure:meeting_question_answer", args=[meeting.pk, question.pk]),
        {"answer": "已列入明年装备计划。"},
    )
    question.refresh_from_db()
    assert question.answer == "已列入明年装备计划。"
    client.force_login(people["clerk"])
    response = client.post(
        reverse("disclosure:meeting_list"),
        {"kind": "staff", "held_on": "2025-12-01", "title": "x", "summary": "y"},
    )
    assert response.status_code == 403
