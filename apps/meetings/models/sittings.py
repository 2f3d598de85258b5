"""Meetings: attendance, agenda items, sitting in, recusal, opinions, votes."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import transition

from apps.core.fields import user_field
from apps.core.models import TimeStampedModel
from apps.core.workflow import step

from .base import ProcuratorateRecord, staff_field, state_field
from .bodies import Ballot, Body
from .topics import Topic


class Meeting(ProcuratorateRecord):
    """One sitting of a body."""

    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_SESSION = "in_session", _("In session")
        CLOSED = "closed", _("Closed")

    body = models.ForeignKey(
        Body,
        verbose_name=pgettext_lazy("meetings", "body"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    title = models.CharField(_("title"), max_length=200)
    scheduled_at = models.DateTimeField(_("time"))
    location = models.CharField(_("place"), max_length=100, blank=True)
    state = state_field(State, State.PLANNED)
    # The office meeting held on the first working day of this month (例会).
    regular_month = models.DateField(
        _("regular meeting of month"), null=True, blank=True
    )
    created_by = user_field(_("created by"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("meeting closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-scheduled_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "regular_month"],
                condition=Q(regular_month__isnull=False),
                name="meetings_one_regular_meeting_per_month",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:meeting_detail", args=[self.pk])

    @property
    def takes_business(self):
        """Agenda and attendance change while the meeting is planned or sitting."""
        return self.state in (self.State.PLANNED, self.State.IN_SESSION)

    @step(State.PLANNED, State.IN_SESSION, "meetings.manage_meeting")
    def open(self):
        pass

    @step(State.IN_SESSION, State.CLOSED, "meetings.manage_meeting")
    def close(self):
        pass


class Attendance(TimeStampedModel):
    """Whether a member attended: present, or absent with a reason."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    staff = staff_field(_("member"))
    status = models.CharField(_("attendance"), max_length=10, choices=Status.choices)
    absence_reason = models.CharField(
        _("reason for absence"), max_length=200, blank=True
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["meeting", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "staff"], name="meetings_attendance_once"
            ),
            models.CheckConstraint(
                condition=Q(status="present") | ~Q(absence_reason=""),
                name="meetings_absence_needs_reason",
            ),
        ]

    def __str__(self):
        return f"{self.staff} · {self.get_status_display()}"


class AgendaItem(TimeStampedModel):
    """A topic on a meeting's agenda, with its discussion, vote and outcome."""

    class Status(models.TextChoices):
        PENDING = "pending", _("To be discussed")
        VOTING = "voting", _("Voting")
        DECIDED = "decided", _("Decided")
        CARRIED = "carried", _("Carried to a later meeting")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        related_name="agenda_items",
    )
    position = models.PositiveSmallIntegerField(_("order"))
    status = state_field(Status, Status.PENDING, _("status"))
    carry_reason = models.CharField(
        _("reason for carrying over"), max_length=200, blank=True
    )
    ballot = models.CharField(
        _("voting method"), max_length=10, choices=Ballot.choices, blank=True
    )
    # Counts: named votes are counted from their ballots when voting closes;
    # a secret ballot's counts are entered by the secretary after the count.
    agree_count = models.PositiveSmallIntegerField(_("agree"), default=0)
    disagree_count = models.PositiveSmallIntegerField(_("disagree"), default=0)
    abstain_count = models.PositiveSmallIntegerField(_("abstain"), default=0)
    postpone_count = models.PositiveSmallIntegerField(_("postpone"), default=0)
    # Frozen when voting closes, so later roster or attendance edits change nothing.
    frozen_voters = models.ManyToManyField(
        "core.Staff", verbose_name=_("entitled to vote"), blank=True, related_name="+"
    )
    members_total = models.PositiveSmallIntegerField(
        _("members of the body"), null=True, blank=True
    )
    present_count = models.PositiveSmallIntegerField(
        _("members taking part"), null=True, blank=True
    )
    voting_closed_at = models.DateTimeField(
        _("voting closed at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "topic"], name="meetings_topic_once_per_meeting"
            )
        ]

    def __str__(self):
        return f"{self.position}. {self.topic}"

    def get_absolute_url(self):
        return reverse("meetings:item_detail", args=[self.pk])

    @property
    def procuratorate_id(self):
        return self.meeting.procuratorate_id

    @step(Status.PENDING, Status.VOTING, "meetings.manage_meeting", field="status")
    def open_voting(self):
        pass

    @step(Status.VOTING, Status.DECIDED, "meetings.manage_meeting", field="status")
    def close_voting(self):
        pass

    @step(Status.PENDING, Status.DECIDED, "meetings.decide_office_item", field="status")
    def decide_directly(self):
        pass

    @step(Status.PENDING, Status.CARRIED, "meetings.manage_meeting", field="status")
    def carry_over(self):
        pass

    # Follows the topic's withdrawal by its filer (who need not run the meeting).
    @transition(field=status, source=Status.PENDING, target=Status.WITHDRAWN)
    def withdraw(self):
        pass


def item_field(related_name):
    """The agenda item a record of the discussion belongs to (gone with it)."""
    return models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name=related_name,
    )


class SittingIn(TimeStampedModel):
    """A non-member the procurator-general lets sit in on one topic, without a vote."""

    item = item_field("sitting_in")
    staff = staff_field(pgettext_lazy("meetings", "person"))
    decided_by = user_field(_("decided by"))

    class Meta:
        verbose_name = _("sitting in")
        verbose_name_plural = _("sitting in")
        ordering = ["item", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "staff"], name="meetings_sit_in_once"
            )
        ]

    def __str__(self):
        return str(self.staff)


class Recusal(TimeStampedModel):
    """A member stays out of one topic: no opinion, no vote."""

    item = item_field("recusals")
    staff = staff_field(_("member"))
    reason = models.CharField(_("reason"), max_length=200)
    recorded_by = user_field(_("recorded by"))

    class Meta:
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        ordering = ["item", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "staff"], name="meetings_recusal_once"
            )
        ]

    def __str__(self):
        return str(self.staff)


class Opinion(TimeStampedModel):
    """What one member said on a topic, in the body's fixed speaking order."""

    item = item_field("opinions")
    staff = staff_field(_("speaker"))
    position = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("opinion"))
    recorded_by = user_field(_("recorded by"))

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        ordering = ["item", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "staff"], name="meetings_opinion_once"
            ),
            models.UniqueConstraint(
                fields=["item", "position"], name="meetings_opinion_position_unique"
            ),
        ]

    def __str__(self):
        return f"{self.position}. {self.staff}"


class VoteChoice(models.TextChoices):
    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")
    ABSTAIN = "abstain", _("Abstain")
    POSTPONE = "postpone", _("Postpone")


class Vote(TimeStampedModel):
    """One member's named vote on one topic (secret ballots keep counts only)."""

    item = item_field("votes")
    voter = staff_field(_("voter"))
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["item", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "voter"], name="meetings_vote_once")
        ]

    def __str__(self):
        return f"{self.voter}: {self.get_choice_display()}"
