"""Progress at checkpoints, special tasks, the behind-plan alarm (essay 3, remedy 4).

在实施过程中必须对实施情况进行经常性的、系统性的监督和检查, 发现偏差, 及时纠正.

At each checkpoint the departments report what their targets reached, with
evidence. A report short of the plan by more than the cycle's margin is
flagged: it enters the department head's to-dos (answer with remedial
measures) and the overseeing deputy's board (where the deputy comments).
Special tasks (专项工作) added during the year earn credit once leadership
approves them; their completion is reported the same way.
"""

import datetime
from decimal import Decimal
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import authorize, locked, transition_check
from apps.core.models import Department, Staff
from apps.core.uploads import check_upload
from apps.todos.services import todo_close, todo_open

from .. import calc
from ..models import (
    DepartmentPlan,
    Direction,
    Measure,
    ProgressComment,
    ProgressReport,
    SpecialTask,
    Target,
)
from .common import (
    ask,
    audit_step,
    ensure_open,
    head_and_clerk_users,
    head_users,
    open_step,
    pg_users,
    save_step,
)

# Evidence: scanned documents, office files, photos of registers.
EVIDENCE_KINDS = ("documents", "spreadsheets", "images")
EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def _end_of_day(day):
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(23, 59, 59))
    )


def _progress_step(checkpoint):
    return f"appraisal.progress.{checkpoint.pk}"


def _results_open(cycle):
    if cycle.results_approved:
        raise ValidationError(
            _("The results are approved: progress no longer changes.")
        )


@transaction.atomic
def checkpoint_open_reporting(*, checkpoint, actor=None):
    """Ask each department with approved targets to report for `checkpoint`.

    Run by the appraisal office from the cycle page or by the daily beat job
    a week before the due date; opening twice opens nothing twice.
    """
    checkpoint = locked(checkpoint, related=["cycle"])
    ensure_open(checkpoint.cycle)
    if actor is not None:
        transition_check(actor, checkpoint.cycle.open_reporting)
    plans = DepartmentPlan.objects.filter(
        cycle_id=checkpoint.cycle_id, status=DepartmentPlan.Status.APPROVED
    ).select_related("department")
    for plan in plans:
        if not _unreported(plan, checkpoint).exists():
            continue
        todo_open(
            target=plan,
            step_code=_progress_step(checkpoint),
            label=gettext_noop("Report your department's progress at the checkpoint"),
            assignees=head_and_clerk_users(plan.procuratorate_id, plan.department_id),
            url=plan.get_absolute_url(),
            due_at=_end_of_day(checkpoint.due_date),
            subject=f"{plan} · {checkpoint.name}",
        )
    if checkpoint.reporting_opened_at is None:
        checkpoint.reporting_opened_at = timezone.now()
        checkpoint.save(update_fields=["reporting_opened_at", "updated_at"])
        audit_record(
            actor=actor,
            action="appraisal.checkpoint.open_reporting",
            target=checkpoint.cycle,
            after={"checkpoint": checkpoint.pk},
            message=gettext_noop("Opened progress reporting for a checkpoint"),
            procuratorate=checkpoint.procuratorate,
        )
    return checkpoint


def _unreported(plan, checkpoint):
    """The plan's approved targets (lead or staff) with no report at `checkpoint`."""
    return Target.objects.filter(
        plan=plan,
        status=Target.Status.APPROVED,
        level__in=[Target.Level.DEPARTMENT, Target.Level.INDIVIDUAL],
        is_exempt=False,
    ).exclude(reports__checkpoint=checkpoint)


def _flag(report, actor, was_behind):
    """Put a newly behind report into the head's to-dos; clear a recovered one."""
    if report.is_behind and not was_behind:
        ask(
            report,
            "appraisal.progress.remedy",
            gettext_noop("Behind plan: state the remedial measures"),
            head_users(report.procuratorate_id, report.department_id),
        )
    elif was_behind and not report.is_behind:
        todo_close(
            target=report,
            step_code="appraisal.progress.remedy",
            actor=actor,
            cancelled=True,
        )


def _attach(report, evidence_file):
    """Keep a checked evidence file under a random name, and its own name apart."""
    if evidence_file:
        check_upload(evidence_file, kinds=EVIDENCE_KINDS, max_bytes=EVIDENCE_MAX_BYTES)
        report.evidence_file = evidence_file
        report.evidence_name = PurePosixPath(evidence_file.name).name[:255]


def _report_on(actor, subject, step, *, wrong_step, checkpoint, evidence, file):
    """The report on `subject` (a target or a special task) at `checkpoint`, new
    or locked, once `step` is open to the actor, with its evidence attached.

    Returns the report, whether it was behind, and its snapshot before."""
    subject = type(subject).objects.select_related("cycle").get(pk=subject.pk)
    ensure_open(subject.cycle)
    _results_open(subject.cycle)
    transition_check(actor, getattr(subject, step), wrong_step=wrong_step)
    if checkpoint.cycle_id != subject.cycle_id:
        raise ValidationError({"checkpoint": _("The checkpoint is of another cycle.")})
    subject_field = "target" if isinstance(subject, Target) else "special_task"
    report = (
        ProgressReport.objects.select_for_update()
        .filter(checkpoint=checkpoint, **{subject_field: subject})
        .first()
    )
    if report is None:
        report = ProgressReport(
            procuratorate_id=checkpoint.procuratorate_id,
            cycle_id=checkpoint.cycle_id,
            checkpoint=checkpoint,
            department_id=subject.department_id,
        )
    setattr(report, subject_field, subject)  # loaded with its cycle
    was_behind = report.is_behind
    before = model_snapshot(report) if report.pk else None
    report.evidence, report.reported_by = evidence, actor
    _attach(report, file)
    return report, was_behind, before


def _report_saved(actor, report, was_behind, before, *, action, message):
    """Save a checked report, flag it when it fell behind, write the audit trail."""
    report.full_clean()
    report.save()
    _flag(report, actor, was_behind)
    audit_record(
        actor=actor,
        action=action,
        target=report,
        before=before,
        after=model_snapshot(report),
        message=message,
    )
    return report


@transaction.atomic
def progress_report_save(
    *,
    actor,
    target,
    checkpoint,
    evidence,
    actual_value=None,
    numerator=None,
    denominator=None,
    grade="",
    evidence_file=None,
):
    """Report (or correct) what a target reached by a checkpoint."""
    report, was_behind, before = _report_on(
        actor,
        target,
        "report_progress",
        wrong_step=_("Progress is reported on approved targets."),
        checkpoint=checkpoint,
        evidence=evidence,
        file=evidence_file,
    )
    target = report.target
    report.actual_value = report.numerator = report.denominator = None
    report.grade, report.plan_value, report.is_behind = "", None, False
    if target.measure == Measure.QUALITATIVE:
        if target.grade_points(grade) is None:
            raise ValidationError({"grade": _("Choose a grade of the target's scale.")})
        report.grade = grade
    else:
        if target.is_rate:
            if numerator is None or denominator is None or Decimal(denominator) <= 0:
                raise ValidationError(
                    _("A rate needs its numerator and a denominator above zero.")
                )
            report.numerator, report.denominator = numerator, denominator
            value = calc.rate_value(numerator, denominator)
        else:
            if actual_value is None:
                raise ValidationError({"actual_value": _("Give the actual value.")})
            value = report.actual_value = Decimal(actual_value)
        planned = calc.planned_value(
            target_value=target.target_value,
            plan_percent=checkpoint.plan_percent,
            is_rate=target.is_rate,
        )
        report.plan_value = calc.q2(planned)
        report.is_behind = bool(
            calc.behind_plan(
                actual=value,
                planned=planned,
                lower_is_better=target.direction == Direction.LOWER,
                margin_percent=target.cycle.behind_margin,
            )
        )
    _report_saved(
        actor,
        report,
        was_behind,
        before,
        action="appraisal.progress.report",
        message=gettext_noop("Reported progress at a checkpoint"),
    )
    plan = target.plan
    if not _unreported(plan, checkpoint).exists():
        todo_close(target=plan, step_code=_progress_step(checkpoint), actor=actor)
    return report


@transaction.atomic
def report_remedy(*, actor, report, remedy):
    """The department head answers a behind-plan flag with remedial measures."""
    report = locked(report, related=["cycle"])
    ensure_open(report.cycle)
    if not report.is_behind:
        raise ValidationError(_("The report is not behind plan."))
    authorize(actor, "appraisal.remedy_report", report)
    if not remedy.strip():
        raise ValidationError({"remedy": _("State the remedial measures.")})
    report.remedy, report.remedied_by = remedy, actor
    report.remedied_at = timezone.now()
    report.save(update_fields=["remedy", "remedied_by", "remedied_at", "updated_at"])
    todo_close(target=report, step_code="appraisal.progress.remedy", actor=actor)
    audit_record(
        actor=actor,
        action="appraisal.progress.remedy",
        target=report,
        after={"remedy": remedy},
        message=gettext_noop("Stated remedial measures for a report behind plan"),
    )
    return report


@transaction.atomic
def report_comment(*, actor, report, text):
    """The overseeing deputy (or the procurator-general) comments on a report."""
    ensure_open(report.cycle)
    authorize(actor, "appraisal.comment_report", report)
    if not text.strip():
        raise ValidationError({"text": _("Write the comment.")})
    comment = ProgressComment.objects.create(
        procuratorate_id=report.procuratorate_id,
        cycle_id=report.cycle_id,
        report=report,
        author=actor,
        text=text.strip(),
    )
    audit_record(
        actor=actor,
        action="appraisal.progress.comment",
        target=report,
        after={"comment": comment.text},
        message=gettext_noop("Commented on a progress report"),
    )
    return comment


@transaction.atomic
def special_task_propose(
    *,
    actor,
    cycle,
    title,
    description,
    origin,
    start_date,
    end_date,
    requested_points,
    participants=(),
):
    """A department head adds unplanned work so that it can earn credit."""
    authorize(actor, "appraisal.propose_special_task")
    if cycle.procuratorate_id != actor.staff.procuratorate_id:
        raise ValidationError(_("The cycle belongs to another procuratorate."))
    ensure_open(cycle)
    _results_open(cycle)
    department = Department.objects.select_related("deputy__user").get(
        pk=actor.staff.department_id
    )
    task = SpecialTask(
        procuratorate_id=cycle.procuratorate_id,
        cycle=cycle,
        department=department,
        title=title,
        description=description,
        origin=origin,
        start_date=start_date,
        end_date=end_date,
        requested_points=requested_points,
        proposed_by=actor,
    )
    task.full_clean()
    task.save()
    staff = list(Staff.objects.filter(pk__in=[p.pk for p in participants]))
    if any(s.department_id != department.pk for s in staff):
        raise ValidationError(
            {"participants": _("Participants are of the department.")}
        )
    task.participants.set(staff)
    deciders = pg_users(cycle.procuratorate_id)
    if department.deputy_id:
        deciders += [department.deputy.user]
    ask(
        task,
        "appraisal.special_task.decide",
        gettext_noop("Decide on a special task's credit"),
        deciders,
    )
    audit_record(
        actor=actor,
        action="appraisal.special_task.propose",
        target=task,
        after=model_snapshot(task),
        message=gettext_noop("Proposed a special task"),
    )
    return task


def _task_decided(actor, task, note, *, action, message, after, **fields):
    """Record leadership's decision on a special task (its status set): who,
    when, why and the `fields` it sets; close the to-do, write the audit trail."""
    save_step(task, actor, "decided", decision_note=note, **fields)
    todo_close(target=task, step_code="appraisal.special_task.decide", actor=actor)
    audit_step(actor, action, task, message, **after)
    return task


@transaction.atomic
def special_task_approve(*, actor, task, credit_points, note=""):
    """Leadership accepts the special task and sets the credit it can earn."""
    task = open_step(actor, task, "approve", frozen=_results_open)
    credit_points = Decimal(credit_points)
    if credit_points <= 0 or credit_points > task.cycle.special_task_cap:
        raise ValidationError(
            {
                "credit_points": _(
                    "The credit must be above zero and within the cycle's cap."
                )
            }
        )
    task.approve()
    task.credit_points = credit_points
    task.full_clean()
    return _task_decided(
        actor,
        task,
        note,
        action="appraisal.special_task.approve",
        message=gettext_noop("Approved a special task"),
        after={"credit_points": credit_points},
        credit_points=credit_points,
    )


@transaction.atomic
def special_task_reject(*, actor, task, note):
    """Leadership declines to credit the task, saying why."""
    task = open_step(actor, task, "reject")
    if not note.strip():
        raise ValidationError({"note": _("Say why the task earns no credit.")})
    task.reject()
    return _task_decided(
        actor,
        task,
        note,
        action="appraisal.special_task.reject",
        message=gettext_noop("Declined a special task"),
        after={"note": note},
    )


@transaction.atomic
def special_task_report(
    *, actor, task, checkpoint, percent_complete, evidence, evidence_file=None
):
    """Report how far an approved special task has come by a checkpoint.

    The plan is even progress between the task's start and planned end; the
    cycle's margin applies in percentage points.
    """
    report, was_behind, before = _report_on(
        actor,
        task,
        "report",
        wrong_step=_("Progress is reported on approved special tasks."),
        checkpoint=checkpoint,
        evidence=evidence,
        file=evidence_file,
    )
    task = report.special_task
    report.percent_complete = Decimal(percent_complete)
    planned = calc.elapsed_percent(task.start_date, task.end_date, checkpoint.due_date)
    report.plan_value = calc.q2(planned)
    report.is_behind = report.percent_complete < planned - task.cycle.behind_margin
    return _report_saved(
        actor,
        report,
        was_behind,
        before,
        action="appraisal.special_task.report",
        message=gettext_noop("Reported a special task's progress"),
    )
