"""Two people acting on the same item at once: exactly one transition happens."""

import threading

import pytest
from django.db import connection

from apps.appraisal.models import DepartmentPlan
from apps.appraisal.services.plans import plan_propose, plan_review
from apps.audit.models import AuditEvent
from apps.core.models import Role
from tests.factories import make_user


@pytest.mark.django_db(transaction=True)
def test_two_office_members_reviewing_at_once_review_once(scenario, office):
    s = scenario.set_up()
    plan_propose(actor=s.people["head"], plan=s.pros_plan)
    second_reviewer = make_user(department=office, roles=[Role.APPRAISAL_OFFICE])
    barrier = threading.Barrier(2)
    outcomes = []

    def review(user):
        try:
            barrier.wait()
            plan_review(actor=user, plan=s.pros_plan)
            outcomes.append("ok")
        except Exception as exc:  # the loser sees the state has moved on
            outcomes.append(type(exc).__name__)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=review, args=(user,))
        for user in (s.ao, second_reviewer)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["Refused", "ok"]
    assert DepartmentPlan.objects.get(pk=s.pros_plan.pk).status == "reviewed"
    assert AuditEvent.objects.filter(action="appraisal.plan.review").count() == 1
