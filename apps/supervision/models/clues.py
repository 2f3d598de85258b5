"""The clue register: judicial staff's crimes (职务犯罪线索) found in the work."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField

from apps.core.fields import procuratorate_field, user_field
from apps.core.models import TimeStampedModel
from apps.core.workflow import step

from .fields import department_fk
from .petitions import Petition


class Clue(TimeStampedModel):
    """A clue of a judicial officer's crime (职务犯罪线索) found in the work."""

    class State(models.TextChoices):
        REGISTERED = "registered", _("Logged, awaiting report")
        REPORTED = "reported", _("Reported, awaiting decision")
        INQUIRY = "inquiry", _("Preliminary inquiry")
        BECAME_CASE = "became_case", _("Became a case")
        NOT_CASE = "not_case", _("Did not become a case")
        DISMISSED = "dismissed", _("No inquiry")

    procuratorate = procuratorate_field()
    department = department_fk(_("department"))
    petition = models.ForeignKey(
        Petition,
        verbose_name=_("found in case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="clues",
    )
    state = FSMField(
        _("state"), max_length=20, choices=State.choices, default=State.REGISTERED
    )
    number = models.CharField(_("clue number"), max_length=60)
    suspect_name = models.CharField(_("person concerned"), max_length=40)
    suspect_position = models.CharField(
        _("post and unit"), max_length=120, help_text=_("e.g. judge of a court")
    )
    summary = models.TextField(_("what was found"))
    registered_by = user_field(pgettext_lazy("case", "registered by"))
    registered_at = models.DateTimeField(_("registered at"))
    report_due_at = models.DateTimeField(_("report due"), null=True, blank=True)
    reported_by = user_field(_("reported by"), optional=True)
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    report_note = models.TextField(_("report text"), blank=True)
    decided_by = user_field(_("decided by"), optional=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    inquirer = user_field(_("inquirer"), optional=True)
    inquiry_due_at = models.DateTimeField(_("inquiry due"), null=True, blank=True)
    concluded_by = user_field(_("concluded by"), optional=True)
    concluded_at = models.DateTimeField(_("concluded at"), null=True, blank=True)
    conclusion_note = models.TextField(_("conclusion"), blank=True)

    class Meta:
        verbose_name = _("clue")
        verbose_name_plural = _("clues")
        ordering = ["-registered_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "number"],
                name="supervision_clue_number_unique",
            )
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("supervision:clue_detail", args=[self.pk])

    @step(State.REGISTERED, State.REPORTED, "supervision.report_clue")
    def report(self):
        pass

    @step(State.REPORTED, State.INQUIRY, "supervision.decide_clue")
    def start_inquiry(self):
        pass

    @step(State.REPORTED, State.DISMISSED, "supervision.decide_clue")
    def dismiss(self):
        pass

    @step(State.INQUIRY, State.BECAME_CASE, "supervision.conclude_clue")
    def became_case(self):
        pass

    @step(State.INQUIRY, State.NOT_CASE, "supervision.conclude_clue")
    def not_case(self):
        pass
