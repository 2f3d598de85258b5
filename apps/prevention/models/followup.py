"""Steps 6 to 8: the prevention activities, the return visit, the final report."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.fields import user_field
from apps.core.models import TimeStampedModel

from .project import StepDocument, project_field


class PreventionActivity(TimeStampedModel):
    """Step 6: one activity carried out with the affected unit."""

    class Kind(models.TextChoices):
        MOBILISATION = "mobilisation", _("Mobilisation meeting")
        LEADING_GROUP = "leading_group", _("Prevention leading group set up")
        LECTURE = "lecture", _("Prevention lecture")
        RISK_CHECK = "risk_check", _("Check of risk points in posts")
        WARNING_EDUCATION = "warning_education", _("Warning education")
        OTHER = "other", _("Other")

    project = project_field("activities", one=False)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what was done"))
    participants = models.PositiveIntegerField(
        pgettext_lazy("prevention", "participants"), default=0
    )
    recorded_by = user_field(_("activity recorded by"))

    # What the handler writes (the form's fields, the service's whitelist).
    FIELDS = ["kind", "held_on", "title", "description", "participants"]

    class Meta:
        verbose_name = _("prevention activity")
        verbose_name_plural = _("prevention activities")
        ordering = ["project", "held_on", "id"]

    def __str__(self):
        return self.title


class ReturnVisit(StepDocument):
    """Step 7: the return visit (回访) and what it found."""

    class Method(models.TextChoices):
        SYMPOSIUM = "symposium", _("Symposium")
        FIELD_VISIT = "field_visit", _("Field visit")
        QUESTIONNAIRE = "questionnaire", _("Questionnaire")
        DOCUMENTS = "documents", _("Review of written records")

    project = project_field("return_visit")
    visited_on = models.DateField(_("date of the visit"))
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    findings = models.TextField(_("findings on the rectification"))
    risk_assessment = models.TextField(_("assessment of the remaining risk"))

    # What the handler writes (the form's fields, the service's whitelist).
    FIELDS = ["visited_on", "method", "findings", "risk_assessment"]

    class Meta(StepDocument.Meta):
        verbose_name = _("return visit")
        verbose_name_plural = _("return visits")

    def __str__(self):
        return f"{self.project.number} {self.visited_on}"


class FinalReport(StepDocument):
    """Step 8: 个案预防终结报告, reported to the unit's authority and the upper body."""

    project = project_field("final_report")
    summary = models.TextField(_("summary of the project"))
    effect = models.TextField(_("effect of the prevention work"))
    reported_to_authority_on = models.DateField(
        _("reported to the competent authority on"), null=True, blank=True
    )
    filed_with_upper_on = models.DateField(
        _("filed with the upper procuratorate on"), null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    # What the handler writes (the form's fields, the service's whitelist).
    FIELDS = ["summary", "effect", "reported_to_authority_on", "filed_with_upper_on"]

    class Meta(StepDocument.Meta):
        verbose_name = _("final report")
        verbose_name_plural = _("final reports")
