"""Service requests: the flow, its time limits, and who may move it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.audit.models import AuditEvent
from apps.core.actions import Refused
from apps.disclosure.models import ServiceRequest, ServiceStep
from apps.disclosure.services import (
    service_request_complete,
    service_request_decide,
    service_request_fall_short,
    service_request_issue,
    service_request_purchase,
    service_request_stock_in,
)
from apps.todos.models import TodoItem
from tests.factories import DepartmentFactory, Role, make_user

from .conftest import at, end_of, make_item, submit

State = ServiceRequest.State
# The core's refusal for a step taken out of turn (wrong_step), in Chinese.
WRONG_STEP = "此步骤现在不能办理"
Code = ServiceStep.Code

pytestmark = pytest.mark.django_db


def open_todos(request, user=None):
    qs = TodoItem.objects.filter(object_id=str(request.pk), status="open")
    if user is not None:
        qs = qs.filter(assignee=user)
    return qs


def step(request, code):
    return request.steps.filter(code=code).latest("started_at", "id")


class TestSubmit:
    def test_clerk_submits_and_the_director_gets_a_timed_todo(
        self, clock, people, supplies, pens
    ):
        clock.at(2025, 11, 24, 9, 30)
        request = submit(people["clerk"], supplies, (pens, 2), ("订书机", 1))

        assert request.number == "2025-0001"
        assert request.state == State.SUBMITTED
        assert request.submitted_at == at(2025, 11, 24, 9, 30)
        assert [(x.name, x.quantity) for x in request.lines.all()] == [
            ("签字笔", 2),
            ("订书机", 1),
        ]
        decide = step(request, Code.DECIDE)
        # One week: the seventh day after submission, to its end.
        assert decide.due_at == end_of(2025, 12, 1)
        todo = open_todos(request).get()
        assert todo.assignee == people["office_head"]
        assert todo.due_at == decide.due_at
        assert AuditEvent.objects.filter(
            action="disclosure.request.submit", object_id=str(request.pk)
        ).exists()

    def test_numbers_run_on_within_the_year(self, clock, people, supplies, pens):
        first = submit(people["clerk"], supplies, (pens, 1))
        second = submit(people["head"], supplies, (pens, 1))
        assert (first.number, second.number) == ("2025-0001", "2025-0002")

    @pytest.mark.parametrize("who", ["staff", "officer", "system_admin", "pg"])
    def test_only_clerks_and_heads_submit(self, people, supplies, pens, who):
        with pytest.raises(PermissionDenied):
            submit(people[who], supplies, (pens, 1))

    def test_supplies_need_at_least_one_line(self, people, supplies):
        with pytest.raises(ValidationError):
            submit(people["clerk"], supplies)

    def test_an_item_of_another_store_is_refused(
        self, people, supplies, other_procuratorate
    ):
        foreign = make_item(other_procuratorate, "墨盒", 5)
        with pytest.raises(ValidationError):
            submit(people["clerk"], supplies, (foreign, 1))
        assert not ServiceRequest.objects.exists()


class TestDecisionTimeLimit:
    """Decided within a week; the mark turns at the last second of the limit."""

    def test_decided_at_the_last_second_is_on_time(self, clock, people, supplies, pens):
        clock.at(2025, 11, 24, 10)
        request = submit(people["clerk"], supplies, (pens, 1))
        clock.at(2025, 12, 1, 23, 59, 59)
        service_request_decide(
            actor=people["office_head"], request=request, decision="approved"
        )
        assert step(request, Code.DECIDE).met_limit is True

    def test_decided_a_second_later_is_late(self, clock, people, supplies, pens):
        clock.at(2025, 11, 24, 10)
        request = submit(people["clerk"], supplies, (pens, 1))
        clock.at(2025, 12, 2, 0, 0, 0)
        service_request_decide(
            actor=people["office_head"], request=request, decision="approved"
        )
        assert step(request, Code.DECIDE).met_limit is False

    def test_a_week_ending_in_the_national_day_holiday_runs_past_it(
        self, clock, people, supplies, pens
    ):
        # Wed 24 Sep 2025 + 7 days = 1 Oct, inside the 1–8 October holiday:
        # the limit runs to the end of the first working day after it, 9 Oct.
        clock.at(2025, 9, 24, 15)
        request = submit(people["clerk"], supplies, (pens, 1))
        assert step(request, Code.DECIDE).due_at == end_of(2025, 10, 9)
        clock.at(2025, 10, 9, 17)
        service_request_decide(
            actor=people["office_head"], request=request, decision="approved"
        )
        assert step(request, Code.DECIDE).met_limit is True

    def test_after_the_holiday_the_next_day_is_late(
        self, clock, people, supplies, pens
    ):
        clock.at(2025, 9, 24, 15)
        request = submit(people["clerk"], supplies, (pens, 1))
        clock.at(2025, 10, 10, 8, 30)
        service_request_decide(
            actor=people["office_head"],
            request=request,
            decision="deferred",
            reason="经检察长决定，资金数额较大，缓办",
        )
        assert step(request, Code.DECIDE).met_limit is False


class TestInStockPath:
    def test_in_stock_is_issued_the_same_day(self, clock, people, supplies, pens):
        clock.at(2025, 11, 26, 9)
        request = submit(people["clerk"], supplies, (pens, 3))
        clock.at(2025, 11, 26, 16)
        service_request_decide(
            actor=people["office_head"], request=request, decision="approved"
        )
        request.refresh_from_db()
        assert request.state == State.AWAITING_ISSUE
        issue = step(request, Code.ISSUE)
        assert issue.due_at == end_of(2025, 11, 26)
        assert set(
            open_todos(request).values_list("assignee__username", flat=True)
        ) == {
            "t.reviewer",
            "t.officehead",
        }

        clock.at(2025, 11, 26, 23, 59, 59)
        service_request_issue(actor=people["office_reviewer"], request=request)

        request.refresh_from_db()
        pens.refresh_from_db()
        assert request.state == State.ISSUED
        assert pens.quantity == 7
        assert step(request, Code.ISSUE).met_limit is True
        movement = request.stock_movements.get()
        assert (movement.kind, movement.change, movement.balance_after) == (
            "out",
            -3,
            7,
        )
        assert not open_todos(request).exists()

    def test_in_stock_issued_the_next_morning_is_late(
        self, clock, people, supplies, pens
    ):
        clock.at(2025, 11, 26, 16)
        request = submit(people["clerk"], supplies, (pens, 3))
        service_request_decide(
            actor=people["office_head"], request=request, decision="approved"
        )
        clock.at(2025, 11, 27, 8, 30)
        service_request_issue(actor=people["office_reviewer"], request=request)
        assert step(request, Code.ISSUE).met_limit is False


class TestPurchasePath:
    def test_purchase_stock_in_issue_with_their_limits(
        self, clock, people, supplies, pens, paper
    ):
        clock.at(2025, 11, 17, 9)
        request = submit(
            people["clerk"], supplies, (pens, 2), (paper, 5), ("订书机", 1)
        )
        clock.at(2025, 11, 18, 10)
        service_request_decide(
            actor=people["office_head"], request=request, decision="approved"
        )
        request.refresh_from_db()
        assert request.state == State.AWAITING_PURCHASE
        assert step(request, Code.PURCHASE).due_at == end_of(2025, 11, 25)

        # Bought on Thursday: registered and issued within two days, and the
        # second day is a Saturday, so the limit runs to Monday.
        clock.at(2025, 11, 27, 15)
        service_request_purchase(
            actor=people["office_reviewer"], request=request, note="文具店购买"
        )
        request.refresh_from_db()
        assert request.state == State.AWAITING_STOCK_IN
        assert step(request, Code.PURCHASE).met_limit is False  # 25th was the limit
        assert step(request, Code.STOCK_IN).due_at == end_of(2025, 12, 1)

        clock.at(2025, 11, 28, 9)
        lines = {x.name: x for x in request.lines.all()}
        service_request_stock_in(
            actor=people["office_reviewer"],
            request=request,
            quantities={lines["签字笔"].pk: 0, lines["A4复印纸"].pk: 10},
        )
        paper.refresh_from_db()
        assert paper.quantity == 10
        stapler = request.stock_movements.get(line=lines["订书机"]).item
        assert (stapler.name, stapler.quantity) == ("订书机", 1)
        issue = step(request, Code.ISSUE)
        assert issue.due_at == end_of(2025, 12, 1)

        clock.at(2025, 12, 1, 18)
        service_request_issue(actor=people["office_head"], request=request)
        request.refresh_from_db()
        paper.refresh_from_db()
        pens.refresh_from_db()
        stapler.refresh_from_db()
        assert request.state == State.ISSUED
        assert (pens.quantity, paper.quantity, stapler.quantity) == (8, 5, 0)
        assert step(request, Code.ISSUE).met_limit is True
        assert step(request, Code.STOCK_IN).met_limit is True

    def test_same_day_decision_keeps_the_chain_in_the_day(
        self, clock, people, supplies, paper
    ):
        clock.at(2025, 11, 26, 8, 30)
        request = submit(people["clerk"], supplies, (paper, 2), urgent=True)
        service_request_decide(
            actor=people["office_head"],
            request=request,
            decision="approved",
            same_day=True,
        )
        assert step(request, Code.PURCHASE).due_at == end_of(2025, 11, 26)
        clock.at(2025, 11, 26, 11)
        service_request_purchase(actor=people["office_reviewer"], request=request)
        assert step(request, Code.STOCK_IN).due_at == end_of(2025, 11, 26)
        service_request_stock_in(actor=people["office_reviewer"], request=request)
        clock.at(2025, 11, 27, 9)
        service_request_issue(actor=people["office_reviewer"], request=request)
        assert step(request, Code.PURCHASE).met_limit is True
        assert step(request, Code.ISSUE).met_limit is False

    def test_short_at_issue_goes_to_purchase(self, clock, people, supplies, pens):
        request = submit(people["clerk"], supplies, (pens, 8))
        service_request_decide(
            actor=people["office_head"], request=request, decision="approved"
        )
        pens.quantity = 2  # taken by an issue outside this request meanwhile
        pens.save(update_fields=["quantity"])
        with pytest.raises(ValidationError, match="签字笔"):
            service_request_issue(actor=people["office_reviewer"], request=request)
        service_request_fall_short(
            actor=people["office_reviewer"], request=request, note="签字笔库存不足"
        )
        request.refresh_from_db()
        assert request.state == State.AWAITING_PURCHASE
        assert step(request, Code.ISSUE).outcome == "short"
        assert open_todos(request, people["office_reviewer"]).get().step_code == (
            "disclosure.request.purchase"
        )


class TestRefusals:
    def test_rejection_needs_a_reason_and_closes_everything(
        self, clock, people, supplies, pens
    ):
        request = submit(people["clerk"], supplies, (pens, 1))
        with pytest.raises(ValidationError):
            service_request_decide(
                actor=people["office_head"], request=request, decision="rejected"
            )
        service_request_decide(
            actor=people["office_head"],
            request=request,
            decision="rejected",
            reason="本月经费已用完，下月再报",
        )
        request.refresh_from_db()
        assert request.state == State.REJECTED
        assert step(request, Code.DECIDE).note == "本月经费已用完，下月再报"
        assert not open_todos(request).exists()

    def test_deferred_waits_for_the_director_then_is_approved(
        self, clock, people, supplies, paper
    ):
        request = submit(people["clerk"], supplies, (paper, 50))
        clock.at(2025, 11, 25, 10)
        service_request_decide(
            actor=people["office_head"],
            request=request,
            decision="deferred",
            reason="经检察长决定，资金数额较大，缓办",
        )
        request.refresh_from_db()
        assert request.state == State.DEFERRED
        redecide = step(request, Code.REDECIDE)
        assert redecide.due_at is None
        assert open_todos(request, people["office_head"]).exists()

        clock.at(2026, 1, 5, 10)
        service_request_decide(
            actor=people["office_head"], request=request, decision="approved"
        )
        request.refresh_from_db()
        assert request.state == State.AWAITING_PURCHASE
        assert step(request, Code.REDECIDE).met_limit is None

    def test_a_deferral_cannot_be_deferred_again(self, people, supplies, pens):
        request = submit(people["clerk"], supplies, (pens, 1))
        service_request_decide(
            actor=people["office_head"],
            request=request,
            decision="deferred",
            reason="缓办",
        )
        with pytest.raises(Refused, match=WRONG_STEP):
            service_request_decide(
                actor=people["office_head"],
                request=request,
                decision="deferred",
                reason="再缓",
            )

    @pytest.mark.parametrize(
        "who", ["office_reviewer", "head", "pg", "clerk", "outsider", "system_admin"]
    )
    def test_only_the_office_director_decides(self, people, supplies, pens, who):
        request = submit(people["clerk"], supplies, (pens, 1))
        with pytest.raises(PermissionDenied) as refused:
            service_request_decide(
                actor=people[who], request=request, decision="approved"
            )
        assert refused.value.code == "not_allowed"

    def test_the_director_cannot_decide_a_request_of_their_own(
        self, people, supplies, pens
    ):
        request = submit(people["office_head"], supplies, (pens, 1))
        with pytest.raises(PermissionDenied):
            service_request_decide(
                actor=people["office_head"], request=request, decision="approved"
            )

    def test_a_second_decision_on_a_stale_copy_is_refused(
        self, people, supplies, pens, office
    ):
        second_director = make_user(
            department=office,
            roles=[Role.DEPARTMENT_HEAD, Role.OFFICE_REVIEWER],
            username="t.director2",
        )
        request = submit(people["clerk"], supplies, (pens, 1))
        stale = ServiceRequest.objects.get(pk=request.pk)
        service_request_decide(
            actor=people["office_head"], request=request, decision="approved"
        )
        with pytest.raises(Refused, match=WRONG_STEP):
            service_request_decide(
                actor=second_director, request=stale, decision="rejected", reason="否"
            )
        assert request.steps.filter(code=Code.DECIDE).get().outcome == "approved"

    def test_steps_out_of_order_are_refused(self, people, supplies, pens):
        request = submit(people["clerk"], supplies, (pens, 1))
        with pytest.raises(Refused, match=WRONG_STEP):
            service_request_issue(actor=people["office_reviewer"], request=request)
        with pytest.raises(Refused, match=WRONG_STEP):
            service_request_purchase(actor=people["office_reviewer"], request=request)

    def test_a_clerk_cannot_issue(self, people, supplies, pens):
        request = submit(people["clerk"], supplies, (pens, 1))
        service_request_decide(
            actor=people["office_head"], request=request, decision="approved"
        )
        with pytest.raises(PermissionDenied):
            service_request_issue(actor=people["clerk"], request=request)


class TestOtherKinds:
    def test_vehicle_use_is_decided_then_handled_within_its_limits(
        self, clock, people, vehicle
    ):
        clock.at(2025, 11, 28, 16)  # a Friday
        request = submit(people["clerk"], vehicle, title="赴市院汇报用车")
        # One working day: Monday.
        assert step(request, Code.DECIDE).due_at == end_of(2025, 12, 1)
        clock.at(2025, 12, 1, 9)
        service_request_decide(
            actor=people["office_head"], request=request, decision="approved"
        )
        request.refresh_from_db()
        assert request.state == State.AWAITING_HANDLING
        assert step(request, Code.HANDLE).due_at == end_of(2025, 12, 1)
        service_request_complete(
            actor=people["office_reviewer"], request=request, note="派车一辆"
        )
        request.refresh_from_db()
        assert request.state == State.COMPLETED
        assert step(request, Code.HANDLE).met_limit is True

    def test_a_new_department_head_may_request(self, people, supplies, pens):
        dept = DepartmentFactory(procuratorate=pens.procuratorate, name="技术科")
        head = make_user(department=dept, roles=[Role.DEPARTMENT_HEAD])
        request = submit(head, supplies, (pens, 1))
        assert request.department == dept
