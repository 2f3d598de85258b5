"""Step 5: the procuratorial suggestion letter and its numbered suggestions."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.fields import user_field
from apps.core.uploads import RandomPath

from .documents import bindable_file
from .project import StepDocument, project_field


class SuggestionLetter(StepDocument):
    """Step 5: 检察建议书, approved by the procurator-general, delivered in person."""

    project = project_field("suggestion_letter")
    addressee = models.CharField(_("addressee"), max_length=120)
    problems = models.TextField(_("problems found"))
    number = models.CharField(
        _("number of the suggestion letter"), max_length=60, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    delivered_by = user_field(_("delivered by"), null=True, blank=True)
    recipient = models.CharField(
        _("recipient (name and position)"), max_length=120, blank=True
    )
    receipt = models.FileField(
        _("signed receipt"),
        upload_to=RandomPath("prevention/receipts/{instance.project_id}"),
        blank=True,
        validators=[bindable_file],
        help_text=_("The scan of the receipt signed by the recipient (PDF, JPG, PNG)."),
    )
    delivery_notes = models.TextField(
        _("what was said when the letter was read out"), blank=True
    )

    # What the handler writes (the form's fields, the service's whitelist).
    FIELDS = ["addressee", "problems"]

    class Meta(StepDocument.Meta):
        verbose_name = _("suggestion letter")
        verbose_name_plural = _("suggestion letters")
        constraints = [
            models.CheckConstraint(
                condition=Q(delivered_on__isnull=True)
                | (~Q(recipient="") & ~Q(receipt="")),
                name="prevention_delivery_has_recipient_and_receipt",
            ),
        ]

    def __str__(self):
        return self.number or str(self.project)


class Suggestion(models.Model):
    """One numbered suggestion of the letter; the return visit rates its adoption."""

    class Adoption(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        PARTLY = "partly", _("Partly adopted")
        NOT_ADOPTED = "not_adopted", _("Not adopted")

    letter = models.ForeignKey(
        SuggestionLetter,
        verbose_name=_("suggestion letter"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    order = models.PositiveSmallIntegerField(_("number of the suggestion"))
    text = models.TextField(_("suggestion"))
    adoption = models.CharField(
        pgettext_lazy("prevention", "adoption"),
        max_length=20,
        choices=Adoption.choices,
        blank=True,
    )
    unit_feedback = models.TextField(_("feedback of the unit"), blank=True)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["letter", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["letter", "order"], name="prevention_suggestion_order_unique"
            ),
        ]

    def __str__(self):
        return f"{self.order}. {self.text[:40]}"
