"""The outside-supervision channel: remarks of lawyers, parties and units.

The essay asks the procuratorate to accept outside supervision by lawyers,
parties and affected units. A remark about staff conduct is recorded, assigned
to the discipline inspection office, answered within a time limit and closed.
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


class Remark(TimeStampedModel):
    class SourceKind(models.TextChoices):
        LAWYER = "lawyer", _("Lawyer")
        PARTY = "party", _("Party to a case")
        UNIT = "unit", _("Affected unit or other body")
        CITIZEN = "citizen", _("Member of the public")

    class Channel(models.TextChoices):
        LETTER = "letter", _("Letter")
        PHONE = "phone", _("Telephone")
        VISIT = "visit", _("Visit in person")
        ONLINE = "online", pgettext_lazy("integrity", "Online")

    class State(models.TextChoices):
        RECEIVED = "received", _("Awaiting assignment")
        ASSIGNED = "assigned", _("Being looked into")
        ANSWERED = "answered", _("Answered, awaiting closing")
        CLOSED = "closed", pgettext_lazy("remark state", "Closed")

    class Finding(models.TextChoices):
        SUBSTANTIATED = "substantiated", _("Substantiated")
        PARTLY = "partly", _("Partly substantiated")
        UNFOUNDED = "unfounded", _("Unfounded")

    procuratorate = procuratorate_field("integrity_remarks")
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence number"))
    source_kind = models.CharField(
        _("remark from"), max_length=20, choices=SourceKind.choices
    )
    source_name = models.CharField(_("name of the person or unit"), max_length=120)
    contact = models.CharField(_("contact"), max_length=120, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    received_on = models.DateField(_("received on"))
    concerned_department = optional_fk("core.Department", _("department concerned"))
    concerned_staff = optional_fk("core.Staff", _("staff member concerned"))
    content = models.TextField(_("what was said"))
    state = FSMField(
        _("state"), max_length=20, choices=State.choices, default=State.RECEIVED
    )
    recorded_by = user_field(_("remark recorded by"))
    assignee = user_field(_("assigned to"), optional=True)
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    due_at = models.DateTimeField(_("answer due"), null=True, blank=True)
    answer = models.TextField(_("answer to the remark"), blank=True)
    finding = models.CharField(
        _("finding"), max_length=20, choices=Finding.choices, blank=True
    )
    measures = models.TextField(_("measures taken"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    closed_by = user_field(_("closed by"), optional=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outside-supervision remark")
        verbose_name_plural = _("outside-supervision remarks")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "year", "sequence"],
                name="integrity_remark_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["received", "assigned"])
                | (~Q(answer="") & ~Q(finding="")),
                name="integrity_remark_answered_has_finding",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.source_name}"

    def get_absolute_url(self):
        return reverse("integrity:remark_detail", args=[self.pk])

    @property
    def number(self):
        return f"外督〔{self.year}〕{self.sequence}号"

    @property
    def answered_on_time(self):
        return bool(
            self.answered_at and self.due_at and self.answered_at <= self.due_at
        )

    @step(State.RECEIVED, State.ASSIGNED, "integrity.assign_remark")
    def assign(self):
        pass

    @step(State.ASSIGNED, State.ANSWERED, "integrity.answer_remark")
    def record_answer(self):
        pass

    @step(State.ANSWERED, State.ASSIGNED, "integrity.close_remark")
    def reopen(self):
        pass

    @step(State.ANSWERED, State.CLOSED, "integrity.close_remark")
    def close(self):
        pass
