"""The outside-supervision channel: recorded, assigned to discipline inspection,
answered within the time limit, closed."""

import datetime
import importlib
import re

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from apps.core.actions import Refused
from apps.core.models import Department, NumberSequence, Role
from apps.core.numbering import number_last
from apps.integrity import services
from apps.integrity.models import Remark
from apps.integrity.services.remarks import REMARK_SERIES
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
    with pytest.raises(Refused) as refused:  # not assigned yet
        services.remark_close(actor=desk["jjhead"], remark=remark)
    assert refused.value.code == "wrong_step"
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
    assert 'data-testid="action-assign"' in page
    response = client.post(
        reverse("integrity:remark_act", args=[remark.pk, "assign"]),
        {"assign-assignee": desk["inspector"].pk},
    )
    assert response.status_code == 302
    remark.refresh_from_db()
    assert remark.assignee == desk["inspector"]


def test_the_page_offers_each_person_only_their_step(client, people, desk):
    remark = services.remark_record(actor=desk["receiver"], fields=fields(people))

    def buttons(user):
        client.force_login(user)
        page = client.get(remark.get_absolute_url()).content.decode()
        return set(re.findall(r'data-testid="action-(\w+)"', page))

    assert buttons(desk["jjhead"]) == {"assign"}
    assert buttons(desk["inspector"]) == set()
    assert buttons(desk["receiver"]) == set()
    services.remark_assign(
        actor=desk["jjhead"], remark=remark, assignee=desk["inspector"]
    )
    assert buttons(desk["jjhead"]) == set()
    assert buttons(desk["inspector"]) == {"answer"}
    services.remark_answer(
        actor=desk["inspector"], remark=remark, answer="已答复", finding="unfounded"
    )
    assert buttons(desk["inspector"]) == set()
    assert buttons(desk["jjhead"]) == {"close", "reopen"}
    # Someone who may not act gets a refusal, not a change.
    client.force_login(desk["inspector"])
    response = client.post(reverse("integrity:remark_act", args=[remark.pk, "close"]))
    assert response.status_code == 403
    remark.refresh_from_db()
    assert remark.state == Remark.State.ANSWERED


def test_a_refused_answer_comes_back_bound_after_the_redirect(client, people, desk):
    remark = services.remark_record(actor=desk["receiver"], fields=fields(people))
    services.remark_assign(
        actor=desk["jjhead"], remark=remark, assignee=desk["inspector"]
    )
    client.force_login(desk["inspector"])
    url = reverse("integrity:remark_act", args=[remark.pk, "answer"])
    # A substantiated finding without measures: the service refuses it.
    response = client.post(
        url,
        {
            "answer-answer": "经查属实，已向陈律师说明。",
            "answer-finding": Remark.Finding.SUBSTANTIATED,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == remark.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert "经查属实，已向陈律师说明。" in page  # what was typed is still there
    assert "is-invalid" in page
    remark.refresh_from_db()
    assert remark.state == Remark.State.ASSIGNED
    # Sending it back without a reason: refused the same way.
    services.remark_answer(
        actor=desk["inspector"], remark=remark, answer="已答复", finding="unfounded"
    )
    client.force_login(desk["jjhead"])
    response = client.post(
        reverse("integrity:remark_act", args=[remark.pk, "reopen"]),
        {"reopen-reason": "  "},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="action-reopen"' in page and "is-invalid" in page
    remark.refresh_from_db()
    assert remark.state == Remark.State.ANSWERED


# ---------------------------------------------------------------- numbering
def test_numbers_continue_from_the_highest_serial_already_issued(
    people, desk, procuratorate
):
    """The data migration seeds core's sequence; numbers never repeat."""
    year = timezone.localdate().year
    first = services.remark_record(actor=desk["receiver"], fields=fields(people))
    # Numbers issued before the move to core (the old count) went up to 7.
    Remark.objects.filter(pk=first.pk).update(sequence=7)
    NumberSequence.objects.all().delete()
    migration = importlib.import_module(
        "apps.integrity.migrations.0007_remark_numbers_in_core"
    )
    migration.seed(django_apps, None)
    migration.seed(django_apps, None)  # twice: the same, never lower
    assert (
        number_last(procuratorate=procuratorate, series=REMARK_SERIES, year=year) == 7
    )
    following = [
        services.remark_record(actor=desk["receiver"], fields=fields(people))
        for _ in range(2)
    ]
    assert [r.sequence for r in following] == [8, 9]
    assert following[0].number == f"外督〔{year}〕8号"
    sequences = list(Remark.objects.values_list("sequence", flat=True))
    assert len(sequences) == len(set(sequences))
    migration.unseed(django_apps, None)
    assert not NumberSequence.objects.filter(series=REMARK_SERIES).exists()
