"""Meetings: agenda, attendance, sitting in, recusal, opinions in order, carrying
topics over, and opening and closing the sitting."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_fsm import can_proceed

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import authorize, locked, locked_for_step, transition_check
from apps.todos.services import todo_close
from apps.workdays.clock import due_for_step

from ..models import (
    AgendaItem,
    Attendance,
    Meeting,
    Minutes,
    Opinion,
    Recusal,
    SittingIn,
)
from ..roster import item_roll, meeting_day, member_ids_on
from ._common import (
    audit_item,
    authorize_locked,
    ensure_meeting_unlocked,
    secretary_users,
    text_required,
    todo_on,
)
from .topics import STEP_SCHEDULE, open_schedule_todo

STEP_MINUTES_DRAFT = "meetings.minutes.draft"


@transaction.atomic
def meeting_create(
    *, actor, body, title, scheduled_at, location="", regular_month=None
):
    """Call a meeting of `body` (secretary or procurator-general)."""
    if actor is not None:
        authorize(actor, "meetings.manage_meeting", body)
    meeting = Meeting(
        procuratorate_id=body.procuratorate_id,
        body=body,
        title=title,
        scheduled_at=scheduled_at,
        location=location,
        regular_month=regular_month,
        created_by=actor,
    )
    meeting.full_clean()
    meeting.save()
    audit_record(
        actor=actor,
        action="meetings.meeting.create",
        target=meeting,
        procuratorate=body.procuratorate,
        after=model_snapshot(meeting, ["body", "title", "scheduled_at", "location"]),
        message=gettext_noop("Called a meeting"),
    )
    return meeting


def _editable_meeting(meeting, *states):
    ensure_meeting_unlocked(meeting)
    if meeting.state not in states:
        raise ValidationError(
            _("This cannot be done while the meeting is %(state)s.")
            % {"state": meeting.get_state_display()}
        )


@transaction.atomic
def agenda_add(*, actor, meeting, topic):
    """Put an approved topic of the same body on the meeting's agenda."""
    meeting = authorize_locked(actor, "meetings.manage_meeting", meeting)
    topic = locked(topic)
    _editable_meeting(meeting, Meeting.State.PLANNED, Meeting.State.IN_SESSION)
    if topic.body_id != meeting.body_id:
        raise ValidationError(_("The topic was filed with another body."))
    if not can_proceed(topic.schedule):
        raise ValidationError(_("Only approved topics can be put on an agenda."))
    if AgendaItem.objects.filter(meeting=meeting, topic=topic).exists():
        raise ValidationError(_("The topic is already on this agenda."))
    position = (
        AgendaItem.objects.filter(meeting=meeting).aggregate(m=Max("position"))["m"]
        or 0
    ) + 1
    item = AgendaItem(meeting=meeting, topic=topic, position=position)
    item.full_clean()
    item.save()
    topic.schedule()
    topic.save(update_fields=["state", "updated_at"])
    todo_close(target=topic, step_code=STEP_SCHEDULE, actor=actor)
    audit_record(
        actor=actor,
        action="meetings.agenda.add",
        target=meeting,
        after={"topic": topic.pk, "position": position},
        message=gettext_noop("Put a topic on the agenda"),
    )
    return item


@transaction.atomic
def attendance_record(*, actor, meeting, entries):
    """Record who of the members attend: entries are (staff, status, reason).

    Absence needs a reason. Changing attendance after an item's vote closed
    changes nothing for that item: its list of voters is frozen.
    """
    meeting = authorize_locked(actor, "meetings.manage_meeting", meeting)
    _editable_meeting(meeting, Meeting.State.PLANNED, Meeting.State.IN_SESSION)
    members = member_ids_on(meeting.body, meeting_day(meeting))
    existing = {a.staff_id: a for a in Attendance.objects.filter(meeting=meeting)}
    changed = {}
    for staff, status, reason in entries:
        if staff.pk not in members:
            raise ValidationError(
                _("%(name)s is not a member of this body on the meeting day.")
                % {"name": staff.name}
            )
        reason = (reason or "").strip() if status == Attendance.Status.ABSENT else ""
        if status == Attendance.Status.ABSENT and not reason:
            raise ValidationError(
                _("Give the reason why %(name)s is absent.") % {"name": staff.name}
            )
        row = existing.get(staff.pk) or Attendance(meeting=meeting, staff=staff)
        if row.pk and row.status == status and row.absence_reason == reason:
            continue
        row.status, row.absence_reason = status, reason
        row.full_clean(validate_unique=False)
        row.save()
        changed[staff.pk] = [status, reason]
    if changed:
        audit_record(
            actor=actor,
            action="meetings.meeting.attendance",
            target=meeting,
            after=changed,
            message=gettext_noop("Recorded attendance"),
        )
    return changed


@transaction.atomic
def meeting_open(*, actor, meeting):
    meeting = locked(meeting)
    ensure_meeting_unlocked(meeting)
    transition_check(actor, meeting.open)
    has_business = (
        meeting.items.filter(status=AgendaItem.Status.PENDING).exists()
        or meeting.monthly_reports.exists()
    )
    if not has_business:
        raise ValidationError(_("The agenda is empty."))
    meeting.open()
    meeting.opened_at = timezone.now()
    meeting.save(update_fields=["state", "opened_at", "updated_at"])
    audit_record(
        actor=actor,
        action="meetings.meeting.open",
        target=meeting,
        message=gettext_noop("Opened a meeting"),
    )
    return meeting


def _item_for_discussion(actor, item, perm="meetings.manage_meeting"):
    item = authorize_locked(actor, perm, item)
    meeting = item.meeting
    _editable_meeting(meeting, Meeting.State.PLANNED, Meeting.State.IN_SESSION)
    if item.status != AgendaItem.Status.PENDING:
        raise ValidationError(_("This topic is no longer under discussion."))
    return item


@transaction.atomic
def sitting_in_allow(*, actor, item, staff):
    """The procurator-general lets a non-member sit in on one topic (no vote)."""
    item = _item_for_discussion(actor, item, "meetings.decide_sitting_in")
    if staff.procuratorate_id != item.meeting.procuratorate_id:
        raise ValidationError(_("Only staff of this procuratorate may sit in."))
    if staff.pk in member_ids_on(item.meeting.body, meeting_day(item.meeting)):
        raise ValidationError(_("Members attend; only non-members sit in."))
    row, created = SittingIn.objects.get_or_create(
        item=item, staff=staff, defaults={"decided_by": actor}
    )
    if created:
        audit_item(
            actor,
            item,
            "meetings.item.sit_in",
            gettext_noop("Let a non-member sit in on a topic"),
            staff=staff.pk,
        )
    return row


@transaction.atomic
def recusal_record(*, actor, item, staff, reason):
    """A member recuses from one topic: no opinion and no vote on it."""
    item = _item_for_discussion(actor, item)
    if staff.pk not in member_ids_on(item.meeting.body, meeting_day(item.meeting)):
        raise ValidationError(_("Only members recuse; this person is not one."))
    text_required(reason, "reason", _("Give the reason for the recusal."))
    if Opinion.objects.filter(item=item, staff=staff).exists():
        raise ValidationError(
            _("%(name)s has already spoken on this topic.") % {"name": staff.name}
        )
    if Recusal.objects.filter(item=item, staff=staff).exists():
        raise ValidationError(_("This recusal is already recorded."))
    row = Recusal(item=item, staff=staff, reason=reason.strip(), recorded_by=actor)
    row.full_clean()
    row.save()
    audit_item(
        actor,
        item,
        "meetings.item.recusal",
        gettext_noop("Recorded a recusal"),
        staff=staff.pk,
        reason=row.reason,
    )
    return row


def next_speaker(item, roll=None):
    """The participant who speaks next in the fixed order, or None when all have."""
    roll = roll or item_roll(item)
    spoken = set(item.opinions.values_list("staff_id", flat=True))
    return next((m for m in roll.participants if m.staff_id not in spoken), None)


@transaction.atomic
def opinion_record(*, actor, item, speaker, text):
    """Record what `speaker` said; only the next speaker in order may speak.

    The order is fixed: members (full-time members among them), then the
    deputies, the procurator-general (chair) last — the committee's speaking
    order and the party group's 末位表态.
    """
    item = _item_for_discussion(actor, item)
    if item.meeting.state != Meeting.State.IN_SESSION:
        raise ValidationError(
            _("Opinions are recorded while the meeting is in session.")
        )
    text_required(text, "text", _("Write down the opinion."))
    roll = item_roll(item)
    expected = next_speaker(item, roll)
    if expected is None:
        raise ValidationError(_("Every member taking part has already spoken."))
    if expected.staff_id != speaker.pk:
        if speaker.pk not in roll.participant_ids:
            raise ValidationError(
                _("%(name)s is not a member taking part in this topic.")
                % {"name": speaker.name}
            )
        raise ValidationError(
            _("It is %(name)s's turn to speak.") % {"name": expected.staff.name}
        )
    position = item.opinions.count() + 1
    opinion = Opinion(
        item=item,
        staff=speaker,
        position=position,
        text=text.strip(),
        recorded_by=actor,
    )
    opinion.full_clean()
    opinion.save()
    audit_item(
        actor,
        item,
        "meetings.item.opinion",
        gettext_noop("Recorded a member's opinion"),
        staff=speaker.pk,
        position=position,
    )
    return opinion


@transaction.atomic
def item_carry_over(*, actor, item, reason):
    """Carry a topic not yet voted on to a later meeting (顺延)."""
    item = locked(item)
    _editable_meeting(item.meeting, Meeting.State.PLANNED, Meeting.State.IN_SESSION)
    transition_check(actor, item.carry_over)
    text_required(reason, "reason", _("Give the reason for carrying it over."))
    topic = locked(item.topic)
    item.carry_over()
    item.carry_reason = reason.strip()
    item.save(update_fields=["status", "carry_reason", "updated_at"])
    carry_topic(topic)
    audit_item(
        actor,
        item,
        "meetings.item.carry_over",
        gettext_noop("Carried a topic to a later meeting"),
        topic=topic.pk,
        reason=item.carry_reason,
    )
    return item


def carry_topic(topic):
    """The topic waits for a later meeting again (carried or postponed)."""
    topic.carry_over()
    topic.carried_count += 1
    topic.save(update_fields=["state", "carried_count", "updated_at"])
    open_schedule_todo(topic)


@transaction.atomic
def meeting_close(*, actor, meeting):
    """Close the sitting once every item is decided, carried or withdrawn; the
    secretaries then draft the minutes."""
    meeting = locked_for_step(actor, meeting, "close")
    open_items = meeting.items.filter(
        status__in=[AgendaItem.Status.PENDING, AgendaItem.Status.VOTING]
    )
    if open_items.exists():
        raise ValidationError(
            _("Decide or carry over every topic before closing the meeting.")
        )
    meeting.close()
    meeting.closed_at = timezone.now()
    meeting.save(update_fields=["state", "closed_at", "updated_at"])
    minutes, _created = Minutes.objects.get_or_create(
        meeting=meeting, defaults={"procuratorate_id": meeting.procuratorate_id}
    )
    todo_on(
        minutes,
        step_code=STEP_MINUTES_DRAFT,
        label=gettext_noop("Draft the minutes and submit them for approval"),
        assignees=secretary_users(meeting.body),
        due_at=due_for_step("meetings.minutes_draft", meeting.closed_at),
    )
    audit_record(
        actor=actor,
        action="meetings.meeting.close",
        target=meeting,
        message=gettext_noop("Closed a meeting"),
    )
    return meeting
