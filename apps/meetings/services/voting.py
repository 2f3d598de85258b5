"""Votes and outcomes: the quorum gate, named votes and secret ballots, the two
majorities, the procurator-general's decision at the office meeting, and the
report upward when the procurator-general disagrees with the committee."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import locked, transition_check
from apps.core.numbering import number_next
from apps.todos.services import todo_close

from .. import thresholds
from ..models import (
    AgendaItem,
    Ballot,
    BodyKind,
    Meeting,
    Resolution,
    Seat,
    Vote,
    VoteChoice,
)
from ..roster import item_roll
from ._common import (
    audit_change,
    audit_item,
    authorize_locked,
    ensure_meeting_unlocked,
    secretary_users,
    text_required,
    todo_on,
)
from .sittings import carry_topic, next_speaker

STEP_SUPERVISE = "meetings.resolution.supervise"
STEP_UPPER = "meetings.resolution.upper_decision"

RESOLUTION_FIELDS = [
    "result",
    "text",
    "status",
    "pg_disagrees",
    "upward_reason",
    "upper_decision",
    "doc_year",
    "doc_seq",
]


def _below_quorum(roll):
    return ValidationError(
        _(
            "Below quorum: %(present)s of %(total)s members take part in this "
            "topic, %(needed)s are needed. No decision can be recorded."
        )
        % {
            "present": roll.participating,
            "total": roll.members_total,
            "needed": roll.quorum_needed,
        }
    )


def _voting_item(actor, item, *, transition=None):
    """The item, locked, in session; at `transition`'s step, else while voting."""
    item = authorize_locked(actor, "meetings.manage_meeting", item)
    ensure_meeting_unlocked(item.meeting)
    if item.meeting.state != Meeting.State.IN_SESSION:
        raise ValidationError(_("The meeting is not in session."))
    if transition is not None:
        transition_check(actor, getattr(item, transition))
    elif item.status != AgendaItem.Status.VOTING:
        raise ValidationError(
            _("This cannot be done while the topic is %(status)s.")
            % {"status": item.get_status_display()}
        )
    return item


@transaction.atomic
def voting_open(*, actor, item, ballot=None):
    """Open the vote on a topic: only with a quorum, after every member taking
    part has spoken (the chair last)."""
    item = _voting_item(actor, item, transition="open_voting")
    body = item.meeting.body
    if not body.votes:
        raise ValidationError(
            _("The office meeting does not vote: the procurator-general decides.")
        )
    roll = item_roll(item)
    if not roll.quorum_met:
        raise _below_quorum(roll)
    waiting = next_speaker(item, roll)
    if waiting is not None:
        raise ValidationError(
            _("%(name)s has not stated an opinion yet.") % {"name": waiting.staff.name}
        )
    item.open_voting()
    item.ballot = ballot or body.default_ballot
    item.full_clean()
    item.save(update_fields=["status", "ballot", "updated_at"])
    audit_item(
        actor,
        item,
        "meetings.item.voting_open",
        gettext_noop("Opened the vote on a topic"),
        ballot=item.ballot,
    )
    return item


def _allowed_choices(item):
    choices = {VoteChoice.AGREE, VoteChoice.DISAGREE, VoteChoice.ABSTAIN}
    if item.topic.is_personnel:
        choices.add(VoteChoice.POSTPONE)
    return choices


@transaction.atomic
def vote_record(*, actor, item, votes):
    """Record named votes: `votes` maps Staff to a VoteChoice value."""
    item = _voting_item(actor, item)
    if item.ballot != Ballot.NAMED:
        raise ValidationError(_("A secret ballot records counts, not names."))
    roll = item_roll(item)
    allowed = _allowed_choices(item)
    participants = set(roll.participant_ids)
    recorded = {}
    for staff, choice in votes.items():
        if staff.pk not in participants:
            raise ValidationError(
                _("%(name)s is not entitled to vote on this topic.")
                % {"name": staff.name}
            )
        if choice not in allowed:
            raise ValidationError(_("This choice is not available for this topic."))
        Vote.objects.update_or_create(
            item=item, voter=staff, defaults={"choice": choice}
        )
        recorded[staff.pk] = str(choice)
    audit_item(
        actor,
        item,
        "meetings.item.votes",
        gettext_noop("Recorded named votes"),
        votes=recorded,
    )
    return recorded


@transaction.atomic
def ballot_count_record(*, actor, item, agree, disagree, abstain, postpone=0):
    """Record the counted secret ballot: no more ballots than voters."""
    item = _voting_item(actor, item)
    if item.ballot != Ballot.SECRET:
        raise ValidationError(_("A named vote records each member's vote."))
    counts = [agree, disagree, abstain, postpone]
    if any(c is None or c < 0 for c in counts):
        raise ValidationError(_("Counts are whole numbers, zero or more."))
    if postpone and not item.topic.is_personnel:
        raise ValidationError(_("Only personnel topics may be postponed by vote."))
    roll = item_roll(item)
    if sum(counts) > roll.participating:
        raise ValidationError(
            _("%(count)s ballots, but only %(voters)s members may vote.")
            % {"count": sum(counts), "voters": roll.participating}
        )
    item.agree_count, item.disagree_count = agree, disagree
    item.abstain_count, item.postpone_count = abstain, postpone
    item.save(
        update_fields=[
            "agree_count",
            "disagree_count",
            "abstain_count",
            "postpone_count",
            "updated_at",
        ]
    )
    audit_item(
        actor,
        item,
        "meetings.item.ballot_count",
        gettext_noop("Recorded the count of a secret ballot"),
        counts=counts,
    )
    return item


# The series of the committee's decision documents (委决〔year〕n号).
DECISION_SERIES = "meetings.decision"


def _number(resolution, body):
    """Give a passed, effective committee decision its document number."""
    if (
        body.kind != BodyKind.COMMITTEE
        or resolution.result != Resolution.Result.PASSED
        or resolution.status != Resolution.Status.EFFECTIVE
    ):
        return
    year = timezone.localdate(resolution.decided_at).year
    resolution.doc_year = year
    resolution.doc_seq = number_next(
        procuratorate=body.procuratorate, series=DECISION_SERIES, year=year
    )


def _pg_disagrees(item, roll, passed):
    """Named committee vote: the chair's own vote goes against the outcome."""
    if item.ballot != Ballot.NAMED:
        return False
    chair = next((m for m in roll.participants if m.seat == Seat.CHAIR), None)
    if chair is None:
        return False
    vote = Vote.objects.filter(item=item, voter_id=chair.staff_id).first()
    if vote is None:
        return False
    if passed:
        return vote.choice == VoteChoice.DISAGREE
    return vote.choice == VoteChoice.AGREE


def _resolution(actor, item, result, decision_text, decided_at):
    """The item's resolution as decided by `actor`, not saved yet."""
    return Resolution(
        procuratorate_id=item.meeting.procuratorate_id,
        item=item,
        result=result,
        text=decision_text.strip(),
        decided_at=decided_at,
        decided_by=actor,
    )


def _resolution_save(actor, resolution):
    """Save a new resolution: its topic is decided, or carried when postponed."""
    resolution.full_clean()
    resolution.save()
    topic = locked(resolution.item.topic)
    if resolution.result == Resolution.Result.POSTPONED:
        carry_topic(topic)
    else:
        topic.decide()
        topic.save(update_fields=["state", "updated_at"])
    _after_resolution(actor, resolution)


def _after_resolution(actor, resolution):
    body = resolution.item.meeting.body
    if resolution.status == Resolution.Status.REPORTED_UPWARD:
        todo_on(
            resolution,
            step_code=STEP_UPPER,
            label=gettext_noop("Record the upper procuratorate's decision"),
            assignees=secretary_users(body),
        )
    elif resolution.carries_out:
        todo_on(
            resolution,
            step_code=STEP_SUPERVISE,
            label=gettext_noop("Assign the resolution to departments with a deadline"),
            assignees=secretary_users(body),
        )


@transaction.atomic
def voting_close(*, actor, item, decision_text):
    """Close the vote: freeze who was entitled to vote, count, and record the
    resolution. Below quorum nothing is recorded."""
    item = _voting_item(actor, item, transition="close_voting")
    text_required(decision_text, "decision_text", _("Write down the decision."))
    body = item.meeting.body
    roll = item_roll(item)
    if not roll.quorum_met:
        raise _below_quorum(roll)
    participants = roll.participant_ids
    if item.ballot == Ballot.NAMED:
        strays = Vote.objects.filter(item=item).exclude(voter_id__in=participants)
        if strays.exists():
            raise ValidationError(
                _(
                    "Someone who no longer takes part has a vote recorded; "
                    "correct the attendance or the votes first."
                )
            )
        counts = dict.fromkeys(VoteChoice, 0)
        for choice in Vote.objects.filter(item=item).values_list("choice", flat=True):
            counts[choice] += 1
        item.agree_count = counts[VoteChoice.AGREE]
        item.disagree_count = counts[VoteChoice.DISAGREE]
        item.abstain_count = counts[VoteChoice.ABSTAIN]
        item.postpone_count = counts[VoteChoice.POSTPONE]
    outcome = thresholds.vote_outcome(
        kind=body.kind,
        members_total=roll.members_total,
        recused=len(roll.recused_ids & {m.staff_id for m in roll.members}),
        agree=item.agree_count,
        disagree=item.disagree_count,
        postpone=item.postpone_count,
        personnel=roll.personnel,
    )
    now = timezone.now()
    item.close_voting()
    item.members_total = roll.members_total
    item.present_count = roll.participating
    item.voting_closed_at = now
    item.save(
        update_fields=[
            "status",
            "agree_count",
            "disagree_count",
            "abstain_count",
            "postpone_count",
            "members_total",
            "present_count",
            "voting_closed_at",
            "updated_at",
        ]
    )
    item.frozen_voters.set(participants)
    if outcome.passed:
        result = Resolution.Result.PASSED
    elif outcome.postponed:
        result = Resolution.Result.POSTPONED
    else:
        result = Resolution.Result.FAILED
    resolution = _resolution(actor, item, result, decision_text, now)
    if body.kind == BodyKind.COMMITTEE and _pg_disagrees(item, roll, outcome.passed):
        # 检察长不同意多数委员意见: reported to the upper procuratorate to decide.
        resolution.pg_disagrees = True
        resolution.status = Resolution.Status.REPORTED_UPWARD
        resolution.reported_upward_at = now
        resolution.upward_reason = str(
            _("The procurator-general voted against the majority.")
        )
    _number(resolution, body)
    _resolution_save(actor, resolution)
    audit_record(
        actor=actor,
        action="meetings.item.voting_close",
        target=resolution,
        after={
            **model_snapshot(resolution, RESOLUTION_FIELDS),
            "voters": participants,
            "members_total": roll.members_total,
            "counts": [
                item.agree_count,
                item.disagree_count,
                item.abstain_count,
                item.postpone_count,
            ],
        },
        message=gettext_noop("Closed the vote and recorded the resolution"),
    )
    return resolution


@transaction.atomic
def item_decide_by_pg(*, actor, item, adopted, decision_text):
    """The office meeting: the procurator-general decides after the discussion."""
    item = authorize_locked(actor, "meetings.decide_office_item", item)
    ensure_meeting_unlocked(item.meeting)
    if item.meeting.body.kind != BodyKind.OFFICE:
        raise ValidationError(_("Only the office meeting's topics are decided so."))
    if item.meeting.state != Meeting.State.IN_SESSION:
        raise ValidationError(_("The meeting is not in session."))
    text_required(decision_text, "decision_text", _("Write down the decision."))
    transition_check(actor, item.decide_directly)
    item.decide_directly()
    item.voting_closed_at = timezone.now()
    item.save(update_fields=["status", "voting_closed_at", "updated_at"])
    result = Resolution.Result.ADOPTED if adopted else Resolution.Result.NOT_ADOPTED
    resolution = _resolution(actor, item, result, decision_text, item.voting_closed_at)
    _resolution_save(actor, resolution)
    audit_record(
        actor=actor,
        action="meetings.item.pg_decide",
        target=resolution,
        after=model_snapshot(resolution, RESOLUTION_FIELDS),
        message=gettext_noop("The procurator-general decided an office meeting topic"),
    )
    return resolution


# What each later step on a resolution ends: the to-do it closes, and its
# message in the audit trail (its audit action is "meetings.resolution.<step>").
RESOLUTION_STEPS = {
    "report_upward": (
        STEP_SUPERVISE,
        gettext_noop("Reported a committee matter to the upper procuratorate"),
    ),
    "upper_decision": (
        STEP_UPPER,
        gettext_noop("Recorded the upper procuratorate's decision"),
    ),
}


def _resolution_changed(actor, resolution, before, step):
    """The step on the resolution is taken: its to-dos follow; into the audit trail."""
    todo_step, message = RESOLUTION_STEPS[step]
    todo_close(target=resolution, step_code=todo_step, actor=actor)
    _after_resolution(actor, resolution)
    audit_change(
        actor,
        resolution,
        before,
        fields=RESOLUTION_FIELDS,
        action=f"meetings.resolution.{step}",
        message=message,
    )
    return resolution


@transaction.atomic
def resolution_report_upward(*, actor, resolution, reason):
    """The procurator-general disagrees with the committee's majority: the
    matter goes to the upper procuratorate (secret ballot, or a stated view)."""
    resolution = authorize_locked(actor, "meetings.report_upward", resolution)
    ensure_meeting_unlocked(resolution.item.meeting)
    if resolution.status == Resolution.Status.REPORTED_UPWARD:
        raise ValidationError(_("It has already been reported upward."))
    if hasattr(resolution, "supervision"):
        raise ValidationError(_("Its execution is already being supervised."))
    text_required(reason, "reason", _("Give the reason."))
    before = model_snapshot(resolution, RESOLUTION_FIELDS)
    resolution.pg_disagrees = True
    resolution.status = Resolution.Status.REPORTED_UPWARD
    resolution.upward_reason = reason.strip()
    resolution.reported_upward_at = timezone.now()
    resolution.save(
        update_fields=[
            "pg_disagrees",
            "status",
            "upward_reason",
            "reported_upward_at",
            "updated_at",
        ]
    )
    return _resolution_changed(actor, resolution, before, "report_upward")


@transaction.atomic
def resolution_record_upper_decision(*, actor, resolution, passed, text):
    """Record what the upper procuratorate decided; the resolution then stands."""
    resolution = authorize_locked(actor, "meetings.record_upper_decision", resolution)
    if resolution.status != Resolution.Status.REPORTED_UPWARD:
        raise ValidationError(_("It has not been reported upward."))
    text_required(text, "text", _("Write down the upper procuratorate's decision."))
    before = model_snapshot(resolution, RESOLUTION_FIELDS)
    resolution.status = Resolution.Status.EFFECTIVE
    resolution.upper_decision = text.strip()
    resolution.result = Resolution.Result.PASSED if passed else Resolution.Result.FAILED
    if resolution.doc_seq is None:
        _number(resolution, resolution.item.meeting.body)
    resolution.save(
        update_fields=[
            "status",
            "upper_decision",
            "result",
            "doc_year",
            "doc_seq",
            "updated_at",
        ]
    )
    return _resolution_changed(actor, resolution, before, "upper_decision")
