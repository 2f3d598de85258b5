"""The clue register: register → report → inquiry → became a case or not."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.supervision import services
from apps.supervision.models import Clue
from apps.todos.models import TodoItem

from .factories import registered, wrong_step

pytestmark = pytest.mark.django_db


def register(sv, **kwargs):
    data = {
        "suspect_name": "赵某",
        "suspect_position": "梧州市长洲区人民法院审判员",
        "summary": "审查中发现承办法官与一方当事人有不正当经济往来的线索。",
    }
    data.update(kwargs)
    return services.clue_register(actor=sv["handler"], **data)


def open_todo(clue):
    return TodoItem.objects.get(object_id=str(clue.pk), status="open")


def test_clue_runs_to_a_case(sv):
    petition = registered(sv)
    clue = register(sv, petition=petition)
    year = timezone.localdate().year
    assert clue.number.endswith(f"民行线〔{year}〕1号")
    assert clue.state == Clue.State.REGISTERED
    assert open_todo(clue).assignee == sv["head"]

    clue = services.clue_report(actor=sv["head"], clue=clue, note="已向检察长报告")
    assert clue.state == Clue.State.REPORTED
    assert open_todo(clue).assignee == sv["pg"]

    clue = services.clue_decide(
        actor=sv["pg"], clue=clue, inquire=True, inquirer=sv["handler2"]
    )
    assert clue.state == Clue.State.INQUIRY
    todo = open_todo(clue)
    assert todo.assignee == sv["handler2"] and todo.due_at == clue.inquiry_due_at

    clue = services.clue_conclude(
        actor=sv["handler2"], clue=clue, became_case=True, note="已移送反渎职侵权局立案"
    )
    assert clue.state == Clue.State.BECAME_CASE
    assert not TodoItem.objects.filter(object_id=str(clue.pk), status="open").exists()
    assert AuditEvent.objects.filter(action__startswith="supervision.clue").count() == 4


def test_clue_not_a_case_and_dismissed(sv):
    clue = services.clue_report(actor=sv["head"], clue=register(sv), note="报告")
    clue = services.clue_decide(
        actor=sv["pg"], clue=clue, inquire=True, inquirer=sv["handler"]
    )
    clue = services.clue_conclude(
        actor=sv["head"], clue=clue, became_case=False, note="查无实据"
    )
    assert clue.state == Clue.State.NOT_CASE

    other = services.clue_report(actor=sv["head"], clue=register(sv), note="报告")
    with pytest.raises(ValidationError):
        services.clue_decide(actor=sv["pg"], clue=other, inquire=False, note="")
    other = services.clue_decide(
        actor=sv["pg"], clue=other, inquire=False, note="线索内容不具体"
    )
    assert other.state == Clue.State.DISMISSED


def test_who_acts_on_a_clue(sv):
    for key in ("other_staff", "pg", "deputy"):
        with pytest.raises(PermissionDenied):
            services.clue_register(
                actor=sv[key], suspect_name="x", suspect_position="y", summary="z"
            )
    clue = register(sv)
    for key in ("handler", "pg", "other_head"):
        with pytest.raises(PermissionDenied):
            services.clue_report(actor=sv[key], clue=clue, note="报告")
    clue = services.clue_report(actor=sv["head"], clue=clue, note="报告")
    for key in ("head", "deputy"):
        with pytest.raises(PermissionDenied):
            services.clue_decide(
                actor=sv[key], clue=clue, inquire=True, inquirer=sv["handler"]
            )
    with pytest.raises(ValidationError):  # inquirer from another procuratorate
        services.clue_decide(
            actor=sv["pg"], clue=clue, inquire=True, inquirer=sv["outsider_head"]
        )
    clue = services.clue_decide(
        actor=sv["pg"], clue=clue, inquire=True, inquirer=sv["handler2"]
    )
    with pytest.raises(PermissionDenied):
        services.clue_conclude(
            actor=sv["handler"], clue=clue, became_case=True, note="x"
        )


def test_clue_steps_in_order(sv):
    clue = register(sv)
    with wrong_step():
        services.clue_decide(
            actor=sv["pg"], clue=clue, inquire=True, inquirer=sv["handler"]
        )
    with pytest.raises(ValidationError):
        services.clue_report(actor=sv["head"], clue=clue, note="")


def test_a_clue_from_a_case_needs_to_be_in_that_case(sv):
    petition = registered(sv)
    with pytest.raises(ValidationError):
        register(sv, summary="")
    # A grantee may read a case but not register clues in it.
    services.access_grant(
        actor=sv["head"], petition=petition, grantee=sv["other_staff"], reason="查阅"
    )
    with pytest.raises(PermissionDenied):
        services.clue_register(
            actor=sv["other_staff"],
            suspect_name="x",
            suspect_position="y",
            summary="z",
            petition=petition,
        )


def test_clues_are_seen_by_department_deputy_pg_only(sv):
    clue = register(sv)
    for key in ("handler", "head", "clerk", "deputy", "pg"):
        assert sv[key].has_perm("supervision.view_clue", clue), key
    for key in ("other_staff", "other_head", "other_deputy", "outsider_head"):
        assert not sv[key].has_perm("supervision.view_clue", clue), key
