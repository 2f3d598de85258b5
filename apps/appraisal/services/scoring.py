"""Grading qualitative targets, computing scores, approving results.

The computation (a Celery task) writes a new `ScoreRun` every time: target
scores with the numbers they came from, department and individual results,
and the lines that join them, so any score can be followed back to a
report, a grade or an exemption. Approving a run freezes it; the database
refuses to change result rows at all.
"""

import logging
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record
from apps.core.models import Department, Role, Staff
from apps.todos.services import todo_close, todo_open
from apps.workdays.clock import due_for_step

from .. import calc
from ..models import (
    Cycle,
    DepartmentResult,
    Direction,
    IndividualResult,
    Measure,
    ProgressReport,
    QualitativeGrade,
    ScoreLine,
    ScoreRun,
    SpecialTask,
    Target,
    TargetScore,
)
from .common import ensure_open, lock, office_users, pg_users, require

logger = logging.getLogger(__name__)
ZERO = Decimal("0")


def _results_open(cycle):
    if cycle.runs.filter(status=ScoreRun.Status.APPROVED).exists():
        raise ValidationError(_("The results are approved and frozen."))


# ----------------------------------------------------------------- grading


def targets_to_grade(*, user, cycle):
    """The approved qualitative targets `user` is a reviewer of."""
    staff = user.staff
    qs = Target.objects.filter(
        cycle=cycle,
        status=Target.Status.APPROVED,
        measure=Measure.QUALITATIVE,
        is_exempt=False,
        level__in=[Target.Level.DEPARTMENT, Target.Level.INDIVIDUAL],
    )
    if staff.has_role(Role.APPRAISAL_OFFICE):
        return qs
    mine = Q(level=Target.Level.DEPARTMENT, department__deputy=staff)
    if staff.has_role(Role.DEPARTMENT_HEAD):
        mine |= Q(level=Target.Level.INDIVIDUAL, department_id=staff.department_id)
    return qs.filter(mine)


def _grade_step(user):
    return f"appraisal.grade.{user.pk}"


@transaction.atomic
def grading_open(*, actor, cycle):
    """Put the qualitative targets in each reviewer's to-dos (one per reviewer).

    Reviewers: the appraisal office for every target, the overseeing deputy
    for the department targets of the departments they oversee, the
    department head for the staff targets of the department.
    """
    require(actor, "appraisal.manage_cycle", cycle)
    ensure_open(cycle)
    _results_open(cycle)
    reviewers = {u.pk: u for u in office_users(cycle.procuratorate_id)}
    targets = Target.objects.filter(
        cycle=cycle,
        status=Target.Status.APPROVED,
        measure=Measure.QUALITATIVE,
        is_exempt=False,
    ).select_related("department__deputy__user")
    for target in targets:
        if target.level == Target.Level.DEPARTMENT and target.department.deputy_id:
            deputy = target.department.deputy.user
            reviewers[deputy.pk] = deputy
    heads = Staff.objects.filter(
        procuratorate_id=cycle.procuratorate_id,
        roles__contains=[Role.DEPARTMENT_HEAD],
        department_id__in=targets.filter(level=Target.Level.INDIVIDUAL).values(
            "department_id"
        ),
        user__is_active=True,
    ).select_related("user")
    for head in heads:
        reviewers[head.user.pk] = head.user
    opened = 0
    for user in reviewers.values():
        waiting = targets_to_grade(user=user, cycle=cycle).exclude(
            grades__reviewer=user
        )
        if waiting.exists():
            todo_open(
                target=cycle,
                step_code=_grade_step(user),
                label=gettext_noop("Grade the qualitative targets"),
                assignees=[user],
                url=cycle.get_absolute_url() + "grading/",
                due_at=due_for_step("appraisal.grade", timezone.now()),
                subject=cycle.name,
            )
            opened += 1
    audit_record(
        actor=actor,
        action="appraisal.grading.open",
        target=cycle,
        after={"reviewers": opened},
        message=gettext_noop("Opened the grading of qualitative targets"),
    )
    return opened


@transaction.atomic
def grade_record(*, actor, target, grade, comment=""):
    """Record (or change) the actor's grade for a qualitative target."""
    require(actor, "appraisal.grade_target", target)
    target = Target.objects.select_related("cycle").get(pk=target.pk)
    ensure_open(target.cycle)
    _results_open(target.cycle)
    if (
        not target.is_frozen
        or target.measure != Measure.QUALITATIVE
        or target.is_exempt
        or target.level == Target.Level.PROCURATORATE
    ):
        raise ValidationError(_("Only approved qualitative targets are graded."))
    points = target.grade_points(grade)
    if points is None:
        raise ValidationError({"grade": _("Choose a grade of the target's scale.")})
    record, _created = QualitativeGrade.objects.select_for_update().update_or_create(
        target=target,
        reviewer=actor,
        defaults={
            "procuratorate_id": target.procuratorate_id,
            "cycle_id": target.cycle_id,
            "grade": grade,
            "points": points,
            "comment": comment,
        },
    )
    remaining = targets_to_grade(user=actor, cycle=target.cycle).exclude(
        grades__reviewer=actor
    )
    if not remaining.exists():
        todo_close(target=target.cycle, step_code=_grade_step(actor), actor=actor)
    audit_record(
        actor=actor,
        action="appraisal.grade.record",
        target=target,
        after={"grade": grade, "points": points, "comment": comment},
        message=gettext_noop("Graded a qualitative target"),
    )
    return record


# ------------------------------------------------------------------ runs


def missing_data(cycle):
    """Scored targets without the data to score them, as readable lines.

    A quantitative target needs a progress report; a qualitative target a
    grade. Scoring a missing report as zero would punish a late clerk, and as
    nothing would reward a "lower is better" target for silence.
    """
    leaves = Target.objects.filter(
        cycle=cycle,
        status=Target.Status.APPROVED,
        is_exempt=False,
        level__in=[Target.Level.DEPARTMENT, Target.Level.INDIVIDUAL],
    ).select_related("department", "staff")
    no_report = leaves.filter(measure=Measure.QUANTITATIVE, reports__isnull=True)
    no_grade = leaves.filter(measure=Measure.QUALITATIVE, grades__isnull=True)
    lines = [
        _("%(owner)s: %(target)s has no progress report.")
        % {"owner": t.staff or t.department, "target": t}
        for t in no_report
    ] + [
        _("%(owner)s: %(target)s has no grade yet.")
        % {"owner": t.staff or t.department, "target": t}
        for t in no_grade
    ]
    return lines


@transaction.atomic
def score_run_start(*, actor, cycle):
    """Queue a computation of the cycle's scores with its current rules."""
    require(actor, "appraisal.compute_scores", cycle)
    cycle = lock(Cycle, cycle.pk)
    ensure_open(cycle)
    _results_open(cycle)
    problems = missing_data(cycle)
    if problems:
        shown = problems[:10]
        if len(problems) > 10:
            shown.append(_("… and %(n)s more.") % {"n": len(problems) - 10})
        raise ValidationError(shown)
    for old in cycle.runs.select_for_update().filter(
        status__in=[ScoreRun.Status.QUEUED, ScoreRun.Status.COMPUTED]
    ):
        old.supersede()
        old.save(update_fields=["status", "updated_at"])
        todo_close(
            target=old,
            step_code="appraisal.results.approve",
            actor=actor,
            cancelled=True,
        )
    run = ScoreRun.objects.create(
        procuratorate_id=cycle.procuratorate_id,
        cycle=cycle,
        rules=rules_of(cycle).as_json(),
        requested_by=actor,
    )
    audit_record(
        actor=actor,
        action="appraisal.run.start",
        target=run,
        after={"rules": run.rules},
        message=gettext_noop("Started a score computation"),
    )
    transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id):
    """Hand the run to a worker; with the broker down it stays queued.

    The office sees a queued run and may start another computation; nothing
    is lost, and the user does not get an error page after the commit.
    """
    from ..tasks import score_run_compute_task

    try:
        score_run_compute_task.delay(run_id)
    except Exception:
        logger.exception("could not enqueue score run %s", run_id)


def rules_of(cycle):
    return calc.ScoringRules(
        curve=cycle.curve,
        floor_percent=cycle.floor_percent,
        excess_factor=cycle.excess_factor,
        cap_percent=cycle.cap_percent,
        normalisation=cycle.normalisation,
        department_share=cycle.department_share,
        special_task_cap=cycle.special_task_cap,
        award_departments=cycle.award_departments,
        award_individual_percent=cycle.award_individual_percent,
    )


def score_run_compute(*, run_id):
    """Compute a queued run; a run already done (or superseded) is left alone."""
    try:
        with transaction.atomic():
            run = lock(ScoreRun, run_id)
            if run.status != ScoreRun.Status.QUEUED:
                return run
            _compute(run)
            run.finish()
            run.computed_at = timezone.now()
            run.save(update_fields=["status", "computed_at", "updated_at"])
            todo_open(
                target=run,
                step_code="appraisal.results.approve",
                label=gettext_noop("Approve the appraisal results for the party group"),
                assignees=pg_users(run.procuratorate_id),
                url=run.get_absolute_url(),
                due_at=due_for_step("appraisal.results.approve", timezone.now()),
                subject=run.cycle.name,
            )
            audit_record(
                actor=None,
                action="appraisal.run.computed",
                target=run,
                after={"status": run.status},
                message=gettext_noop("Computed the scores"),
            )
            return run
    except Exception as exc:
        logger.exception("score run %s failed", run_id)
        with transaction.atomic():
            run = lock(ScoreRun, run_id)
            if run.status == ScoreRun.Status.QUEUED:
                run.fail()
                run.error = str(exc)[:2000]
                run.save(update_fields=["status", "error", "updated_at"])
        return run


@transaction.atomic
def score_run_approve(*, actor, run, decision_reference):
    """Record the party group's approval of the results: they freeze."""
    require(actor, "appraisal.approve_results", run)
    run = lock(ScoreRun, run.pk)
    ensure_open(run.cycle)
    if not decision_reference.strip():
        raise ValidationError(
            {"decision_reference": _("Cite the party group meeting that approved.")}
        )
    run.approve()
    run.approved_by, run.approved_at = actor, timezone.now()
    run.decision_reference = decision_reference
    run.save(
        update_fields=[
            "status",
            "approved_by",
            "approved_at",
            "decision_reference",
            "updated_at",
        ]
    )
    todo_close(target=run, step_code="appraisal.results.approve", actor=actor)
    audit_record(
        actor=actor,
        action="appraisal.run.approve",
        target=run,
        after={"status": run.status, "decision_reference": decision_reference},
        message=gettext_noop("Approved the appraisal results"),
    )
    return run


# ----------------------------------------------------------- computation


def _target_achievement(target, report, grades, rules):
    """Return (actual, ratio, achievement, detail) for one leaf target."""
    if target.measure == Measure.QUALITATIVE:
        points = [g.points for g in grades]
        mean = calc.mean_points(points)
        detail = {
            "kind": "grades",
            "grades": [
                {
                    "reviewer": str(g.reviewer),
                    "grade": g.grade,
                    "points": str(g.points),
                    "comment": g.comment,
                }
                for g in grades
            ],
        }
        return None, mean, min(mean, rules.cap_percent), detail
    if target.is_rate:
        actual = calc.rate_value(report.numerator, report.denominator)
    else:
        actual = report.actual_value
    ratio = calc.completion_ratio(
        target_value=target.target_value,
        actual=actual,
        lower_is_better=target.direction == Direction.LOWER,
        cap_percent=rules.cap_percent,
    )
    achievement = calc.achievement_from_ratio(ratio, rules)
    detail = {
        "kind": "report",
        "report": report.pk,
        "checkpoint": report.checkpoint.name,
        "target_value": str(target.target_value),
        "unit": target.unit,
        "direction": target.direction,
        "numerator": str(report.numerator) if report.numerator is not None else None,
        "denominator": str(report.denominator)
        if report.denominator is not None
        else None,
        "curve": rules.curve,
        "capped": calc.curve_value(ratio, rules) > rules.cap_percent,
    }
    return actual, ratio, achievement, detail


def _load(run):
    cycle = run.cycle
    targets = list(
        Target.objects.filter(cycle=cycle, status=Target.Status.APPROVED)
        .select_related("parent", "staff", "department")
        .prefetch_related("shares")
    )
    latest = {}
    for report in (
        ProgressReport.objects.filter(cycle=cycle, target__isnull=False)
        .select_related("checkpoint")
        .order_by("checkpoint__due_date", "id")
    ):
        latest[report.target_id] = report  # the last checkpoint reported wins
    grades = defaultdict(list)
    for grade in QualitativeGrade.objects.filter(cycle=cycle).select_related(
        "reviewer__staff"
    ):
        grades[grade.target_id].append(grade)
    tasks = list(
        SpecialTask.objects.filter(cycle=cycle, status=SpecialTask.Status.APPROVED)
        .prefetch_related("participants")
        .order_by("pk")
    )
    task_completion = {}
    for report in ProgressReport.objects.filter(
        cycle=cycle, special_task__in=tasks
    ).order_by("checkpoint__due_date", "id"):
        task_completion[report.special_task_id] = report.percent_complete
    departments = {
        d.pk: d
        for d in Department.objects.filter(procuratorate_id=cycle.procuratorate_id)
    }
    return targets, latest, grades, tasks, task_completion, departments


def _special_lines(tasks, completion, cap):
    credit, lines = calc.special_credit(
        [(t.credit_points, completion.get(t.pk, ZERO)) for t in tasks], cap
    )
    detail = [
        {
            "id": task.pk,
            "title": task.title,
            "points": str(points),
            "completion": str(done),
            "earned": str(calc.q2(earned)),
        }
        for task, (points, done, earned) in zip(tasks, lines, strict=True)
    ]
    return credit, detail


def _compute(run):
    """Write the run's target scores, results and lines (see calc for the rules)."""
    rules = calc.ScoringRules.from_json(run.rules)
    cycle = run.cycle
    targets, latest, grades, tasks, task_completion, departments = _load(run)

    # 1. Each leaf target's achievement.
    scores = {}
    for target in targets:
        if target.level == Target.Level.PROCURATORATE:
            continue
        if target.is_exempt:
            scores[target.pk] = TargetScore(
                run=run,
                cycle=cycle,
                target=target,
                exempt=True,
                detail={"kind": "exempt", "reason": target.exemption_reason},
            )
            continue
        actual, ratio, achievement, detail = _target_achievement(
            target, latest.get(target.pk), grades.get(target.pk, []), rules
        )
        scores[target.pk] = TargetScore(
            run=run,
            cycle=cycle,
            target=target,
            actual=calc.q2(actual) if actual is not None else None,
            ratio=calc.q2(ratio),
            achievement=calc.q2(achievement),
            detail=detail,
        )

    # 2. Goals roll up their department targets by weight.
    children = defaultdict(list)
    for target in targets:
        if target.level == Target.Level.DEPARTMENT:
            children[target.parent_id].append(target)
    for goal in (t for t in targets if t.level == Target.Level.PROCURATORATE):
        lines = [
            calc.Line(c.pk, scores[c.pk].achievement, c.weight)
            for c in children[goal.pk]
            if not scores[c.pk].exempt
        ]
        value, _parts = calc.weighted_mean(lines)
        scores[goal.pk] = TargetScore(
            run=run,
            cycle=cycle,
            target=goal,
            achievement=calc.q2(value) if value is not None else None,
            detail={"kind": "rollup", "children": len(lines)},
        )
    TargetScore.objects.bulk_create(scores.values())

    # 3. Department lines: each share of each department target.
    dept_lines = defaultdict(list)  # department id → [(Line, share, score)]
    dept_weight = {}  # (target id, department id) → effective weight
    for target in targets:
        if target.level != Target.Level.DEPARTMENT:
            continue
        goal_weight = target.parent.weight
        for share in target.shares.all():
            weight = goal_weight * target.weight * share.share / Decimal(10000)
            dept_weight[(target.pk, share.department_id)] = weight
            dept_lines[share.department_id].append((target, share.share, weight))

    # 4. Department results, normalised within each kind of department.
    raw = {}
    details = {}
    by_group = defaultdict(dict)
    for department_id, entries in dept_lines.items():
        scored = [
            calc.Line(t.pk, scores[t.pk].achievement, w)
            for t, _share, w in entries
            if not scores[t.pk].exempt
        ]
        value, parts = calc.weighted_mean(scored)
        if value is None:
            continue  # everything exempted: nothing to rank the department on
        credit, task_detail = _special_lines(
            [t for t in tasks if t.department_id == department_id],
            task_completion,
            rules.special_task_cap,
        )
        total = value + credit
        raw[department_id] = (value, credit, total, parts, entries)
        details[department_id] = {"special_tasks": task_detail}
        by_group[departments[department_id].kind][department_id] = total
    dept_results = {}
    for group, totals in by_group.items():
        normalised, stats = calc.normalise(totals, rules.normalisation)
        for department_id, (value, rank) in normalised.items():
            target_score, credit, total, _parts, _entries = raw[department_id]
            dept_results[department_id] = DepartmentResult(
                procuratorate_id=cycle.procuratorate_id,
                run=run,
                cycle=cycle,
                department_id=department_id,
                group=group,
                target_score=calc.q2(target_score),
                special_credit=calc.q2(credit),
                total=calc.q2(total),
                normalised=calc.q2(value),
                rank=rank,
                group_size=stats.size,
                award_candidate=rank <= rules.award_departments,
                detail={
                    **details[department_id],
                    "method": rules.normalisation,
                    "group_mean": str(calc.q2(stats.mean)),
                    "group_std": str(calc.q2(stats.std)),
                },
            )
    DepartmentResult.objects.bulk_create(dept_results.values())

    lines = []
    for department_id, (*_values, parts, entries) in raw.items():
        result = dept_results[department_id]
        shares = {t.pk: share for t, share, _w in entries}
        for line, fraction, contribution in parts:
            lines.append(
                ScoreLine(
                    run=run,
                    cycle=cycle,
                    department_result=result,
                    target_score=scores[line.key],
                    share=shares[line.key],
                    effective_weight=line.effective_weight,
                    weight_fraction=calc.q2(fraction),
                    contribution=calc.q2(contribution),
                )
            )
        for target, share, _w in entries:
            if scores[target.pk].exempt:
                lines.append(_exempt_line(run, cycle, scores[target.pk], share, result))

    # 5. Individual results: own targets, own special tasks, the department's share.
    person_lines = defaultdict(list)
    for target in targets:
        if target.level != Target.Level.INDIVIDUAL:
            continue
        parent_weight = dept_weight.get((target.parent_id, target.department_id), ZERO)
        weight = parent_weight * target.weight / calc.HUNDRED
        person_lines[target.staff_id].append((target, weight))
    staff = {t.staff_id: t.staff for t in targets if t.staff_id}
    person_raw, person_groups = {}, defaultdict(dict)
    for staff_id, entries in person_lines.items():
        scored = [
            calc.Line(t.pk, scores[t.pk].achievement, w)
            for t, w in entries
            if not scores[t.pk].exempt
        ]
        value, parts = calc.weighted_mean(scored)
        if value is None:
            continue
        person = staff[staff_id]
        credit, task_detail = _special_lines(
            [t for t in tasks if person in t.participants.all()],
            task_completion,
            rules.special_task_cap,
        )
        dept_result = dept_results.get(person.department_id)
        share = rules.department_share if dept_result else ZERO
        dept_score = dept_result.normalised if dept_result else ZERO
        total = (value + credit) * (calc.HUNDRED - share) / calc.HUNDRED + (
            dept_score * share / calc.HUNDRED
        )
        tier = entries[0][0].tier
        person_raw[staff_id] = (
            value,
            credit,
            dept_result,
            dept_score,
            share,
            total,
            parts,
            entries,
            task_detail,
        )
        person_groups[tier][staff_id] = total
    person_results = {}
    for tier, totals in person_groups.items():
        normalised, stats = calc.normalise(totals, rules.normalisation)
        cutoff = calc.award_cutoff_count(stats.size, rules.award_individual_percent)
        for staff_id, (value, rank) in normalised.items():
            own, credit, dept_result, dept_score, share, total, *_rest, task_detail = (
                person_raw[staff_id]
            )
            person_results[staff_id] = IndividualResult(
                procuratorate_id=cycle.procuratorate_id,
                run=run,
                cycle=cycle,
                staff_id=staff_id,
                department_id=staff[staff_id].department_id,
                department_result=dept_result,
                group=tier,
                target_score=calc.q2(own),
                special_credit=calc.q2(credit),
                department_score=calc.q2(dept_score),
                department_share=share,
                total=calc.q2(total),
                normalised=calc.q2(value),
                rank=rank,
                group_size=stats.size,
                award_candidate=rank <= cutoff,
                detail={
                    "special_tasks": task_detail,
                    "method": rules.normalisation,
                    "group_mean": str(calc.q2(stats.mean)),
                    "group_std": str(calc.q2(stats.std)),
                },
            )
    IndividualResult.objects.bulk_create(person_results.values())
    for staff_id, (*_head, parts, entries, _task_detail) in person_raw.items():
        result = person_results[staff_id]
        for line, fraction, contribution in parts:
            lines.append(
                ScoreLine(
                    run=run,
                    cycle=cycle,
                    individual_result=result,
                    target_score=scores[line.key],
                    share=calc.HUNDRED,
                    effective_weight=line.effective_weight,
                    weight_fraction=calc.q2(fraction),
                    contribution=calc.q2(contribution),
                )
            )
        for target, _w in entries:
            if scores[target.pk].exempt:
                lines.append(
                    _exempt_line(
                        run, cycle, scores[target.pk], calc.HUNDRED, None, result
                    )
                )
    ScoreLine.objects.bulk_create(lines)


def _exempt_line(run, cycle, score, share, department_result, individual_result=None):
    """An exempted target shows in the breakdown with no weight and no points."""
    return ScoreLine(
        run=run,
        cycle=cycle,
        department_result=department_result,
        individual_result=individual_result,
        target_score=score,
        share=share,
        effective_weight=ZERO,
        weight_fraction=ZERO,
        contribution=ZERO,
    )
