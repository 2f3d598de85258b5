"""The demo data is made through the services and can be seeded twice."""

import pytest

from apps.core.demo import seed_organisation
from apps.integrity import demo
from apps.integrity.models import (
    Attempt,
    Exemplar,
    IntegrityPlan,
    JudgedContest,
    Question,
    Quiz,
    Remark,
)
from apps.integrity.selectors import plan_overload

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent():
    procuratorate, _ = seed_organisation()
    demo.seed(procuratorate)
    demo.seed(procuratorate)
    assert Question.objects.filter(procuratorate=procuratorate).count() == len(
        demo.BANK
    )
    closed = Quiz.objects.get(title=demo.CLOSED_QUIZ)
    assert closed.is_finished
    assert Attempt.objects.filter(quiz=closed).count() == 7
    assert len({a.score for a in Attempt.objects.filter(quiz=closed)}) > 1
    assert Quiz.objects.get(title=demo.OPEN_QUIZ).is_running
    plan = IntegrityPlan.objects.get(procuratorate=procuratorate)
    assert plan.state == IntegrityPlan.State.SUBMITTED
    assert plan_overload(plan)["weeks"]
    assert Remark.objects.count() == 2
    assert Exemplar.objects.filter(is_published=True).count() == 2
    contest = JudgedContest.objects.get()
    assert contest.state == JudgedContest.State.PUBLISHED
    assert contest.entries.exclude(award="").count() == 5
