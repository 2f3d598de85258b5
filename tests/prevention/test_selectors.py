"""Reads: the project list and the yearly statistics, at fixed query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.prevention.models import ProjectStep, State, Step
from apps.prevention.selectors import project_list, project_statistics

from .builders import open_project, run_to

pytestmark = pytest.mark.django_db


def _queries(func):
    with CaptureQueriesContext(connection) as ctx:
        func()
    return len(ctx.captured_queries)


def test_statistics_count_projects_units_suggestions_and_visits(people):
    year = timezone.localdate().year
    done = open_project(people["staff"], affected_unit="某镇国土所")
    run_to(done, people, State.ARCHIVED)
    same_unit = open_project(people["officer"], affected_unit="某镇国土所")
    run_to(same_unit, people, State.RETURN_VISIT)
    open_project(people["staff"], affected_unit="区医保中心")
    # The second project's return visit was late.
    run_to(same_unit, people, State.FINAL_REPORT)
    ProjectStep.objects.filter(project=same_unit, step=Step.RETURN_VISIT).update(
        due_at=timezone.now() - datetime.timedelta(days=1)
    )
    stats = project_statistics(user=people["pg"], year=year)
    assert stats["projects"] == 3
    assert stats["archived"] == 1
    assert stats["units"] == 2
    assert stats["letters"] == 2
    # Each letter holds three suggestions: adopted, partly, adopted.
    assert stats["suggestions_issued"] == 6
    assert stats["suggestions_adopted"] == 4
    assert stats["suggestions_partly"] == 2
    assert stats["adoption_rate"] == pytest.approx(66.7)
    assert stats["visits_done"] == 2
    assert stats["visits_on_time"] == 1
    assert stats["visits_on_time_rate"] == 50.0
    assert project_statistics(user=people["pg"], year=year - 1)["projects"] == 0
    # Another procuratorate sees none of it.
    assert project_statistics(user=people["outsider"], year=year)["projects"] == 0


def test_statistics_and_list_cost_fixed_queries(client, people):
    year = timezone.localdate().year
    client.force_login(people["pg"])

    def page_costs():
        return (
            _queries(lambda: project_statistics(user=people["pg"], year=year)),
            _queries(lambda: list(project_list(user=people["pg"]))),
            _queries(lambda: client.get(reverse("prevention:statistics"))),
            _queries(lambda: client.get(reverse("prevention:index"))),
        )

    run_to(open_project(people["staff"]), people, State.ARCHIVED)
    small = page_costs()
    for i in range(4):
        project = open_project(people["officer"], affected_unit=f"单位{i}")
        run_to(project, people, State.FINAL_REPORT)
    large = page_costs()
    assert small == large
    assert small[0] == 5


def test_detail_page_costs_fixed_queries(client, people):
    client.force_login(people["staff"])
    project = open_project(people["staff"])
    run_to(project, people, State.ARCHIVED)
    cost = _queries(lambda: client.get(project.get_absolute_url()))
    other = open_project(people["staff"])
    run_to(other, people, State.ACTIVITIES)
    from apps.prevention import services

    from .builders import activity_fields

    for _ in range(5):
        services.activity_add(
            actor=people["staff"], project=other, fields=activity_fields()
        )
    run_to(other, people, State.ARCHIVED)
    assert _queries(lambda: client.get(other.get_absolute_url())) == cost
