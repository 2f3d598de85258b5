"""Minutes (会议纪要): drafted by the secretaries, approved by the procurator-
general, then locked with the approved PDF kept."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_fsm import can_proceed

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import locked_for_step
from apps.todos.services import todo_close
from apps.workdays.clock import due_for_step

from ..models import Meeting
from ._common import (
    audit_change,
    authorize_locked,
    pg_users,
    secretary_users,
    text_required,
    todo_on,
)
from .sittings import STEP_MINUTES_DRAFT

STEP_MINUTES_APPROVE = "meetings.minutes.approve"


@transaction.atomic
def minutes_update(*, actor, minutes, summary):
    """Edit the minutes' summary while they are a draft."""
    minutes = authorize_locked(actor, "meetings.manage_meeting", minutes)
    # Editable exactly while it may still be submitted (a draft).
    if not can_proceed(minutes.submit):
        raise ValidationError(_("Only draft minutes can be edited."))
    before = model_snapshot(minutes, ["summary"])
    minutes.summary = summary
    minutes.full_clean()
    minutes.save(update_fields=["summary", "updated_at"])
    audit_change(
        actor,
        minutes,
        before,
        fields=["summary"],
        action="meetings.minutes.update",
        message=gettext_noop("Edited the minutes"),
    )
    return minutes


@transaction.atomic
def minutes_submit(*, actor, minutes):
    minutes = locked_for_step(actor, minutes, "submit")
    if minutes.meeting.state != Meeting.State.CLOSED:
        raise ValidationError(_("Close the meeting before submitting its minutes."))
    if not minutes.summary.strip():
        raise ValidationError({"summary": _("Write the summary of the minutes.")})
    minutes.submit()
    minutes.save(update_fields=["state", "updated_at"])
    todo_close(target=minutes, step_code=STEP_MINUTES_DRAFT, actor=actor)
    todo_on(
        minutes,
        step_code=STEP_MINUTES_APPROVE,
        label=gettext_noop("Approve the minutes"),
        assignees=pg_users(minutes.procuratorate_id),
        due_at=due_for_step("meetings.minutes_approval", timezone.now()),
    )
    audit_record(
        actor=actor,
        action="meetings.minutes.submit",
        target=minutes,
        message=gettext_noop("Submitted the minutes for approval"),
    )
    return minutes


@transaction.atomic
def minutes_return(*, actor, minutes, reason):
    """The procurator-general sends the minutes back for correction."""
    minutes = locked_for_step(actor, minutes, "send_back")
    text_required(reason, "reason", _("Give the reason."))
    minutes.send_back()
    minutes.save(update_fields=["state", "updated_at"])
    todo_close(target=minutes, step_code=STEP_MINUTES_APPROVE, actor=actor)
    todo_on(
        minutes,
        step_code=STEP_MINUTES_DRAFT,
        label=gettext_noop("Correct the returned minutes and submit them again"),
        assignees=secretary_users(minutes.meeting.body),
    )
    audit_record(
        actor=actor,
        action="meetings.minutes.return",
        target=minutes,
        after={"reason": reason.strip()},
        message=gettext_noop("Returned the minutes"),
    )
    return minutes


@transaction.atomic
def minutes_approve(*, actor, minutes):
    """Approve the minutes: the meeting is locked and the approved PDF kept."""
    from ..documents import minutes_pdf

    minutes = locked_for_step(actor, minutes, "approve")
    minutes.approve()
    minutes.approved_by = actor
    minutes.approved_at = timezone.now()
    minutes.save(update_fields=["state", "approved_by", "approved_at", "updated_at"])
    content = minutes_pdf(minutes.meeting)
    minutes.pdf.save(
        f"minutes-{minutes.meeting_id}.pdf", ContentFile(content), save=False
    )
    minutes.save(update_fields=["pdf", "updated_at"])
    todo_close(target=minutes, step_code=STEP_MINUTES_APPROVE, actor=actor)
    audit_record(
        actor=actor,
        action="meetings.minutes.approve",
        target=minutes,
        after=model_snapshot(minutes, ["state", "approved_by", "approved_at", "pdf"]),
        message=gettext_noop("Approved and locked the minutes"),
    )
    return minutes
