"""A closed cycle is locked: the services refuse and so does the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, InternalError, transaction

from apps.appraisal.models import Cycle, ProgressReport, Target
from apps.appraisal.services.cycles import cycle_close, cycle_update_rules
from apps.appraisal.services.scoring import (
    score_run_approve,
    score_run_compute,
    score_run_start,
)

pytestmark = pytest.mark.django_db


def closed_cycle(scenario):
    s = scenario.set_up().approve_all()
    s.report(s.cases, s.people["head"], actual_value=100)
    s.report(s.rate, s.second_head, numerator=5, denominator=100)
    from apps.appraisal.services.scoring import grade_record

    grade_record(actor=s.ao, target=s.team, grade="良好")
    run = score_run_start(actor=s.ao, cycle=s.cycle)
    score_run_compute(run_id=run.pk)
    run.refresh_from_db()
    score_run_approve(actor=s.pg, run=run, decision_reference="党组会议")
    cycle_close(actor=s.ao, cycle=s.cycle)
    return s


def test_the_cycle_closes_only_after_results_are_approved(scenario):
    s = scenario.set_up().approve_all()
    with pytest.raises(ValidationError):
        cycle_close(actor=s.ao, cycle=s.cycle)


def test_services_refuse_changes_in_a_closed_cycle(scenario):
    s = closed_cycle(scenario)
    with pytest.raises(ValidationError):
        cycle_update_rules(actor=s.ao, cycle=s.cycle, cap_percent=150)
    with pytest.raises(ValidationError):
        s.report(s.cases, s.people["head"], checkpoint_index=2, actual_value=1)


def test_the_database_refuses_writes_in_a_closed_cycle(scenario):
    s = closed_cycle(scenario)
    with transaction.atomic(), pytest.raises((IntegrityError, InternalError)):
        ProgressReport.objects.filter(cycle=s.cycle).update(evidence="改")
    with transaction.atomic(), pytest.raises((IntegrityError, InternalError)):
        ProgressReport.objects.filter(cycle=s.cycle).delete()
    with transaction.atomic(), pytest.raises((IntegrityError, InternalError)):
        Target.objects.filter(pk=s.cases.pk).update(revision=9, title="改")
    with transaction.atomic(), pytest.raises((IntegrityError, InternalError)):
        Target.objects.create(
            procuratorate=s.cycle.procuratorate,
            cycle=s.cycle,
            level="procuratorate",
            tier="leaders",
            title="新目标",
        )
    with transaction.atomic(), pytest.raises((IntegrityError, InternalError)):
        Cycle.objects.filter(pk=s.cycle.pk).update(status="open")
    assert Cycle.objects.get(pk=s.cycle.pk).status == "closed"
