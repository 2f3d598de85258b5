"""督办: responsible departments and a deadline per resolution, their execution
reports, the committee office's follow-up, and overdue flags."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import locked, locked_for_step
from apps.todos.services import todo_close

from ..models import (
    ExecutionReport,
    FollowUp,
    Supervision,
    SupervisionAssignment,
)
from ._common import (
    authorize_locked,
    department_reporters,
    secretary_users,
    text_required,
    todo_on,
)
from .voting import STEP_SUPERVISE

STEP_EXECUTION = "meetings.execution.report"
STEP_CONFIRM = "meetings.supervision.confirm"
STEP_FOLLOW_UP = "meetings.supervision.follow_up"


def _end_of(day):
    tz = timezone.get_current_timezone()
    return datetime.datetime.combine(day, datetime.time(23, 59, 59), tzinfo=tz)


def _body(supervision):
    return supervision.resolution.item.meeting.body


@transaction.atomic
def supervision_assign(*, actor, resolution, departments, deadline, requirement):
    """Name the departments responsible for a resolution and its deadline."""
    resolution = authorize_locked(actor, "meetings.supervise", resolution)
    if not resolution.carries_out:
        raise ValidationError(
            _("Only a resolution in force that passed is carried out.")
        )
    if Supervision.objects.filter(resolution=resolution).exists():
        raise ValidationError(_("This resolution is already being supervised."))
    departments = list(departments)
    if not departments:
        raise ValidationError({"departments": _("Choose at least one department.")})
    if any(d.procuratorate_id != resolution.procuratorate_id for d in departments):
        raise ValidationError(_("The departments must belong to this procuratorate."))
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("The deadline is in the past.")})
    text_required(requirement, "requirement", _("Say what is to be done."))
    supervision = Supervision(
        procuratorate_id=resolution.procuratorate_id,
        resolution=resolution,
        requirement=requirement.strip(),
        deadline=deadline,
        created_by=actor,
    )
    supervision.full_clean()
    supervision.save()
    for department in departments:
        assignment = SupervisionAssignment.objects.create(
            supervision=supervision, department=department
        )
        todo_on(
            assignment,
            step_code=STEP_EXECUTION,
            label=gettext_noop("Report how the resolution has been carried out"),
            assignees=department_reporters(department),
            due_at=_end_of(deadline),
            subject=str(resolution.item.topic),
        )
    todo_close(target=resolution, step_code=STEP_SUPERVISE, actor=actor)
    audit_record(
        actor=actor,
        action="meetings.supervision.assign",
        target=supervision,
        after={
            **model_snapshot(supervision, ["requirement", "deadline"]),
            "departments": [d.pk for d in departments],
        },
        message=gettext_noop("Assigned a resolution for supervised execution"),
    )
    return supervision


@transaction.atomic
def execution_report(*, actor, assignment, text, is_complete):
    """执行情况反馈: a responsible department reports what it has done."""
    assignment = authorize_locked(actor, "meetings.report_execution", assignment)
    supervision = locked(assignment.supervision)
    if supervision.state != Supervision.State.OPEN:
        raise ValidationError(_("The supervision is not open for reports."))
    if assignment.completed_at is not None:
        raise ValidationError(_("This department has already reported completion."))
    text_required(text, "text", _("Say what has been done."))
    report = ExecutionReport(
        assignment=assignment,
        text=text.strip(),
        is_complete=bool(is_complete),
        reported_by=actor,
    )
    report.full_clean()
    report.save()
    if is_complete:
        assignment.completed_at = timezone.now()
        assignment.save(update_fields=["completed_at", "updated_at"])
        todo_close(target=assignment, step_code=STEP_EXECUTION, actor=actor)
        if not supervision.assignments.filter(completed_at__isnull=True).exists():
            supervision.all_reported()
            supervision.save(update_fields=["state", "updated_at"])
            todo_on(
                supervision,
                step_code=STEP_CONFIRM,
                label=gettext_noop("Confirm that the resolution has been carried out"),
                assignees=secretary_users(_body(supervision)),
            )
    audit_record(
        actor=actor,
        action="meetings.supervision.report",
        target=supervision,
        after={
            "department": assignment.department_id,
            "text": report.text,
            "is_complete": report.is_complete,
        },
        message=gettext_noop("Reported on the execution of a resolution"),
    )
    return report


@transaction.atomic
def supervision_follow_up(*, actor, supervision, note):
    """The committee office follows up (催办) and notes what it found."""
    supervision = authorize_locked(actor, "meetings.supervise", supervision)
    if supervision.state == Supervision.State.CLOSED:
        raise ValidationError(_("The supervision is completed."))
    text_required(note, "note", _("Write down the follow-up."))
    follow_up = FollowUp.objects.create(
        supervision=supervision, note=note.strip(), actor=actor
    )
    todo_close(target=supervision, step_code=STEP_FOLLOW_UP, actor=actor)
    audit_record(
        actor=actor,
        action="meetings.supervision.follow_up",
        target=supervision,
        after={"note": follow_up.note},
        message=gettext_noop("Followed up a supervised resolution"),
    )
    return follow_up


@transaction.atomic
def supervision_confirm(*, actor, supervision, note=""):
    """Every department reported completion: the supervision is closed."""
    supervision = locked_for_step(actor, supervision, "complete")
    supervision.complete()
    supervision.closed_at = timezone.now()
    supervision.save(update_fields=["state", "closed_at", "updated_at"])
    if note.strip():
        FollowUp.objects.create(supervision=supervision, note=note.strip(), actor=actor)
    todo_close(target=supervision, step_code=STEP_CONFIRM, actor=actor)
    todo_close(target=supervision, step_code=STEP_FOLLOW_UP, actor=actor)
    audit_record(
        actor=actor,
        action="meetings.supervision.confirm",
        target=supervision,
        message=gettext_noop("Confirmed a resolution carried out"),
    )
    return supervision


@transaction.atomic
def supervision_send_back(*, actor, supervision, reason):
    """Not carried out after all: the departments report again."""
    supervision = locked_for_step(actor, supervision, "reopen")
    text_required(reason, "reason", _("Give the reason."))
    supervision.reopen()
    supervision.save(update_fields=["state", "updated_at"])
    FollowUp.objects.create(supervision=supervision, note=reason.strip(), actor=actor)
    todo_close(target=supervision, step_code=STEP_CONFIRM, actor=actor)
    for assignment in supervision.assignments.select_related("department"):
        assignment.completed_at = None
        assignment.save(update_fields=["completed_at", "updated_at"])
        todo_on(
            assignment,
            step_code=STEP_EXECUTION,
            label=gettext_noop("Report how the resolution has been carried out"),
            assignees=department_reporters(assignment.department),
            due_at=_end_of(supervision.deadline),
            subject=str(supervision),
        )
    audit_record(
        actor=actor,
        action="meetings.supervision.send_back",
        target=supervision,
        after={"reason": reason.strip()},
        message=gettext_noop("Sent a supervised resolution back to the departments"),
    )
    return supervision


@transaction.atomic
def supervisions_flag_overdue(*, today=None):
    """Flag open supervisions past their deadline and put a follow-up in the
    committee office's to-dos. Idempotent: a flagged one is not flagged again."""
    today = today or timezone.localdate()
    overdue = (
        Supervision.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(
            state=Supervision.State.OPEN,
            deadline__lt=today,
            overdue_flagged_at__isnull=True,
        )
        .select_related("resolution__item__meeting__body", "resolution__item__topic")
    )
    flagged = 0
    now = timezone.now()
    for supervision in overdue:
        supervision.overdue_flagged_at = now
        supervision.save(update_fields=["overdue_flagged_at", "updated_at"])
        todo_on(
            supervision,
            step_code=STEP_FOLLOW_UP,
            label=gettext_noop("Overdue: follow up the resolution's execution"),
            assignees=secretary_users(_body(supervision)),
            due_at=now,
        )
        audit_record(
            actor=None,
            action="meetings.supervision.overdue",
            target=supervision,
            message=gettext_noop("A supervised resolution passed its deadline"),
        )
        flagged += 1
    return flagged
