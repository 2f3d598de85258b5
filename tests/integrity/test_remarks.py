"""The outside-supervision channel: recorded, assigned to discipline inspection,
answered within the time limit, closed."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django_fsm import TransitionNotAllowed

from apps.core.models import Department, Role
from apps.integrity import services
from apps.integrity.models import Remark
from apps.todos.models import TodoItem
from apps.workdays.clock import due_for_step
from tests.factories import DepartmentFactory, make_user
from tests.permissions import ANONYMOUS, assert_matrix

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(procuratorate, discipline, people):
    """Discipline inspection: a head and an inspector; a complaints clerk records."""
    complaints = DepartmentFactory(
        procuratorate=procuratorate, code="complaints", name="控告申诉检察科"
    )
    return {
        "jjhead": make_user(
            department=discipline, roles=[Role.DEPARTMENT_HEAD], username="t.jjhead"
        ),
        "inspector": make_user(department=discipline, username="t.jj1"),
        "receiver": make_user(department=complaints, username="t.ks"),
        "office": Department.objects.get(code="office", procuratorate=procuratorate),
    }


def fields(people, **extra):
    return {
        "source_kind": Remark.SourceKind.LAWYER,
        "source_name": "广西某律师事务所 陈律师",
        "contact": "0774-1234567",
        "channel": Remark.Channel.LETTER,
        "received_on": timezone.localdate(),
        "concerned_staff": people["staff"].staff,
        "content": "承办检察官多次拖延安排阅卷。",
        **extra,
    }


def open_todos(remark):
    return list(
        TodoItem.objects.filter(object_id=str(remark.pk), status="open").values_list(
            "assignee__username", "step_code"
        )
    )


def test_the_whole_channel(people, desk):
    remark = services.remark_record(actor=desk["receiver"], fields=fields(people))
    assert remark.number == f"外督〔{timezone.localdate().year}〕1号"
    assert remark.concerned_department == people["staff"].staff.department
    assert open_todos(remark) == [("t.jjhead", "integrity.remark_assign")]
    services.remark_assign(
        actor=desk["jjhead"], remark=remark, assignee=desk["inspector"]
    )
    remark.refresh_from_db()
    assert remark.due_at == due_for_step("integrity.remark_answer", remark.assigned_at)
    assert open_todos(remark) == [("t.jj1", "integrity.remark_answer")]
    services.remark_answer(
        actor=desk["inspector"],
        remark=remark,
        answer="经查，阅卷安排确有延误，已当面向陈律师说明并致歉。",
        finding=Remark.Finding.PARTLY,
        measures="对承办人进行提醒谈话，完善阅卷预约制度。",
    )
    remark.refresh_from_db()
    assert remark.answered_on_time
    assert open_todos(remark) == [("t.jjhead", "integrity.remark_close")]
    services.remark_close(actor=desk["jjhead"], remark=remark)
    remark.refresh_from_db()
    assert remark.state == Remark.State.CLOSED
    assert open_todos(remark) == []


def test_only_receiving_departments_record(people, desk):
    for who in ("staff", "head", "system_admin"):
        with pytest.raises(PermissionDenied):
            services.remark_record(actor=people[who], fields=fields(people))
    services.remark_record(actor=people["office_head"], fields=fields(people))
    services.remark_record(actor=people["pg"], fields=fields(people))


def test_assignment_goes_to_discipline_and_not_to_the_person_concerned(
    people, desk, discipline
):
    remark = services.remark_record(
        actor=desk["receiver"],
        fields=fields(people, concerned_staff=desk["inspector"].staff),
    )
    with pytest.raises(PermissionDenied):  # only the head of discipline assigns
        services.remark_assign(
            actor=desk["inspector"], remark=remark, assignee=desk["inspector"]
        )
    with pytest.raises(ValidationError):  # not a member of discipline inspection
        services.remark_assign(
            actor=desk["jjhead"], remark=remark, assignee=people["head"]
        )
    with pytest.raises(ValidationError):  # the remark is about the inspector
        services.remark_assign(
            actor=desk["jjhead"], remark=remark, assignee=desk["inspector"]
        )
    services.remark_assign(actor=desk["jjhead"], remark=remark, assignee=desk["jjhead"])


def test_answer_rules(people, desk):
    remark = services.remark_record(actor=desk["receiver"], fields=fields(people))
    with pytest.raises(TransitionNotAllowed):  # not assigned yet
        services.remark_close(actor=desk["jjhead"], remark=remark)
    services.remark_assign(
        actor=desk["jjhead"], remark=remark, assignee=desk["inspector"]
    )
    with pytest.raises(PermissionDenied):  # only the assignee answers
        services.remark_answer(
            actor=desk["jjhead"], remark=remark, answer="x", finding="unfounded"
        )
    with pytest.raises(ValidationError):  # substantiated needs measures
        services.remark_answer(
            actor=desk["inspector"],
            remark=remark,
            answer="属实",
            finding=Remark.Finding.SUBSTANTIATED,
        )
    services.remark_answer(
        actor=desk["inspector"],
        remark=remark,
        answer="经查不属实，已向反映人说明。",
        finding=Remark.Finding.UNFOUNDED,
    )
    with pytest.raises(ValidationError):
        services.remark_close(actor=desk["jjhead"], remark=remark, accept=False)
    services.remark_close(
        actor=desk["jjhead"], remark=remark, accept=False, reason="请补充调取的阅卷登记"
    )
    remark.refresh_from_db()
    assert remark.state == Remark.State.ASSIGNED
    assert open_todos(remark) == [("t.jj1", "integrity.remark_answer")]


def test_late_answer_is_known_as_late(people, desk):
    remark = services.remark_record(actor=desk["receiver"], fields=fields(people))
    services.remark_assign(
        actor=desk["jjhead"], remark=remark, assignee=desk["inspector"]
    )
    Remark.objects.filter(pk=remark.pk).update(
        due_at=timezone.now() - datetime.timedelta(days=1)
    )
    services.remark_answer(
        actor=desk["inspector"], remark=remark, answer="已答复", finding="unfounded"
    )
    remark.refresh_from_db()
    assert not remark.answered_on_time


def test_pages_and_who_sees_remarks(client, people, desk):
    remark = services.remark_record(actor=desk["receiver"], fields=fields(people))
    users = {**people, **desk}
    assert_matrix(
        client,
        users,
        {
            reverse("integrity:remark_list"): {
                ANONYMOUS: 302,
                "head": 403,
                "inspector": 200,
                "pg": 200,
                "staff": 403,
            },
            reverse("integrity:remark_create"): {
                "receiver": 200,
                "office_head": 200,
                "staff": 403,
            },
            remark.get_absolute_url(): {
                "inspector": 200,
                "receiver": 200,  # recorded it
                "staff": 404,  # the person concerned does not read it here
                "outsider": 404,
            },
        },
    )
    client.force_login(desk["jjhead"])
    page = client.get(remark.get_absolute_url()).content.decode()
    assert 'data-testid="assign-form"' in page
    client.post(
        reverse("integrity:remark_act", args=[remark.pk, "assign"]),
        {"assignee": desk["inspector"].pk},
    )
    remark.refresh_from_db()
    assert remark.assignee == desk["inspector"]
