"""Scoring: achievement, weights, shares, exemptions, normalisation, freezing.

The scenario (see builders.Scenario), all reports at the fourth quarter:
- 审结公诉案件: 110 of 100 cases → 110%; G1 70 × weight 60; prosecution 80%,
  the second department 20%;
- 不捕率 ≤ 10%: 8 of 100 → 8%, ratio 10/8 = 125% → capped at 120%; G1 70 × 40;
- 队伍建设 (qualitative): graded 良好 = 85 by the appraisal office; G2 30 × 100.
Effective weights: prosecution 33.6; second 8.4 (cases) + 28 (rate); office 30.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, InternalError, transaction

from apps.appraisal.models import (
    DepartmentResult,
    IndividualResult,
    ScoreLine,
    ScoreRun,
    TargetScore,
)
from apps.appraisal.services.adjustments import (
    adjustment_approve,
    adjustment_request,
    adjustment_review,
)
from apps.appraisal.services.cycles import cycle_update_rules
from apps.appraisal.services.progress import (
    special_task_approve,
    special_task_propose,
    special_task_report,
)
from apps.appraisal.services.scoring import (
    grade_record,
    missing_data,
    score_run_approve,
    score_run_compute,
    score_run_start,
)

from .builders import D, checkpoints

pytestmark = pytest.mark.django_db


def report_all(s):
    s.report(s.cases, s.people["head"], actual_value=110)
    s.report(s.rate, s.second_head, numerator=8, denominator=100)
    grade_record(actor=s.ao, target=s.team, grade="良好")


def compute(s):
    run = score_run_start(actor=s.ao, cycle=s.cycle)
    run = score_run_compute(run_id=run.pk)
    assert run.status == ScoreRun.Status.COMPUTED, run.error
    return run


def dept(run, department):
    return DepartmentResult.objects.get(run=run, department=department)


def test_weighted_rollup_with_shares_and_cap(scenario):
    s = scenario.set_up().approve_all()
    report_all(s)
    run = compute(s)
    pros, second, office = (dept(run, d) for d in (s.prosecution, s.second, s.office))
    assert pros.target_score == D("110.00")
    # (8.4 × 110 + 28 × 120) / 36.4
    assert second.target_score == D("117.69")
    assert office.target_score == D("85.00")
    rate = TargetScore.objects.get(run=run, target=s.rate)
    assert (rate.actual, rate.ratio, rate.achievement) == (
        D("8.00"),
        D("125.00"),
        D("120.00"),
    )
    assert rate.detail["capped"] is True and rate.detail["denominator"] == "100.00"
    goals = {
        ts.target_id: ts.achievement
        for ts in TargetScore.objects.filter(run=run, target__level="procuratorate")
    }
    assert goals == {s.g1.pk: D("114.00"), s.g2.pk: D("85.00")}


def test_breakdown_lines_add_up_to_the_score(scenario):
    s = scenario.set_up().approve_all()
    report_all(s)
    run = compute(s)
    second = dept(run, s.second)
    lines = list(ScoreLine.objects.filter(department_result=second).order_by("id"))
    assert [(ln.share, ln.effective_weight) for ln in lines] == [
        (D("20.00"), D("8.4000")),
        (D("100.00"), D("28.0000")),
    ]
    assert sum(ln.weight_fraction for ln in lines) == D("100.00")
    assert abs(sum(ln.contribution for ln in lines) - second.target_score) <= D("0.01")


def test_cooperating_department_shares_the_credit_by_share(scenario):
    """The second department gets the cases target at 20% of its weight."""
    s = scenario.set_up().approve_all()
    report_all(s)
    compute(s)
    pros_line = ScoreLine.objects.get(
        department_result__department=s.prosecution, target_score__target=s.cases
    )
    coop_line = ScoreLine.objects.get(
        department_result__department=s.second, target_score__target=s.cases
    )
    assert pros_line.effective_weight == 4 * coop_line.effective_weight
    assert pros_line.target_score_id == coop_line.target_score_id


def test_normalisation_ratio_to_group_mean(scenario):
    s = scenario.set_up(normalisation="ratio").approve_all()
    report_all(s)
    run = compute(s)
    pros, second, office = (dept(run, d) for d in (s.prosecution, s.second, s.office))
    assert (pros.group, office.group) == ("business", "comprehensive")
    assert pros.normalised == D("96.62") and second.normalised == D("103.38")
    assert office.normalised == D("100.00")
    assert (second.rank, pros.rank, office.rank) == (1, 2, 1)
    assert (
        second.award_candidate and not pros.award_candidate and office.award_candidate
    )


def test_normalisation_rank_within_group(scenario):
    s = scenario.set_up(normalisation="rank").approve_all()
    report_all(s)
    run = compute(s)
    assert dept(run, s.second).normalised == D("100.00")
    assert dept(run, s.prosecution).normalised == D("50.00")
    assert dept(run, s.office).normalised == D("100.00")


def test_normalisation_z_score(scenario):
    s = scenario.set_up(normalisation="zscore").approve_all()
    report_all(s)
    run = compute(s)
    assert dept(run, s.second).normalised == D("110.00")
    assert dept(run, s.prosecution).normalised == D("90.00")
    # A group of one has no spread: it sits at the mean.
    assert dept(run, s.office).normalised == D("100.00")


def test_business_and_comprehensive_are_never_ranked_together(scenario):
    s = scenario.set_up().approve_all()
    report_all(s)
    run = compute(s)
    sizes = {r.group: r.group_size for r in DepartmentResult.objects.filter(run=run)}
    assert sizes == {"business": 2, "comprehensive": 1}


def test_exempted_target_is_left_out_instead_of_counting_zero(scenario):
    s = scenario.set_up().approve_all()
    adj = adjustment_request(
        actor=s.second_head, target=s.rate, kind="exemption", reason="基数不受控制"
    )
    adjustment_review(actor=s.ao, adjustment=adj)
    adjustment_approve(actor=s.pg, adjustment=adj)
    s.report(s.cases, s.people["head"], actual_value=110)
    grade_record(actor=s.ao, target=s.team, grade="良好")
    assert missing_data(s.cycle) == []  # the exempted rate needs no report
    run = compute(s)
    second = dept(run, s.second)
    assert second.target_score == D("110.00")
    exempt_line = ScoreLine.objects.get(
        department_result=second, target_score__target=s.rate
    )
    assert exempt_line.target_score.exempt and exempt_line.contribution == 0
    assert exempt_line.target_score.detail["reason"] == "基数不受控制"
    # The goal rolls up over its remaining target only.
    assert TargetScore.objects.get(run=run, target=s.g1).achievement == D("110.00")


def test_curves_threshold_and_diminishing(scenario):
    s = scenario.set_up(curve="diminishing", excess_factor=D("0.5")).approve_all()
    report_all(s)
    run = compute(s)
    assert TargetScore.objects.get(run=run, target=s.cases).achievement == D("105.00")
    cycle_update_rules(actor=s.ao, cycle=s.cycle, curve="threshold", floor_percent=60)
    s.report(s.cases, s.people["head"], actual_value=55)
    run = compute(s)
    assert TargetScore.objects.get(run=run, target=s.cases).achievement == D("0.00")
    assert ScoreRun.objects.filter(cycle=s.cycle, status="superseded").count() == 1


def test_individual_results_include_the_department_share(scenario):
    s = scenario.set_up().approve_all().staff_targets()
    report_all(s)
    s.report(s.staff_case, s.people["staff"], actual_value=55)
    s.report(s.head_case, s.people["head"], actual_value=24)
    run = compute(s)
    pros = dept(run, s.prosecution)
    staff = IndividualResult.objects.get(run=run, staff=s.people["staff"].staff)
    head = IndividualResult.objects.get(run=run, staff=s.people["head"].staff)
    assert (staff.target_score, head.target_score) == (D("110.00"), D("80.00"))
    assert staff.department_score == pros.normalised == D("96.62")
    assert staff.department_share == D("30.00")
    # 110 × 70% + 96.6216… × 30%
    assert staff.total == D("105.99")
    assert (staff.group, head.group) == ("staff", "middle")
    assert staff.department_result_id == pros.pk


def test_special_task_credit_counts_by_completion_and_cap(scenario):
    s = scenario.set_up(special_task_cap=D("8")).approve_all().staff_targets()
    p = s.people
    task = special_task_propose(
        actor=p["head"],
        cycle=s.cycle,
        title="扫黑除恶专项斗争",
        description="市委部署的专项工作",
        origin="市委政法委",
        start_date=s.cycle.start_date,
        end_date=s.cycle.end_date,
        requested_points=D("6"),
        participants=[p["staff"].staff],
    )
    with pytest.raises(ValidationError):  # above the cycle's cap
        special_task_approve(actor=p["deputy"], task=task, credit_points=D("9"))
    with pytest.raises(PermissionDenied):
        special_task_approve(actor=s.second_head, task=task, credit_points=D("5"))
    special_task_approve(actor=p["deputy"], task=task, credit_points=D("5"))
    special_task_report(
        actor=p["head"],
        task=task,
        checkpoint=checkpoints(s.cycle)[3],
        percent_complete=D("60"),
        evidence="阶段总结",
    )
    report_all(s)
    s.report(s.staff_case, p["staff"], actual_value=55)
    s.report(s.head_case, p["head"], actual_value=24)
    run = compute(s)
    pros = dept(run, s.prosecution)
    assert pros.special_credit == D("3.00") and pros.total == D("113.00")
    assert pros.detail["special_tasks"][0]["earned"] == "3.00"
    staff = IndividualResult.objects.get(run=run, staff=p["staff"].staff)
    head = IndividualResult.objects.get(run=run, staff=p["head"].staff)
    assert staff.special_credit == D("3.00") and head.special_credit == D("0.00")


def test_missing_reports_or_grades_stop_the_computation(scenario):
    s = scenario.set_up().approve_all()
    s.report(s.cases, s.people["head"], actual_value=110)
    with pytest.raises(ValidationError) as exc:
        score_run_start(actor=s.ao, cycle=s.cycle)
    text = " ".join(exc.value.messages)
    assert "不捕率控制" in text and "队伍建设" in text


def test_only_the_office_computes_and_only_the_pg_approves(scenario):
    s = scenario.set_up().approve_all()
    report_all(s)
    with pytest.raises(PermissionDenied):
        score_run_start(actor=s.pg, cycle=s.cycle)
    run = compute(s)
    with pytest.raises(PermissionDenied):
        score_run_approve(actor=s.ao, run=run, decision_reference="x")
    with pytest.raises(PermissionDenied):
        score_run_approve(actor=s.people["deputy"], run=run, decision_reference="x")


def test_approval_freezes_the_results(scenario):
    s = scenario.set_up().approve_all()
    report_all(s)
    run = compute(s)
    score_run_approve(actor=s.pg, run=run, decision_reference="2027年第1次党组会议")
    run.refresh_from_db()
    assert run.status == "approved" and run.approved_by == s.pg
    # No new computation, no new reports, no new grades, no rule changes.
    with pytest.raises(ValidationError):
        score_run_start(actor=s.ao, cycle=s.cycle)
    with pytest.raises(ValidationError):
        s.report(s.cases, s.people["head"], actual_value=1)
    with pytest.raises(ValidationError):
        grade_record(actor=s.ao, target=s.team, grade="优秀")
    with pytest.raises(ValidationError):
        cycle_update_rules(actor=s.ao, cycle=s.cycle, cap_percent=150)
    # The database refuses to touch the run or its rows.
    with transaction.atomic(), pytest.raises((IntegrityError, InternalError)):
        ScoreRun.objects.filter(pk=run.pk).update(status="superseded")
    with transaction.atomic(), pytest.raises((IntegrityError, InternalError)):
        DepartmentResult.objects.filter(run=run).update(normalised=100)
    with transaction.atomic(), pytest.raises((IntegrityError, InternalError)):
        ScoreLine.objects.filter(run=run).delete()


def test_computing_twice_is_harmless(scenario):
    s = scenario.set_up().approve_all()
    report_all(s)
    run = compute(s)
    count = DepartmentResult.objects.filter(run=run).count()
    assert score_run_compute(run_id=run.pk).status == "computed"
    assert DepartmentResult.objects.filter(run=run).count() == count


def test_a_superseded_queued_run_is_not_computed(scenario):
    s = scenario.set_up().approve_all()
    report_all(s)
    first = score_run_start(actor=s.ao, cycle=s.cycle)
    second = score_run_start(actor=s.ao, cycle=s.cycle)
    assert score_run_compute(run_id=first.pk).status == "superseded"
    assert not DepartmentResult.objects.filter(run=first).exists()
    assert score_run_compute(run_id=second.pk).status == "computed"


def test_qualitative_grades_from_several_reviewers_are_averaged(scenario, people):
    s = scenario.set_up()
    s.office.deputy = people["deputy"].staff
    s.office.save(update_fields=["deputy"])
    s.approve_all()
    s.report(s.cases, people["head"], actual_value=110)
    s.report(s.rate, s.second_head, numerator=8, denominator=100)
    grade_record(actor=s.ao, target=s.team, grade="优秀")
    grade_record(actor=people["deputy"], target=s.team, grade="一般", comment="需加强")
    with pytest.raises(PermissionDenied):  # not a reviewer of this target
        grade_record(actor=s.second_head, target=s.team, grade="优秀")
    run = compute(s)
    team = TargetScore.objects.get(run=run, target=s.team)
    assert team.achievement == D("85.00")  # (100 + 70) / 2
    assert [g["grade"] for g in team.detail["grades"]] == ["优秀", "一般"]


def test_lower_is_better_rate_missed_scores_below_100(scenario):
    s = scenario.set_up().approve_all()
    s.report(s.cases, s.people["head"], actual_value=100)
    s.report(s.rate, s.second_head, numerator=20, denominator=100)
    grade_record(actor=s.ao, target=s.team, grade="良好")
    run = compute(s)
    assert TargetScore.objects.get(run=run, target=s.rate).achievement == Decimal(
        "50.00"
    )
