"""A request's submitted time and content, and its answers, never change.

The database refuses it, so not even code that forgets the rule can mend the
record; corrections are amendments shown beside the original.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import InternalError, connection, transaction

from apps.disclosure.models import (
    ServiceRequest,
    ServiceRequestAmendment,
    ServiceRequestLine,
    ServiceStep,
)
from apps.disclosure.services import service_request_amend, service_request_decide

from .conftest import at, submit

pytestmark = pytest.mark.django_db


def refused(callable_):
    with pytest.raises(InternalError, match="pgtrigger"), transaction.atomic():
        callable_()


@pytest.fixture
def decided(clock, people, supplies, pens):
    clock.at(2025, 11, 24, 9)
    request = submit(people["clerk"], supplies, (pens, 2))
    clock.at(2025, 11, 25, 9)
    service_request_decide(
        actor=people["office_head"],
        request=request,
        decision="deferred",
        reason="经检察长决定，资金数额较大，缓办",
    )
    return request


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "改过的标题"),
        ("content", "改过的内容"),
        ("submitted_at", at(2025, 11, 30)),
        ("urgent", True),
    ],
)
def test_submitted_content_and_time_cannot_be_updated(decided, field, value):
    refused(
        lambda: ServiceRequest.objects.filter(pk=decided.pk).update(**{field: value})
    )
    decided.refresh_from_db()
    assert decided.submitted_at == at(2025, 11, 24, 9)


def test_the_state_still_moves(clock, decided):
    """The trigger guards the content only: the state and updated_at may change."""
    decided.refresh_from_db()
    assert decided.state == ServiceRequest.State.DEFERRED
    moved_at = clock.at(2025, 11, 26, 9)
    ServiceRequest.objects.filter(pk=decided.pk).update(
        state=ServiceRequest.State.AWAITING_ISSUE, updated_at=moved_at
    )
    decided.refresh_from_db()
    assert decided.state == ServiceRequest.State.AWAITING_ISSUE
    assert decided.updated_at == moved_at
    assert decided.submitted_at == at(2025, 11, 24, 9)


def raw_delete(model, pk):
    # Past Django's own PROTECT: the database itself must refuse.
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE id = %s", [pk])


def test_a_request_is_never_deleted(decided):
    refused(lambda: raw_delete(ServiceRequest, decided.pk))


def test_lines_are_fixed(decided):
    refused(
        lambda: ServiceRequestLine.objects.filter(request=decided).update(quantity=9)
    )
    refused(lambda: ServiceRequestLine.objects.filter(request=decided).delete())


def test_an_answer_once_given_is_fixed(decided):
    done = ServiceStep.objects.filter(request=decided, done_at__isnull=False)
    refused(lambda: done.update(note="改成同意"))
    refused(lambda: done.update(done_at=at(2025, 11, 24, 10)))
    refused(lambda: done.delete())


def test_an_open_steps_due_time_is_fixed(decided):
    waiting = ServiceStep.objects.filter(request=decided, done_at__isnull=True)
    refused(lambda: waiting.update(due_at=at(2026, 1, 1)))


def test_corrections_are_amendments_beside_the_original(clock, decided, people):
    clock.at(2025, 11, 26, 9)
    amendment = service_request_amend(
        actor=people["clerk"], request=decided, text="数量更正为3支"
    )
    assert amendment.created_at == at(2025, 11, 26, 9)
    decided.refresh_from_db()
    assert decided.lines.get().quantity == 2
    refused(
        lambda: ServiceRequestAmendment.objects.filter(pk=amendment.pk).update(text="x")
    )


@pytest.mark.parametrize("who", ["staff", "outsider", "officer", "system_admin"])
def test_only_the_department_or_the_office_amends(decided, people, who):
    with pytest.raises(PermissionDenied):
        service_request_amend(actor=people[who], request=decided, text="更正")


def test_the_office_may_amend_its_answer(decided, people):
    service_request_amend(
        actor=people["office_reviewer"],
        request=decided,
        text="补充：下月预算到位后办理",
    )
    assert decided.amendments.count() == 1
