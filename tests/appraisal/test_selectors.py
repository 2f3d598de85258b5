"""Ranking, breakdown, plan and board pages cost the same queries at any size."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.appraisal.models import DepartmentResult, IndividualResult
from apps.appraisal.services.cycles import cycle_launch, goal_save
from apps.appraisal.services.plans import (
    individual_targets_issue,
    plan_propose,
    plan_review,
    plans_approve,
    plans_submit,
)
from apps.appraisal.services.progress import progress_report_save, report_comment
from apps.appraisal.services.scoring import score_run_compute, score_run_start
from apps.appraisal.services.targets import (
    department_target_save,
    individual_target_save,
)
from apps.core.models import Department, Role
from tests.factories import DepartmentFactory, make_user

from .builders import checkpoints, make_cycle, make_indicators, plan_of

pytestmark = pytest.mark.django_db


def split(n):
    """n weights of two decimals totalling exactly 100."""
    base = (Decimal(100) / n).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    return [base] * (n - 1) + [Decimal(100) - base * (n - 1)]


def populate(people, procuratorate, *, departments, staff_each):
    """A computed cycle with `departments` departments of `staff_each` staff."""
    ao, pg, deputy = people["appraisal_office"], people["pg"], people["deputy"]
    Department.objects.filter(procuratorate=procuratorate).update(is_active=False)
    depts = []
    for i in range(departments):
        kind = Department.Kind.BUSINESS if i % 2 == 0 else Department.Kind.COMPREHENSIVE
        dept = DepartmentFactory(
            procuratorate=procuratorate, kind=kind, deputy=deputy.staff
        )
        head = make_user(department=dept, roles=[Role.DEPARTMENT_HEAD])
        staff = [make_user(department=dept) for _ in range(staff_each)]
        depts.append((dept, head, staff))
    cycle = make_cycle(ao, name=f"规模{departments}")
    ind = make_indicators(ao)
    cycle_launch(actor=ao, cycle=cycle)
    goal = goal_save(actor=ao, cycle=cycle, code="1", title="执法办案", weight=100)
    targets = []
    for (dept, head, _staff), weight in zip(depts, split(departments), strict=True):
        targets.append(
            department_target_save(
                actor=head,
                plan=plan_of(cycle, dept),
                parent=goal,
                indicator=ind["count"],
                title=f"{dept.name}办案",
                weight=weight,
                target_value=Decimal(100),
            )
        )
        plan_propose(actor=head, plan=plan_of(cycle, dept))
        plan_review(actor=ao, plan=plan_of(cycle, dept))
    plans_submit(actor=ao, cycle=cycle)
    plans_approve(actor=pg, cycle=cycle, decision_reference="党组会议")
    last = checkpoints(cycle)[3]
    for i, ((dept, head, staff), target) in enumerate(zip(depts, targets, strict=True)):
        plan = plan_of(cycle, dept)
        target.refresh_from_db()
        mine = []
        for member, weight in zip(staff, split(staff_each), strict=True):
            mine.append(
                individual_target_save(
                    actor=head,
                    plan=plan,
                    parent=target,
                    staff=member.staff,
                    indicator=ind["count"],
                    title="个人办案",
                    weight=weight,
                    target_value=Decimal(20),
                )
            )
        individual_targets_issue(actor=head, plan=plan)
        report = progress_report_save(
            actor=head,
            target=target,
            checkpoint=last,
            actual_value=Decimal(80 + i * 7),
            evidence="台账",
        )
        if report.is_behind:
            report_comment(actor=deputy, report=report, text="抓紧")
        for j, individual in enumerate(mine):
            individual.refresh_from_db()
            progress_report_save(
                actor=head,
                target=individual,
                checkpoint=last,
                actual_value=Decimal(15 + j),
                evidence="台账",
            )
    run = score_run_start(actor=ao, cycle=cycle)
    run = score_run_compute(run_id=run.pk)
    assert run.status == "computed", run.error
    return cycle, run, depts


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def page_costs(client, people, cycle, run, depts):
    client.force_login(people["pg"])
    dept_result = DepartmentResult.objects.filter(run=run).first()
    person_result = IndividualResult.objects.filter(run=run).first()
    costs = {
        "rankings": count_queries(
            client, reverse("appraisal:rankings") + f"?cycle={cycle.pk}"
        ),
        "department breakdown": count_queries(
            client, reverse("appraisal:department_result", args=[dept_result.pk])
        ),
        "individual breakdown": count_queries(
            client, reverse("appraisal:individual_result", args=[person_result.pk])
        ),
        "cycle": count_queries(
            client, reverse("appraisal:cycle_detail", args=[cycle.pk])
        ),
        "tree": count_queries(client, reverse("appraisal:tree", args=[cycle.pk])),
        "plan": count_queries(
            client,
            reverse("appraisal:plan_detail", args=[plan_of(cycle, depts[0][0]).pk]),
        ),
    }
    client.force_login(people["deputy"])
    costs["board"] = count_queries(client, reverse("dashboard:home"))
    return costs


def test_page_queries_do_not_grow_with_departments_and_staff(
    client, people, procuratorate
):
    small = page_costs(
        client, people, *populate(people, procuratorate, departments=2, staff_each=2)
    )
    large = page_costs(
        client, people, *populate(people, procuratorate, departments=5, staff_each=4)
    )
    assert small == large, (small, large)


def test_rankings_show_every_department_by_group(client, people, procuratorate):
    cycle, _run, _depts = populate(people, procuratorate, departments=4, staff_each=2)
    client.force_login(people["pg"])
    page = client.get(reverse("appraisal:rankings") + f"?cycle={cycle.pk}")
    groups = dict(page.context["department_groups"])
    assert {len(rows) for rows in groups.values()} == {2}
    assert len(page.context["award_departments"]) == 2
    assert sum(len(rows) for _g, rows in page.context["individual_groups"]) == 8
