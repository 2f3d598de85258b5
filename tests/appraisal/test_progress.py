"""Progress at checkpoints: reports, the behind-plan flag, remedies, comments."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.appraisal.models import ProgressReport
from apps.appraisal.services.cycles import cycle_update_rules
from apps.appraisal.services.progress import (
    checkpoint_open_reporting,
    report_comment,
    report_remedy,
    special_task_approve,
    special_task_propose,
    special_task_reject,
    special_task_report,
)
from apps.appraisal.tasks import checkpoints_open_reporting_task
from apps.core.actions import Refused
from apps.todos.models import TodoItem

from .builders import D, checkpoints

pytestmark = pytest.mark.django_db


def steps(user):
    return set(
        TodoItem.objects.filter(assignee=user, status="open").values_list(
            "step_code", flat=True
        )
    )


def test_a_count_behind_the_quarterly_plan_is_flagged_to_the_head(scenario):
    s = scenario.set_up(behind_margin=D("10")).approve_all()
    # Q1 plans 25 of 100 cases; 23 is within 10%, 20 is not.
    ok = s.report(s.cases, s.people["clerk"], checkpoint_index=0, actual_value=23)
    assert (ok.plan_value, ok.is_behind) == (D("25.00"), False)
    assert "appraisal.progress.remedy" not in steps(s.people["head"])
    late = s.report(s.cases, s.people["clerk"], checkpoint_index=0, actual_value=20)
    assert late.pk == ok.pk and late.is_behind
    assert "appraisal.progress.remedy" in steps(s.people["head"])
    # Catching up before the head answers clears the flag and the to-do.
    s.report(s.cases, s.people["clerk"], checkpoint_index=0, actual_value=25)
    assert "appraisal.progress.remedy" not in steps(s.people["head"])


def test_a_lower_is_better_rate_above_its_ceiling_is_flagged(scenario):
    s = scenario.set_up().approve_all()
    report = s.report(
        s.rate, s.second_head, checkpoint_index=1, numerator=12, denominator=100
    )
    assert report.plan_value == D("10.00") and report.is_behind
    fine = s.report(
        s.rate, s.second_head, checkpoint_index=2, numerator=10, denominator=95
    )
    assert not fine.is_behind


def test_the_margin_is_configurable(scenario):
    s = scenario.set_up().approve_all()
    cycle_update_rules(actor=s.ao, cycle=s.cycle, behind_margin=D("30"))
    report = s.report(s.cases, s.people["head"], checkpoint_index=0, actual_value=18)
    assert not report.is_behind


def test_the_head_answers_and_the_deputy_comments(scenario):
    s = scenario.set_up().approve_all()
    p = s.people
    report = s.report(s.cases, p["clerk"], checkpoint_index=0, actual_value=10)
    with pytest.raises(PermissionDenied):
        report_remedy(actor=p["clerk"], report=report, remedy="x")
    report_remedy(actor=p["head"], report=report, remedy="抽调骨干集中办理积案")
    assert "appraisal.progress.remedy" not in steps(p["head"])
    comment = report_comment(
        actor=p["deputy"], report=report, text="下季度务必赶上进度"
    )
    assert comment.author == p["deputy"]
    for outsider in (s.second_head, p["staff"], s.ao):
        with pytest.raises(PermissionDenied):
            report_comment(actor=outsider, report=report, text="x")
    report_comment(actor=p["pg"], report=report, text="检察长阅")


def test_report_checks_the_measure(scenario):
    s = scenario.set_up().approve_all()
    with pytest.raises(ValidationError):
        s.report(s.rate, s.second_head, numerator=1, denominator=0)
    with pytest.raises(ValidationError):
        s.report(s.cases, s.people["head"])
    with pytest.raises(ValidationError):
        s.report(s.team, s.people["office_head"], grade="不存在")
    assert s.report(s.team, s.people["office_head"], grade="良好").grade == "良好"


def test_who_reports_progress(scenario):
    s = scenario.set_up().approve_all().staff_targets()
    p = s.people
    for actor in (p["staff"], s.second_head, p["officer"]):
        with pytest.raises(PermissionDenied):
            s.report(s.cases, actor, actual_value=1)
    # Staff report their own targets; the head may report for them.
    s.report(s.staff_case, p["staff"], actual_value=1)
    s.report(s.staff_case, p["head"], actual_value=2)
    with pytest.raises(PermissionDenied):
        s.report(s.head_case, p["staff"], actual_value=1)


def test_opening_a_checkpoint_asks_each_department_once(scenario):
    s = scenario.set_up().approve_all()
    cp = checkpoints(s.cycle)[0]
    checkpoint_open_reporting(actor=s.ao, checkpoint=cp)
    checkpoint_open_reporting(actor=s.ao, checkpoint=cp)
    step = f"appraisal.progress.{cp.pk}"
    assert TodoItem.objects.filter(step_code=step, status="open").count() == 4
    assert step in steps(s.people["clerk"]) and step in steps(s.second_head)
    # The to-do closes once every target of the department is reported.
    s.report(s.cases, s.people["clerk"], checkpoint_index=0, actual_value=25)
    assert step not in steps(s.people["head"])
    assert step in steps(s.second_head)


def test_the_daily_job_opens_checkpoints_falling_due(scenario):
    s = scenario.set_up().approve_all()
    first = checkpoints(s.cycle)[0]
    first.due_date = datetime.date.today() + datetime.timedelta(days=3)
    first.save(update_fields=["due_date"])
    assert checkpoints_open_reporting_task() >= 1
    first.refresh_from_db()
    assert first.reporting_opened_at is not None
    assert checkpoints_open_reporting_task() == 0


def test_special_task_flow_and_its_behind_plan_flag(scenario):
    s = scenario.set_up().approve_all()
    p = s.people
    with pytest.raises(PermissionDenied):
        special_task_propose(
            actor=p["staff"],
            cycle=s.cycle,
            title="x",
            description="x",
            origin="x",
            start_date=s.cycle.start_date,
            end_date=s.cycle.end_date,
            requested_points=D("1"),
        )
    task = special_task_propose(
        actor=p["head"],
        cycle=s.cycle,
        title="涉众型经济犯罪专项",
        description="上级院部署",
        origin="市检察院",
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        requested_points=D("4"),
    )
    assert "appraisal.special_task.decide" in steps(p["deputy"])
    assert "appraisal.special_task.decide" in steps(p["pg"])
    with pytest.raises(Refused) as exc:  # not approved yet
        special_task_report(
            actor=p["head"],
            task=task,
            checkpoint=checkpoints(s.cycle)[1],
            percent_complete=D("10"),
            evidence="x",
        )
    assert exc.value.code == "wrong_step"
    special_task_approve(actor=p["pg"], task=task, credit_points=D("4"))
    assert "appraisal.special_task.decide" not in steps(p["deputy"])
    # Half the year has passed by the second checkpoint: 10% is far behind.
    report = special_task_report(
        actor=p["clerk"],
        task=task,
        checkpoint=checkpoints(s.cycle)[1],
        percent_complete=D("10"),
        evidence="刚启动",
    )
    assert report.is_behind and report.plan_value > 50
    assert "appraisal.progress.remedy" in steps(p["head"])


def test_rejected_special_task_needs_a_reason(scenario):
    s = scenario.set_up().approve_all()
    p = s.people
    task = special_task_propose(
        actor=p["head"],
        cycle=s.cycle,
        title="x",
        description="x",
        origin="x",
        start_date=s.cycle.start_date,
        end_date=s.cycle.end_date,
        requested_points=D("1"),
    )
    with pytest.raises(ValidationError):
        special_task_reject(actor=p["pg"], task=task, note="")
    special_task_reject(actor=p["pg"], task=task, note="属于常规工作")
    task.refresh_from_db()
    assert task.status == "rejected"
    assert not ProgressReport.objects.filter(special_task=task).exists()
