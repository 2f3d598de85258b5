"""The annual integrity-culture plan: campaigns and activities, sign-up and attendance.

The essay (第10篇) complains that campaigns of the national political-legal
system, the procuratorial system and the local party committee pile up in the
same year; the plan therefore shows the weeks where campaigns of different
sources run together before it is approved.
"""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField

from apps.core.fields import procuratorate_field, user_field
from apps.core.models import TimeStampedModel
from apps.core.workflow import step

from .fields import optional_fk


class IntegrityPlan(TimeStampedModel):
    """One procuratorate's integrity-culture plan for a year."""

    class State(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("plan state", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("plan state", "Awaiting approval")
        APPROVED = "approved", pgettext_lazy("plan state", "Approved")

    procuratorate = procuratorate_field("integrity_plans")
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    goals = models.TextField(_("goals and arrangements"), blank=True)
    state = FSMField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT
    )
    drafted_by = user_field(_("drafted by"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_by = user_field(pgettext_lazy("integrity", "approved by"), optional=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    # What the approver said about the overloaded weeks shown to them.
    overload_note = models.TextField(_("note on the overloaded weeks"), blank=True)
    return_reason = models.TextField(_("reason for returning"), blank=True)

    class Meta:
        verbose_name = _("integrity-culture plan")
        verbose_name_plural = _("integrity-culture plans")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "year"], name="integrity_plan_once_a_year"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("integrity:plan_detail", args=[self.pk])

    # The plan, its campaigns and activities change only while it is a draft:
    # ``revise`` is that step (the state stays), checked, never taken.
    @step(State.DRAFT, State.DRAFT, "integrity.manage_plan")
    def revise(self):
        pass

    @step(State.DRAFT, State.SUBMITTED, "integrity.manage_plan")
    def submit(self):
        pass

    @step(State.SUBMITTED, State.APPROVED, "integrity.approve_plan")
    def approve(self):
        pass

    @step(State.SUBMITTED, State.DRAFT, "integrity.approve_plan")
    def return_to_draft(self):
        pass


class Campaign(TimeStampedModel):
    """A campaign (主题教育实践活动) the plan has to carry, with where it comes from."""

    class Source(models.TextChoices):
        POLITICAL_LEGAL = "political_legal", _("National political-legal system")
        PROCURATORIAL = "procuratorial", _("Procuratorial system")
        LOCAL_PARTY = "local_party", _("Local party committee and government")
        OWN = "own", _("This procuratorate")

    plan = models.ForeignKey(
        IntegrityPlan,
        verbose_name=_("annual plan"),
        on_delete=models.CASCADE,
        related_name="campaigns",
    )
    title = models.CharField(_("title"), max_length=200)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["plan", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="integrity_campaign_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title


class ActivityKind(models.TextChoices):
    LECTURE = "lecture", _("Lecture")
    KNOWLEDGE_CONTEST = "knowledge_contest", _("Knowledge contest")
    SPEECH_CONTEST = "speech_contest", _("Speech contest")
    ESSAY = "essay", _("Essay contest")
    PHOTO_PAINTING = "photo_painting", _("Photography, calligraphy and painting")
    BOOK_RECOMMENDATION = "book_recommendation", _("Book recommendation")
    WARNING_FILM = "warning_film", _("Warning-education film")


class Activity(TimeStampedModel):
    """An integrity-culture activity (廉政文化活动) with sign-up and attendance."""

    class State(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("integrity", "Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    procuratorate = procuratorate_field("integrity_activities")
    plan = models.ForeignKey(
        IntegrityPlan,
        verbose_name=_("annual plan"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    organiser = models.ForeignKey(
        "core.Department",
        verbose_name=_("organising department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    audience = models.ManyToManyField(
        "core.Department",
        verbose_name=_("audience"),
        blank=True,
        related_name="+",
        help_text=_("Departments expected to attend; none means the whole staff."),
    )
    education_hours = models.DecimalField(
        _("education hours"), max_digits=4, decimal_places=1, default=2
    )
    signup_required = models.BooleanField(_("sign-up required"), default=False)
    capacity = models.PositiveIntegerField(
        _("places"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    description = models.TextField(_("description"), blank=True)
    quiz = models.OneToOneField(
        "integrity.Quiz",
        verbose_name=_("online knowledge contest"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activity",
    )
    state = FSMField(
        _("state"), max_length=20, choices=State.choices, default=State.PLANNED
    )
    attendance_recorded_at = models.DateTimeField(
        _("attendance recorded at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("integrity-culture activity")
        verbose_name_plural = _("integrity-culture activities")
        ordering = ["held_on", "id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("integrity:activity_detail", args=[self.pk])

    # ``revise`` and ``sign_up`` are steps that leave the state as it is:
    # checked (who may, and only while planned), never taken.
    @step(State.PLANNED, State.PLANNED, "integrity.manage_activity")
    def revise(self):
        pass

    @step(
        State.PLANNED,
        State.PLANNED,
        "integrity.take_part",
        conditions=[lambda activity: activity.signup_required],
    )
    def sign_up(self):
        pass

    @step([State.PLANNED, State.HELD], State.HELD, "integrity.manage_activity")
    def record_attendance(self):
        pass

    @step(State.PLANNED, State.CANCELLED, "integrity.manage_activity")
    def cancel(self):
        pass


class Participation(models.Model):
    """One person's sign-up for an activity and whether they attended."""

    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    user = user_field(_("staff member"), related_name="integrity_participations")
    department = optional_fk("core.Department", _("department"))
    signed_up_at = models.DateTimeField(_("signed up at"), null=True, blank=True)
    # None until the organiser records attendance.
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["activity", "department__sort_order", "user__staff__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "user"], name="integrity_participation_once"
            ),
        ]

    def __str__(self):
        return f"{self.activity} · {self.user}"
