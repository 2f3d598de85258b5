"""Topic requests (议题提请表), their materials and history."""

from pathlib import PurePosixPath

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import RETURN_VALUE, transition

from apps.core.fields import user_field
from apps.core.models import TimeStampedModel
from apps.core.uploads import RandomPath
from apps.core.workflow import step

from .base import ProcuratorateRecord, state_field
from .bodies import PERSONNEL_CATEGORIES, SCOPE_BODY, Body, BodyKind, ScopeCategory


class Topic(ProcuratorateRecord):
    """A topic request (议题提请表) for one body."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting scope review")
        AWAITING_APPROVAL = (
            "awaiting_approval",
            _("Awaiting the procurator-general's approval"),
        )
        APPROVED = "approved", _("Approved, awaiting a meeting")
        SCHEDULED = "scheduled", _("On a meeting's agenda")
        DECIDED = "decided", _("Decided")
        RETURNED = "returned", _("Returned")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    body = models.ForeignKey(
        Body,
        verbose_name=pgettext_lazy("meetings", "body"),
        on_delete=models.PROTECT,
        related_name="topics",
    )
    title = models.CharField(_("title"), max_length=200)
    scope_category = models.CharField(
        _("scope category"), max_length=30, choices=ScopeCategory.choices
    )
    summary = models.TextField(_("summary and proposal"))
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("filing department"),
        on_delete=models.PROTECT,
        related_name="meeting_topics",
    )
    filed_by = user_field(_("filed by"))
    state = state_field(State, State.SUBMITTED)
    return_reason = models.TextField(_("reason for return"), blank=True)
    routed_from = models.CharField(
        _("routed from"), max_length=20, choices=BodyKind.choices, blank=True
    )
    carried_count = models.PositiveSmallIntegerField(_("times carried over"), default=0)
    source_type = models.ForeignKey(
        ContentType,
        verbose_name=_("source type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    source_id = models.CharField(_("source id"), max_length=64, blank=True)
    source = GenericForeignKey("source_type", "source_id")

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["procuratorate", "state"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:topic_detail", args=[self.pk])

    def clean(self):
        if (
            self.scope_category
            and self.body_id
            and SCOPE_BODY.get(self.scope_category) != self.body.kind
        ):
            raise ValidationError(
                {
                    "scope_category": _(
                        "This scope category is not in the body's published list."
                    )
                }
            )
        if self.department_id and self.department.procuratorate_id != (
            self.procuratorate_id
        ):
            raise ValidationError(
                {"department": _("The department belongs to another procuratorate.")}
            )

    @property
    def is_personnel(self):
        return self.scope_category in PERSONNEL_CATEGORIES

    @property
    def takes_materials(self):
        """Materials may be added until the topic is decided or withdrawn."""
        return self.state not in (self.State.DECIDED, self.State.WITHDRAWN)

    @property
    def is_major_case(self):
        return self.scope_category == ScopeCategory.CM_MAJOR_CASE

    # Transitions: from where to where, and who may (a rule of rules.py). The
    # agenda and the vote move a topic along (schedule, carry over, decide)
    # under the meeting's own permission, so those carry none.
    @step(State.SUBMITTED, State.AWAITING_APPROVAL, "meetings.review_topic")
    def pass_review(self):
        pass

    @step(State.SUBMITTED, State.SUBMITTED, "meetings.route_topic")
    def route(self):
        pass

    @step(
        [State.SUBMITTED, State.AWAITING_APPROVAL],
        State.RETURNED,
        lambda topic, user: topic.may_send_back(user),
    )
    def send_back(self):
        pass

    def may_send_back(self, user):
        """At the scope review the reviewer returns a topic; later, the PG."""
        if self.state == self.State.SUBMITTED:
            return user.has_perm("meetings.review_topic", self)
        return user.has_perm("meetings.approve_topic", self)

    @step(
        State.RETURNED,
        RETURN_VALUE(State.SUBMITTED, State.AWAITING_APPROVAL),
        "meetings.resubmit_topic",
    )
    def resubmit(self):
        # The office meeting has no scope review: straight to the PG again.
        if self.body.kind == BodyKind.OFFICE:
            return self.State.AWAITING_APPROVAL
        return self.State.SUBMITTED

    @step(State.AWAITING_APPROVAL, State.APPROVED, "meetings.approve_topic")
    def approve(self):
        pass

    @transition(field=state, source=State.APPROVED, target=State.SCHEDULED)
    def schedule(self):
        pass

    @transition(field=state, source=State.SCHEDULED, target=State.APPROVED)
    def carry_over(self):
        pass

    @transition(field=state, source=State.SCHEDULED, target=State.DECIDED)
    def decide(self):
        pass

    @step(
        [
            State.SUBMITTED,
            State.AWAITING_APPROVAL,
            State.APPROVED,
            State.RETURNED,
            State.SCHEDULED,
        ],
        State.WITHDRAWN,
        "meetings.withdraw_topic",
    )
    def withdraw(self):
        pass


def material_path(instance, filename):
    """Where materials were kept before RandomPath; migration 0001 names it."""
    return f"meetings/topics/{instance.topic_id}/{filename}"


# What a topic's materials may be (core's upload kinds), and how large.
MATERIAL_KINDS = ("documents", "spreadsheets", "images")
MATERIAL_MAX_BYTES = 20 * 1024 * 1024


class TopicMaterial(TimeStampedModel):
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        related_name="materials",
    )
    title = models.CharField(_("title"), max_length=200)
    # Checked by the service with core's check_upload (MATERIAL_KINDS).
    file = models.FileField(
        _("file"), upload_to=RandomPath("meetings/topics/{instance.topic_id}")
    )
    uploaded_by = user_field(_("uploaded by"))

    class Meta:
        verbose_name = _("topic material")
        verbose_name_plural = _("topic materials")
        ordering = ["topic", "created_at", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:material_download", args=[self.pk])

    @property
    def download_name(self):
        """The title with the stored file's extension, for the browser."""
        return self.title + PurePosixPath(self.file.name).suffix


class TopicLog(models.Model):
    """The topic's visible history: who reviewed, returned, routed, approved it."""

    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="logs"
    )
    actor = user_field(_("by"))
    # An English message id, translated when shown.
    action = models.CharField(_("action"), max_length=120)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("topic history entry")
        verbose_name_plural = _("topic history")
        ordering = ["topic", "created_at", "pk"]

    def __str__(self):
        return f"{self.topic}: {self.action}"
