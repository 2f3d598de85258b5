"""The forms behind the buttons: each posts to one service and comes back."""

import datetime
import re

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
from apps.disclosure.services import (
    board_post_publish,
    meeting_question_add,
    meeting_record,
    plan_create,
    plan_item_add,
    plan_publish,
    rule_publish,
    service_request_decide,
)
from tests.factories import Role, make_user

from .conftest import submit

pytestmark = pytest.mark.django_db


def act(name, obj, action):
    """The one POST endpoint of an object's actions."""
    return reverse(f"disclosure:{name}_act", kwargs={"pk": obj.pk, "action": action})


def prefixed(action, data):
    """Form data as the action's form (prefixed with its name) sends it."""
    return {f"{action}-{key}": value for key, value in data.items()}


def test_the_office_keeps_the_store_through_its_pages(client, people):
    client.force_login(people["office_reviewer"])
    response = client.post(
        reverse("disclosure:stock_item_create"),
        {"name": "订书钉", "unit": "盒", "low_stock_level": 5, "quantity": 12},
    )
    item = StockItem.objects.get(name="订书钉")
    assert response["Location"] == reverse("disclosure:stock_item", args=[item.pk])
    client.post(act("stock", item, "receive"), prefixed("receive", {"quantity": 8}))
    client.post(
        act("stock", item, "adjust"),
        prefixed("adjust", {"counted": 19, "reason": "盘点短少1盒"}),
    )
    item.refresh_from_db()
    assert item.quantity == 19
    page = client.get(reverse("disclosure:stock_item", args=[item.pk])).content.decode()
    assert "盘点短少1盒" in page
    client.force_login(people["clerk"])
    response = client.post(
        act("stock", item, "receive"), prefixed("receive", {"quantity": 1})
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
        ("purchase", {"note": "网上采购"}),
        ("stock_in", {f"line_{line.pk}": 5}),
        ("issue", {"note": ""}),
    ]:
        response = client.post(act("request", request, name), prefixed(name, data))
        assert response.status_code == 302, name
        assert response["Location"] == request.get_absolute_url()
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
        act("post", post, "withdraw"), prefixed("withdraw", {"reason": "重复发布"})
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
        act("plan", plan, "add_item"), prefixed("add_item", {"content": "整理档案"})
    )
    client.post(
        act("plan", plan, "add_item"), prefixed("add_item", {"content": "多余的"})
    )
    extra = plan.items.get(content="多余的")
    client.post(
        act("plan", plan, "remove_item"), prefixed("remove_item", {"item": extra.pk})
    )
    client.post(act("plan", plan, "publish"))
    item = plan.items.get()
    response = client.post(
        act("plan", plan, "results"),
        prefixed(
            "results",
            {
                f"result_{item.pk}": "整理卷宗120卷",
                f"completion_{item.pk}": 100,
                "extra_content_0": "临时接待任务",
                "extra_result_0": "完成",
            },
        ),
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
        act("meeting", meeting, "add_question"),
        prefixed(
            "add_question",
            {
                "department": prosecution.pk,
                "question": "能否增加打印机？",
                "answer": "",
            },
        ),
    )
    question = meeting.questions.get()
    response = client.post(
        act("question", question, "answer"),
        prefixed("answer", {"answer": "已列入明年装备计划。"}),
    )
    assert response["Location"] == meeting.get_absolute_url()
    question.refresh_from_db()
    assert question.answer == "已列入明年装备计划。"
    client.force_login(people["clerk"])
    response = client.post(
        reverse("disclosure:meeting_list"),
        {"kind": "staff", "held_on": "2025-12-01", "title": "x", "summary": "y"},
    )
    assert response.status_code == 403


def offered(page):
    """The actions a page offers, by name."""
    return set(re.findall(r'data-testid="action-([a-z_]+)"', page))


def test_a_plan_offers_its_steps_in_turn_to_its_keeper_only(client, office):
    clerk = make_user(department=office, roles=[Role.DEPARTMENT_CLERK])
    colleague = make_user(department=office, username="t.colleague")
    plan = plan_create(actor=clerk, month=datetime.date(2025, 11, 1))
    client.force_login(clerk)
    # A draft without tasks: add one, or publish (the service then refuses).
    assert offered(client.get(plan.get_absolute_url()).content.decode()) == {
        "add_item",
        "publish",
    }
    response = client.post(act("plan", plan, "publish"))
    assert (response.status_code, response["Location"]) == (
        302,
        plan.get_absolute_url(),
    )
    page = client.get(response["Location"]).content.decode()
    assert "计划至少要有一项工作。" in page
    plan_item_add(actor=clerk, plan=plan, content="整理档案")
    assert offered(client.get(plan.get_absolute_url()).content.decode()) == {
        "add_item",
        "remove_item",
        "publish",
    }
    plan_publish(actor=clerk, plan=plan)
    assert offered(client.get(plan.get_absolute_url()).content.decode()) == {"results"}
    # A colleague reads the published plan but is offered nothing,
    client.force_login(colleague)
    assert offered(client.get(plan.get_absolute_url()).content.decode()) == set()
    # and a step taken anyway is refused with 403; nothing changes.
    response = client.post(
        act("plan", plan, "results"),
        prefixed("results", {f"completion_{plan.items.get().pk}": 100}),
    )
    assert response.status_code == 403
    plan.refresh_from_db()
    assert plan.state == MonthlyPlan.State.PLANNED


def test_a_step_no_longer_open_redirects_with_the_reason(client, office):
    clerk = make_user(department=office, roles=[Role.DEPARTMENT_CLERK])
    plan = plan_create(actor=clerk, month=datetime.date(2025, 11, 1))
    plan_item_add(actor=clerk, plan=plan, content="整理档案")
    plan_publish(actor=clerk, plan=plan)
    client.force_login(clerk)
    # An old page's button, sent after the plan was published:
    response = client.post(
        act("plan", plan, "add_item"), prefixed("add_item", {"content": "事后补的"})
    )
    assert response.status_code == 302
    assert response["Location"] == plan.get_absolute_url()
    assert "此步骤现在不能办理" in client.get(response["Location"]).content.decode()
    assert plan.items.count() == 1


def test_only_the_office_is_offered_to_withdraw_a_post(client, people, catalogue):
    from apps.disclosure.models import BoardColumn

    post = board_post_publish(
        actor=people["office_reviewer"],
        column=BoardColumn.objects.get(code="statistics"),
        title="十月司法统计报表",
        body="已按时报送。",
    )
    client.force_login(people["staff"])
    assert offered(client.get(post.get_absolute_url()).content.decode()) == set()
    response = client.post(
        act("post", post, "withdraw"), prefixed("withdraw", {"reason": "x"})
    )
    assert response.status_code == 403
    client.force_login(people["office_reviewer"])
    assert offered(client.get(post.get_absolute_url()).content.decode()) == {"withdraw"}
    # Without a reason the form comes back open, with the error.
    response = client.post(act("post", post, "withdraw"), {})
    assert response["Location"] == post.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert "<details" in page and " open " in page
    post.refresh_from_db()
    assert post.withdrawn_at is None


def test_a_meeting_offers_questions_and_answers_to_the_office_only(
    client, people, prosecution
):
    meeting = meeting_record(
        actor=people["office_reviewer"],
        kind="liaison",
        held_on=datetime.date(2025, 12, 22),
        title="四季度内勤联席会",
        summary="……",
    )
    meeting_question_add(
        actor=people["office_reviewer"],
        meeting=meeting,
        department=prosecution,
        question="能否增加打印机？",
    )
    client.force_login(people["office_reviewer"])
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert offered(page) == {"add_question", "answer"}
    client.force_login(people["staff"])
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert offered(page) == set()
    assert "能否增加打印机？" in page
