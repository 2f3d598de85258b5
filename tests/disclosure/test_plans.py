"""Monthly plans and results, the roll-up, the office meetings."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import InternalError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core.actions import Refused
from apps.disclosure.models import MonthlyPlan, OfficeMeeting, PlanItem
from apps.disclosure.selectors import meeting_detail, plan_board
from apps.disclosure.services import (
    meeting_question_add,
    meeting_question_answer,
    meeting_record,
    plan_create,
    plan_item_add,
    plan_item_remove,
    plan_publish,
    plan_record_results,
    plans_open_month_todos,
    service_request_decide,
)
from apps.todos.models import TodoItem
from tests.factories import Role, make_user
from tests.permissions import ANONYMOUS, assert_matrix

from .conftest import end_of, submit

pytestmark = pytest.mark.django_db

NOV = datetime.date(2025, 11, 1)


@pytest.fixture
def office_clerk(office):
    return make_user(
        department=office, roles=[Role.DEPARTMENT_CLERK], username="t.oclerk"
    )


@pytest.fixture
def office_staff(office):
    return make_user(department=office, username="t.ostaff")


def planned(actor, *tasks, month=NOV, personal=False):
    plan = plan_create(actor=actor, month=month, personal=personal)
    for task in tasks:
        plan_item_add(actor=actor, plan=plan, content=task)
    return plan_publish(actor=actor, plan=plan)


class TestPlans:
    def test_department_plan_then_results_with_unplanned_work(
        self, clock, people, office_clerk
    ):
        clock.at(2025, 11, 3, 9)
        plan = planned(office_clerk, "完成三季度档案整理", "组织内勤联席会")
        assert plan.state == MonthlyPlan.State.PLANNED
        todos = TodoItem.objects.filter(
            object_id=str(plan.pk), step_code="disclosure.plan_report"
        )
        # Three working days after the month ends: 1, 2, 3 December.
        assert {t.due_at for t in todos} == {end_of(2025, 12, 3)}
        assert set(todos.values_list("assignee__username", flat=True)) == {
            "t.officehead",
            "t.oclerk",
        }

        items = {i.content: i for i in plan.items.all()}
        clock.at(2025, 12, 1, 9)
        plan_record_results(
            actor=people["office_head"],
            plan=plan,
            results={
                items["完成三季度档案整理"].pk: ("整理卷宗320卷", 100),
                items["组织内勤联席会"].pk: ("推迟到下月", 0),
            },
            extra=[("接待市院检查组", "完成接待保障", 100)],
        )
        plan.refresh_from_db()
        assert plan.state == MonthlyPlan.State.REPORTED
        assert [(i.content, i.planned, i.completion) for i in plan.items.all()] == [
            ("完成三季度档案整理", True, 100),
            ("组织内勤联席会", True, 0),
            ("接待市院检查组", False, 100),
        ]
        assert not TodoItem.objects.filter(
            object_id=str(plan.pk), status="open"
        ).exists()

    def test_every_planned_task_needs_a_completion(self, people, office_clerk):
        plan = planned(office_clerk, "任务一", "任务二")
        first = plan.items.first()
        with pytest.raises(ValidationError):
            plan_record_results(
                actor=office_clerk, plan=plan, results={first.pk: ("做了", 100)}
            )
        plan.refresh_from_db()
        assert plan.state == MonthlyPlan.State.PLANNED

    def test_what_was_planned_cannot_be_rewritten(self, office_clerk):
        plan = planned(office_clerk, "原计划")
        with pytest.raises(Refused) as refused:
            plan_item_add(actor=office_clerk, plan=plan, content="事后补的计划")
        assert refused.value.code == "wrong_step"
        with pytest.raises(Refused) as refused:
            plan_item_remove(actor=office_clerk, plan=plan, item=plan.items.get())
        assert refused.value.code == "wrong_step"
        with pytest.raises(InternalError), transaction.atomic():
            PlanItem.objects.filter(plan=plan).update(content="改过的计划")

    def test_results_only_once(self, office_clerk):
        plan = planned(office_clerk, "任务")
        item = plan.items.get()
        plan_record_results(actor=office_clerk, plan=plan, results={item.pk: ("", 50)})
        with pytest.raises(Refused) as refused:
            plan_record_results(
                actor=office_clerk, plan=plan, results={item.pk: ("", 90)}
            )
        assert refused.value.code == "wrong_step"

    def test_one_plan_per_department_and_month(self, office_clerk, people):
        plan_create(actor=office_clerk, month=NOV)
        with pytest.raises(ValidationError):
            plan_create(actor=people["office_head"], month=NOV)

    def test_who_keeps_which_plan(self, people, office_staff):
        # A business department's clerk does not post 政务 plans.
        with pytest.raises(PermissionDenied):
            plan_create(actor=people["clerk"], month=NOV)
        # Office staff keep their own plan but not the department's.
        with pytest.raises(PermissionDenied):
            plan_create(actor=office_staff, month=NOV)
        own = plan_create(actor=office_staff, month=NOV, personal=True)
        with pytest.raises(PermissionDenied):
            plan_item_add(actor=people["office_head"], plan=own, content="替别人写")


class TestRollUp:
    def test_progress_rolls_up_from_people_to_the_department(
        self, people, office, office_clerk, office_staff
    ):
        dept = planned(office_clerk, "部门任务")
        plan_record_results(
            actor=office_clerk, plan=dept, results={dept.items.get().pk: ("", 100)}
        )
        mine = planned(office_staff, "个人任务一", "个人任务二", personal=True)
        a, b = mine.items.all()
        plan_record_results(
            actor=office_staff, plan=mine, results={a.pk: ("", 100), b.pk: ("", 40)}
        )
        [row] = [
            r
            for r in plan_board(user=people["staff"], month=NOV)
            if r.department == office
        ]
        assert row.own.percent == 100
        person = {p.name: progress for p, _plan, progress in row.people}
        assert person[office_staff.staff.name].percent == 70
        assert (row.total.planned, row.total.done, row.total.percent) == (3, 2, 80)

    def test_drafts_are_not_on_the_board(self, people, office, office_clerk):
        plan = plan_create(actor=office_clerk, month=NOV)
        plan_item_add(actor=office_clerk, plan=plan, content="草稿任务")
        [row] = [
            r
            for r in plan_board(user=people["staff"], month=NOV)
            if r.department == office
        ]
        assert row.plan is None

    def test_the_board_costs_a_fixed_number_of_queries(
        self, client, people, office, office_clerk
    ):
        client.force_login(people["staff"])
        url = reverse("disclosure:plan_board") + "?month=2025-11"
        planned(office_clerk, "任务")
        with CaptureQueriesContext(connection) as small:
            client.get(url)
        for i in range(5):
            person = make_user(department=office, username=f"t.p{i}")
            planned(person, f"任务{i}", "另一项", personal=True)
        with CaptureQueriesContext(connection) as large:
            assert client.get(url).status_code == 200
        assert len(large.captured_queries) == len(small.captured_queries)


class TestMonthTodos:
    def test_plan_todos_open_once_and_close_on_publish(
        self, people, office, office_clerk, office_staff
    ):
        opened = plans_open_month_todos(month=NOV)
        assert opened > 0
        assert plans_open_month_todos(month=NOV) == 0
        code = "disclosure.plan_post:2025-11"
        dept_todos = TodoItem.objects.filter(object_id=str(office.pk), step_code=code)
        assert set(dept_todos.values_list("assignee__username", flat=True)) == {
            "t.officehead",
            "t.oclerk",
        }
        assert dept_todos.first().due_at == end_of(2025, 11, 5)
        planned(office_clerk, "任务")
        assert not dept_todos.filter(status="open").exists()
        # Business departments are not asked.
        assert not TodoItem.objects.filter(
            step_code=code, assignee=people["clerk"]
        ).exists()
        # A published plan is not asked for again.
        plans_open_month_todos(month=NOV)
        assert not dept_todos.filter(status="open").exists()


class TestMeetings:
    def test_liaison_meeting_records_questions_and_reports_refusals(
        self, clock, people, supplies, pens, prosecution
    ):
        clock.at(2025, 9, 20)
        meeting_record(
            actor=people["office_reviewer"],
            kind="liaison",
            held_on=datetime.date(2025, 9, 25),
            title="三季度内勤联席会",
            summary="通报三季度政务工作。",
        )
        clock.at(2025, 10, 10)
        request = submit(people["clerk"], supplies, (pens, 1))
        service_request_decide(
            actor=people["office_head"],
            request=request,
            decision="rejected",
            reason="库存充足，请到库房直接领取",
        )
        clock.at(2025, 12, 20)
        meeting = meeting_record(
            actor=people["office_reviewer"],
            kind=OfficeMeeting.Kind.LIAISON,
            held_on=datetime.date(2025, 12, 22),
            title="四季度内勤联席会",
            summary="通报四季度政务工作开展情况。",
        )
        q = meeting_question_add(
            actor=people["office_reviewer"],
            meeting=meeting,
            department=prosecution,
            question="复印机经常卡纸，能否维修？",
        )
        meeting_question_answer(
            actor=people["office_head"], question=q, answer="已联系厂家，下周维修。"
        )
        loaded, refusals = meeting_detail(user=people["staff"], pk=meeting.pk)
        assert [s.note for s in refusals] == ["库存充足，请到库房直接领取"]
        [question] = loaded.questions.all()
        assert (question.answer, question.answered_by) == (
            "已联系厂家，下周维修。",
            people["office_head"],
        )

    def test_only_the_office_records_meetings(self, people):
        with pytest.raises(PermissionDenied):
            meeting_record(
                actor=people["clerk"],
                kind="staff",
                held_on=datetime.date(2025, 11, 3),
                title="x",
                summary="y",
            )


def test_plan_and_meeting_pages_matrix(client, people, office_clerk):
    plan = planned(office_clerk, "任务")
    draft = plan_create(actor=people["office_head"], month=NOV, personal=True)
    meeting = meeting_record(
        actor=people["office_reviewer"],
        kind="staff",
        held_on=datetime.date(2025, 11, 3),
        title="十一月政务管理人员工作会",
        summary="……",
    )
    readable = {
        ANONYMOUS: 302,
        "staff": 200,
        "clerk": 200,
        "pg": 200,
        "office_reviewer": 200,
        "system_admin": 403,
        "outsider": 404,
    }
    assert_matrix(
        client,
        people,
        {
            reverse("disclosure:plan_board"): readable | {"outsider": 200},
            plan.get_absolute_url(): readable,
            draft.get_absolute_url(): readable
            | {
                "staff": 404,
                "clerk": 404,
                "pg": 404,
                "office_reviewer": 404,
                "office_head": 200,
            },
            reverse("disclosure:meeting_list"): readable | {"outsider": 200},
            meeting.get_absolute_url(): readable,
            reverse("disclosure:statistics"): {
                ANONYMOUS: 302,
                "staff": 403,
                "clerk": 403,
                "pg": 200,
                "deputy": 200,
                "office_reviewer": 200,
                "system_admin": 403,
            },
            reverse("disclosure:newsletter"): readable | {"outsider": 200},
        },
    )
