"""Setting targets: the tree, weights, shares, templates and the approval chain."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, InternalError, transaction

from apps.appraisal.models import DepartmentPlan, Target, TargetShare
from apps.appraisal.services.cycles import cycle_launch, goal_save
from apps.appraisal.services.plans import (
    individual_targets_issue,
    plan_propose,
    plan_return,
    plan_review,
    plans_approve,
    plans_submit,
)
from apps.appraisal.services.targets import (
    department_target_save,
    individual_target_save,
    target_delete,
    targets_create_from_template,
    template_save_from_plan,
)
from apps.core.actions import Refused
from apps.todos.models import TodoItem
from tests.factories import make_user

from .builders import D, make_cycle, plan_of

pytestmark = pytest.mark.django_db


def open_todos(user, step_prefix="appraisal."):
    return list(
        TodoItem.objects.filter(
            assignee=user, status="open", step_code__startswith=step_prefix
        ).values_list("step_code", flat=True)
    )


def test_launch_puts_a_proposal_in_every_head_todos(scenario):
    scenario.set_up()
    assert "appraisal.plan.propose" in open_todos(scenario.people["head"])
    assert "appraisal.plan.propose" in open_todos(scenario.second_head)
    # Launching again creates no second plan and no second to-do.
    cycle_launch(actor=scenario.ao, cycle=scenario.cycle)
    assert DepartmentPlan.objects.filter(cycle=scenario.cycle).count() == 3
    assert open_todos(scenario.people["head"]).count("appraisal.plan.propose") == 1


def test_only_the_appraisal_office_opens_cycles(people):
    with pytest.raises(PermissionDenied):
        make_cycle(people["head"])
    with pytest.raises(PermissionDenied):
        make_cycle(people["system_admin"])


def test_goal_weights_may_not_exceed_100(scenario):
    scenario.set_up()
    with pytest.raises(ValidationError):
        goal_save(
            actor=scenario.ao, cycle=scenario.cycle, code="3", title="x", weight=1
        )


def test_sibling_weights_under_a_goal_may_not_exceed_100(scenario):
    scenario.set_up()
    with pytest.raises(ValidationError) as exc:
        department_target_save(
            actor=scenario.people["head"],
            plan=scenario.pros_plan,
            parent=scenario.g1,
            indicator=scenario.ind["count"],
            title="再一个目标",
            weight=1,
            target_value=D("5"),
        )
    assert "weight" in exc.value.message_dict


def test_shared_target_gives_the_lead_the_rest_of_100(scenario):
    scenario.set_up()
    shares = {s.department_id: (s.role, s.share) for s in scenario.cases.shares.all()}
    assert shares == {
        scenario.prosecution.pk: (TargetShare.Role.LEAD, D("80")),
        scenario.second.pk: (TargetShare.Role.COOPERATING, D("20")),
    }


def test_shares_leaving_nothing_to_the_lead_are_refused(scenario):
    scenario.set_up()
    with pytest.raises(ValidationError):
        department_target_save(
            actor=scenario.people["head"],
            plan=scenario.pros_plan,
            target=scenario.cases,
            parent=scenario.g1,
            indicator=scenario.ind["count"],
            title="审结公诉案件",
            weight=60,
            target_value=D("100"),
            cooperating=[(scenario.second, D("100"))],
        )


def test_a_rate_target_copies_its_sources_from_the_indicator(scenario):
    scenario.set_up()
    rate = scenario.rate
    assert rate.is_rate and rate.direction == "lower"
    assert rate.denominator_source == "公安机关提请逮捕人数"
    assert scenario.team.measure == "qualitative"
    assert [g["grade"] for g in scenario.team.grade_scale] == [
        "优秀",
        "良好",
        "一般",
        "较差",
    ]


def test_another_department_cannot_draft_in_a_plan(scenario):
    scenario.set_up()
    with pytest.raises(PermissionDenied):
        department_target_save(
            actor=scenario.second_head,
            plan=scenario.pros_plan,
            parent=scenario.g1,
            indicator=scenario.ind["count"],
            title="越权",
            weight=1,
            target_value=D("1"),
        )


def test_the_chain_propose_review_submit_approve_freezes_the_targets(scenario):
    s = scenario.set_up()
    p = s.people
    plan_propose(actor=p["head"], plan=s.pros_plan)
    assert "appraisal.plan.propose" not in open_todos(p["head"])
    assert "appraisal.plan.review" in open_todos(s.ao)
    plan_review(actor=s.ao, plan=s.pros_plan)
    # The department cannot change a reviewed plan.
    with pytest.raises(Refused) as exc:
        department_target_save(
            actor=p["head"],
            plan=s.pros_plan,
            target=s.cases,
            parent=s.g1,
            indicator=s.ind["count"],
            title="改",
            weight=60,
            target_value=D("1"),
        )
    assert exc.value.code == "wrong_step"
    for plan, head in [
        (s.second_plan, s.second_head),
        (s.office_plan, p["office_head"]),
    ]:
        plan_propose(actor=head, plan=plan)
        plan_review(actor=s.ao, plan=plan)
    plans_submit(actor=s.ao, cycle=s.cycle)
    assert "appraisal.plan.approve" in open_todos(p["pg"])
    with pytest.raises(PermissionDenied):
        plans_approve(actor=p["deputy"], cycle=s.cycle, decision_reference="x")
    with pytest.raises(ValidationError):
        plans_approve(actor=p["pg"], cycle=s.cycle, decision_reference=" ")
    plans_approve(actor=p["pg"], cycle=s.cycle, decision_reference="第2次党组会议")
    assert set(
        Target.objects.filter(cycle=s.cycle).values_list("status", flat=True)
    ) == {"approved"}
    plan = plan_of(s.cycle, s.prosecution)
    assert plan.status == "approved" and plan.decision_reference == "第2次党组会议"
    assert "appraisal.plan.approve" not in open_todos(p["pg"])
    assert "appraisal.individual.set" in open_todos(p["head"])


def test_submit_refuses_goals_whose_targets_do_not_total_100(scenario):
    s = scenario.set_up()
    plan_propose(actor=s.people["head"], plan=s.pros_plan)
    plan_review(actor=s.ao, plan=s.pros_plan)
    # Only prosecution's 60 is under G1, and nothing under G2 yet.
    with pytest.raises(ValidationError) as exc:
        plans_submit(actor=s.ao, cycle=s.cycle)
    text = " ".join(exc.value.messages)
    assert "60" in text and "执法办案" in text
    assert plan_of(s.cycle, s.prosecution).status == "reviewed"


def test_the_office_returns_a_proposal_with_a_reason(scenario):
    s = scenario.set_up()
    plan_propose(actor=s.people["head"], plan=s.pros_plan)
    with pytest.raises(ValidationError):
        plan_return(actor=s.ao, plan=s.pros_plan, reason="")
    plan_return(actor=s.ao, plan=s.pros_plan, reason="目标值偏低")
    plan = plan_of(s.cycle, s.prosecution)
    assert plan.status == "draft" and plan.return_reason == "目标值偏低"
    assert "appraisal.plan.propose" in open_todos(s.people["head"])
    assert "appraisal.plan.review" not in open_todos(s.ao)


def test_the_office_may_correct_weights_while_reviewing(scenario):
    s = scenario.set_up()
    plan_propose(actor=s.people["head"], plan=s.pros_plan)
    department_target_save(
        actor=s.ao,
        plan=s.pros_plan,
        target=s.cases,
        parent=s.g1,
        indicator=s.ind["count"],
        title="审结公诉案件",
        weight=55,
        target_value=D("100"),
        cooperating=[(s.second, D("20"))],
    )
    assert Target.objects.get(pk=s.cases.pk).weight == D("55")


def test_reviewing_twice_is_an_illegal_transition(scenario):
    s = scenario.set_up()
    plan_propose(actor=s.people["head"], plan=s.pros_plan)
    plan_review(actor=s.ao, plan=s.pros_plan)
    with pytest.raises(Refused) as exc:
        plan_review(actor=s.ao, plan=s.pros_plan)
    assert exc.value.code == "wrong_step"


def test_an_approved_target_is_frozen_in_the_database(scenario):
    s = scenario.set_up().approve_all()
    with pytest.raises(ValidationError):
        target_delete(actor=s.ao, target=s.cases)
    with transaction.atomic(), pytest.raises((IntegrityError, InternalError)):
        Target.objects.filter(pk=s.cases.pk).update(target_value=1)
    with transaction.atomic(), pytest.raises((IntegrityError, InternalError)):
        Target.objects.filter(pk=s.cases.pk).delete()
    assert Target.objects.get(pk=s.cases.pk).target_value == D("100")


def test_staff_targets_under_a_department_target_total_100_on_issue(scenario):
    s = scenario.set_up().approve_all()
    p = s.people
    individual_target_save(
        actor=p["head"],
        plan=s.pros_plan,
        parent=s.cases,
        staff=p["staff"].staff,
        indicator=s.ind["count"],
        title="个人审结案件",
        weight=60,
        target_value=D("50"),
    )
    with pytest.raises(ValidationError) as exc:
        individual_targets_issue(actor=p["head"], plan=s.pros_plan)
    assert "60" in " ".join(exc.value.messages)
    individual_target_save(
        actor=p["head"],
        plan=s.pros_plan,
        parent=s.cases,
        staff=p["head"].staff,
        indicator=s.ind["count"],
        title="科长审结案件",
        weight=40,
        target_value=D("30"),
    )
    issued = individual_targets_issue(actor=p["head"], plan=s.pros_plan)
    assert {t.status for t in issued} == {"approved"}
    assert {t.tier for t in issued} == {"staff", "middle"}
    assert "appraisal.individual.set" not in open_todos(p["head"])


def test_only_the_head_sets_staff_targets_of_their_department(scenario):
    s = scenario.set_up().approve_all()
    p = s.people
    for actor in (p["staff"], s.second_head, p["clerk"]):
        with pytest.raises(PermissionDenied):
            individual_target_save(
                actor=actor,
                plan=s.pros_plan,
                parent=s.cases,
                staff=p["staff"].staff,
                indicator=s.ind["count"],
                title="x",
                weight=10,
                target_value=D("1"),
            )
    # The cooperating department may split its part too, but only for its staff.
    with pytest.raises(ValidationError):
        individual_target_save(
            actor=s.second_head,
            plan=s.second_plan,
            parent=s.cases,
            staff=p["staff"].staff,
            indicator=s.ind["count"],
            title="x",
            weight=10,
            target_value=D("1"),
        )


def test_bulk_creation_from_a_department_template(scenario, people):
    s = scenario.set_up().approve_all()
    template = template_save_from_plan(
        actor=people["head"], plan=s.pros_plan, name="公诉科"
    )
    assert template.items.count() == 1
    next_cycle = make_cycle(s.ao, name="2027年度")
    cycle_launch(actor=s.ao, cycle=next_cycle)
    plan = plan_of(next_cycle, s.prosecution)
    with pytest.raises(ValidationError):  # no goal "1" yet in the new cycle
        targets_create_from_template(actor=people["head"], plan=plan, template=template)
    goal_save(actor=s.ao, cycle=next_cycle, code="1", title="执法办案", weight=100)
    created = targets_create_from_template(
        actor=people["head"], plan=plan, template=template
    )
    assert [(t.title, t.weight, t.target_value) for t in created] == [
        ("审结公诉案件", D("60"), D("100"))
    ]
    assert created[0].status == "draft" and created[0].cycle == next_cycle
    # Another department may not use it.
    with pytest.raises(PermissionDenied):
        targets_create_from_template(
            actor=s.second_head, plan=plan_of(next_cycle, s.second), template=template
        )


def test_another_procuratorate_cannot_touch_the_plan(scenario, people):
    s = scenario.set_up()
    with pytest.raises(PermissionDenied):
        plan_propose(actor=people["outsider"], plan=s.pros_plan)
    with pytest.raises(PermissionDenied):
        plan_review(actor=make_outside_office(people), plan=s.pros_plan)


def make_outside_office(people):
    from apps.core.models import Role

    dept = people["outsider"].staff.department
    return make_user(department=dept, roles=[Role.APPRAISAL_OFFICE], username="t.ao2")


@pytest.mark.parametrize("weight", [Decimal("-1"), Decimal("100.01")])
def test_weight_out_of_range_is_refused(scenario, weight):
    s = scenario.set_up()
    with pytest.raises(ValidationError):
        department_target_save(
            actor=s.people["head"],
            plan=s.pros_plan,
            target=s.cases,
            parent=s.g1,
            indicator=s.ind["count"],
            title="x",
            weight=weight,
            target_value=D("1"),
        )
