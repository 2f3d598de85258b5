"""Grading qualitative targets, starting score runs, approving results.

The computation (a Celery task, see ``computation.py``) writes a new
`ScoreRun` every time: target scores with the numbers they came from,
department and individual results, and the lines that join them. Approving
a run freezes it; the database refuses to change result rows at all.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record
from apps.core.actions import locked, transition_check
from apps.core.models import Role, Staff
from apps.todos.services import todo_close, todo_open
from apps.workdays.clock import due_for_step

from .. import calc
from ..models import Measure, QualitativeGrade, ScoreRun, Target
from .common import (
    ask,
    audit_step,
    ensure_open,
    office_users,
    open_step,
    pg_users,
    save_step,
)
from .computation import run_compute

logger = logging.getLogger(__name__)


def _results_open(cycle):
    if cycle.results_approved:
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
    ensure_open(cycle)
    _results_open(cycle)
    transition_check(actor, cycle.open_grading)
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
    target = Target.objects.select_related("cycle").get(pk=target.pk)
    ensure_open(target.cycle)
    _results_open(target.cycle)
    transition_check(
        actor,
        target.grade,
        wrong_step=_("Only approved qualitative targets are graded."),
    )
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
    cycle = open_step(actor, cycle, "compute", frozen=_results_open)
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
            run = locked(ScoreRun(pk=run_id), related=["cycle"])
            if run.status != ScoreRun.Status.QUEUED:
                return run
            run_compute(run)
            run.finish()
            run.computed_at = timezone.now()
            run.save(update_fields=["status", "computed_at", "updated_at"])
            ask(
                run,
                "appraisal.results.approve",
                gettext_noop("Approve the appraisal results for the party group"),
                pg_users(run.procuratorate_id),
                subject=run.cycle.name,
            )
            audit_step(
                None, "appraisal.run.computed", run, gettext_noop("Computed the scores")
            )
            return run
    except Exception as exc:
        logger.exception("score run %s failed", run_id)
        with transaction.atomic():
            run = locked(ScoreRun(pk=run_id))
            if run.status == ScoreRun.Status.QUEUED:
                run.fail()
                run.error = str(exc)[:2000]
                run.save(update_fields=["status", "error", "updated_at"])
        return run


@transaction.atomic
def score_run_approve(*, actor, run, decision_reference):
    """Record the party group's approval of the results: they freeze."""
    run = open_step(actor, run, "approve")
    if not decision_reference.strip():
        raise ValidationError(
            {"decision_reference": _("Cite the party group meeting that approved.")}
        )
    run.approve()
    save_step(run, actor, "approved", decision_reference=decision_reference)
    todo_close(target=run, step_code="appraisal.results.approve", actor=actor)
    audit_step(
        actor,
        "appraisal.run.approve",
        run,
        gettext_noop("Approved the appraisal results"),
        decision_reference=decision_reference,
    )
    return run
