"""Adjusting frozen targets and exempting them, through the same chain."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from apps.appraisal.models import Target, TargetAdjustment
from apps.appraisal.services.adjustments import (
    adjustment_approve,
    adjustment_reject,
    adjustment_request,
    adjustment_review,
)
from apps.core.actions import Refused
from apps.todos.models import TodoItem

from .builders import D

pytestmark = pytest.mark.django_db


def todo_steps(user):
    return set(
        TodoItem.objects.filter(assignee=user, status="open").values_list(
            "step_code", flat=True
        )
    )


def test_department_target_adjustment_goes_office_then_party_group(scenario):
    s = scenario.set_up().approve_all()
    p = s.people
    adj = adjustment_request(
        actor=p["head"],
        target=s.cases,
        kind=TargetAdjustment.Kind.CHANGE,
        reason="上级院部署专项活动，案件来源减少",
        new_target_value=D("80"),
    )
    assert "appraisal.adjustment.review" in todo_steps(s.ao)
    # The party group cannot approve before the office has reviewed.
    with pytest.raises(Refused) as exc:
        adjustment_approve(actor=p["pg"], adjustment=adj)
    assert exc.value.code == "wrong_step"
    adjustment_review(actor=s.ao, adjustment=adj, note="理由属实")
    assert "appraisal.adjustment.review" not in todo_steps(s.ao)
    assert "appraisal.adjustment.decide" in todo_steps(p["pg"])
    with pytest.raises(PermissionDenied):
        adjustment_approve(actor=p["deputy"], adjustment=adj)
    adjustment_approve(actor=p["pg"], adjustment=adj, note="同意")
    target = Target.objects.get(pk=s.cases.pk)
    assert target.target_value == D("80") and target.revision == 2
    adj.refresh_from_db()
    assert adj.before["target_value"] == "100.00"
    assert adj.after["target_value"] == "80.00"
    assert list(target.adjustments.values_list("status", flat=True)) == ["approved"]
    assert "appraisal.adjustment.decide" not in todo_steps(p["pg"])


def test_only_one_adjustment_at_a_time(scenario):
    s = scenario.set_up().approve_all()
    adjustment_request(
        actor=s.people["head"],
        target=s.cases,
        kind="change",
        reason="原因",
        new_target_value=D("90"),
    )
    with pytest.raises(ValidationError):
        adjustment_request(
            actor=s.people["head"],
            target=s.cases,
            kind="change",
            reason="再次",
            new_target_value=D("70"),
        )
    # The database agrees even when the service is bypassed.
    with transaction.atomic(), pytest.raises(IntegrityError):
        TargetAdjustment.objects.create(
            procuratorate=s.cycle.procuratorate,
            cycle=s.cycle,
            target=s.cases,
            kind="change",
            reason="绕过",
            requested_by=s.people["head"],
        )


def test_an_adjustment_must_change_something_and_give_a_reason(scenario):
    s = scenario.set_up().approve_all()
    with pytest.raises(ValidationError):
        adjustment_request(
            actor=s.people["head"], target=s.cases, kind="change", reason="原因"
        )
    with pytest.raises(ValidationError):
        adjustment_request(
            actor=s.people["head"],
            target=s.cases,
            kind="change",
            reason=" ",
            new_target_value=D("1"),
        )


def test_a_cooperating_department_cannot_request_the_leads_adjustment(scenario):
    s = scenario.set_up().approve_all()
    with pytest.raises(PermissionDenied):
        adjustment_request(
            actor=s.second_head,
            target=s.cases,
            kind="change",
            reason="x",
            new_target_value=D("1"),
        )


def test_exemption_for_causes_outside_control(scenario):
    s = scenario.set_up().approve_all()
    adj = adjustment_request(
        actor=s.second_head,
        target=s.rate,
        kind=TargetAdjustment.Kind.EXEMPTION,
        reason="公安机关提请逮捕案件结构变化，不捕率基数不受本院控制",
    )
    adjustment_review(actor=s.ao, adjustment=adj)
    adjustment_approve(actor=s.pg, adjustment=adj)
    target = Target.objects.get(pk=s.rate.pk)
    assert target.is_exempt and "公安机关" in target.exemption_reason
    assert target.revision == 2
    with pytest.raises(ValidationError):
        adjustment_request(
            actor=s.second_head, target=target, kind="exemption", reason="再次"
        )


def test_rejection_needs_a_reason_and_leaves_the_target(scenario):
    s = scenario.set_up().approve_all()
    adj = adjustment_request(
        actor=s.people["head"],
        target=s.cases,
        kind="change",
        reason="x",
        new_target_value=D("10"),
    )
    with pytest.raises(ValidationError):
        adjustment_reject(actor=s.ao, adjustment=adj, note="")
    adjustment_reject(actor=s.ao, adjustment=adj, note="理由不充分")
    assert Target.objects.get(pk=s.cases.pk).target_value == D("100")
    assert not todo_steps(s.ao) & {"appraisal.adjustment.review"}


def test_staff_target_adjustment_is_decided_by_the_head_not_by_oneself(scenario):
    s = scenario.set_up().approve_all().staff_targets()
    p = s.people
    adj = adjustment_request(
        actor=p["staff"],
        target=s.staff_case,
        kind="change",
        reason="承办案件调整",
        new_target_value=D("40"),
    )
    assert "appraisal.adjustment.decide" in todo_steps(p["head"])
    with pytest.raises(PermissionDenied):
        adjustment_approve(actor=p["staff"], adjustment=adj)
    with pytest.raises(PermissionDenied):
        adjustment_review(actor=s.ao, adjustment=adj)
    adjustment_approve(actor=p["head"], adjustment=adj)
    assert Target.objects.get(pk=s.staff_case.pk).target_value == D("40")


def test_stale_concurrent_approvals_move_the_target_once(scenario):
    s = scenario.set_up().approve_all()
    adj = adjustment_request(
        actor=s.people["head"],
        target=s.cases,
        kind="change",
        reason="x",
        new_target_value=D("90"),
    )
    adjustment_review(actor=s.ao, adjustment=adj)
    stale = TargetAdjustment.objects.get(pk=adj.pk)
    adjustment_approve(actor=s.pg, adjustment=adj)
    # The second approval acts on a stale copy: the service re-reads under lock.
    with pytest.raises(Refused) as exc:
        adjustment_approve(actor=s.pg, adjustment=stale)
    assert exc.value.code == "wrong_step"
    assert Target.objects.get(pk=s.cases.pk).revision == 2


def test_a_heads_own_staff_target_is_decided_by_the_appraisal_office(scenario):
    s = scenario.set_up().approve_all().staff_targets()
    head = s.people["head"]
    adj = adjustment_request(
        actor=head,
        target=s.head_case,
        kind="change",
        reason="兼任专案组长，个人办案数调减",
        new_target_value=D("25"),
    )
    assert "appraisal.adjustment.decide" in todo_steps(s.ao)
    assert "appraisal.adjustment.decide" not in todo_steps(head)
    with pytest.raises(PermissionDenied):
        adjustment_approve(actor=head, adjustment=adj)
    adjustment_approve(actor=s.ao, adjustment=adj)
    assert Target.objects.get(pk=s.head_case.pk).target_value == D("25")
    # The office does not decide a member of staff's own request.
    other = adjustment_request(
        actor=s.people["staff"],
        target=s.staff_case,
        kind="change",
        reason="x",
        new_target_value=D("49"),
    )
    with pytest.raises(PermissionDenied):
        adjustment_approve(actor=s.ao, adjustment=other)
