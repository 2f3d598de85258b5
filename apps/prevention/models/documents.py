"""Steps 1 to 4: the case selection, the approval form and its sign-offs,
the analysis report with the collected materials, the symposium."""

from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.fields import user_field
from apps.core.models import TimeStampedModel
from apps.core.uploads import RandomPath

from .project import Step, StepDocument, project_field

# Materials and receipts are bound into the case file, so only formats the
# binder can draw are accepted: scans as PDF or images.
BINDABLE_EXTENSIONS = ["pdf", "jpg", "jpeg", "png"]
bindable_file = FileExtensionValidator(BINDABLE_EXTENSIONS)
# What apps.core.uploads.check_upload accepts for a scan (the validator above
# then keeps the documents to PDF), and how large one may be.
SCAN_KINDS = ("documents", "images")
MAX_SCAN_BYTES = 20 * 1024 * 1024


class CaseSelection(StepDocument):
    """Step 1: the source case and why it is representative (four criteria)."""

    project = project_field("selection")
    source_case_number = models.CharField(_("source case number"), max_length=80)
    source_case_name = models.CharField(_("source case name"), max_length=200)
    source_department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department that handled the case"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    suspect = models.CharField(
        _("suspect and position"), max_length=200, help_text=_("e.g. 张某，财务科长")
    )
    charge = models.CharField(_("charge"), max_length=80)
    amount_involved = models.DecimalField(
        _("amount involved (yuan)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
    )
    case_summary = models.TextField(_("case summary"))
    # The essay's four selection criteria (第9篇), ticked one by one.
    criterion_widespread = models.BooleanField(
        _("the offence is common in the unit and likely to recur"), default=False
    )
    criterion_loopholes = models.BooleanField(
        _("the case exposes major loopholes in the unit's rules or management"),
        default=False,
    )
    criterion_typical = models.BooleanField(
        _(
            "the case is typical: a series or group case, a senior suspect, "
            "a large sum, a strong warning"
        ),
        default=False,
    )
    criterion_unit_willing = models.BooleanField(
        _("the affected unit is willing to take part in prevention"), default=False
    )
    selection_reason = models.TextField(_("why this case was chosen"))

    class Meta(StepDocument.Meta):
        verbose_name = _("case selection")
        verbose_name_plural = _("case selections")

    def __str__(self):
        return f"{self.source_case_number} {self.source_case_name}"

    CRITERIA = (
        "criterion_widespread",
        "criterion_loopholes",
        "criterion_typical",
        "criterion_unit_willing",
    )
    # What the handler writes (the form's fields, the service's whitelist).
    FIELDS = [
        "source_case_number",
        "source_case_name",
        "source_department",
        "suspect",
        "charge",
        "amount_involved",
        "case_summary",
        *CRITERIA,
        "selection_reason",
    ]
    # Our reading of "综合考虑": a case is representative when at least two of
    # the four criteria hold (docs/prevention.md).
    MIN_CRITERIA = 2

    @property
    def criteria_met(self):
        return sum(1 for name in self.CRITERIA if getattr(self, name))

    @property
    def criteria_checklist(self):
        """[(criterion text, met?)] in the essay's order."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in self.CRITERIA
        ]


class ApprovalForm(StepDocument):
    """Step 2: 个案预防立项审批表 — case facts, reasons and the work plan."""

    project = project_field("approval_form")
    case_facts = models.TextField(_("basic facts of the case"))
    reasons = models.TextField(_("reasons for the project"))
    work_plan = models.TextField(_("work plan"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    # What the handler writes (the form's fields, the service's whitelist).
    FIELDS = ["case_facts", "reasons", "work_plan"]

    class Meta(StepDocument.Meta):
        verbose_name = _("approval form")
        verbose_name_plural = _("approval forms")


class Approval(models.Model):
    """One sign-off (or return) on the approval form or the suggestion letter."""

    class Document(models.TextChoices):
        APPROVAL_FORM = "approval_form", _("Approval form")
        SUGGESTION_LETTER = "suggestion_letter", _("Suggestion letter")

    class Level(models.TextChoices):
        DEPARTMENT_HEAD = "department_head", _("Department head")
        PROCURATOR_GENERAL = "procurator_general", _("Procurator-general")

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Agreed")
        RETURNED = "returned", _("Returned for revision")

    project = project_field("approvals", one=False)
    document = models.CharField(_("document"), max_length=30, choices=Document.choices)
    level = models.CharField(_("level"), max_length=30, choices=Level.choices)
    decision = models.CharField(
        pgettext_lazy("prevention", "decision"), max_length=10, choices=Decision.choices
    )
    opinion = models.TextField(pgettext_lazy("prevention", "opinion"), blank=True)
    decided_by = user_field(_("signed by"))
    decided_at = models.DateTimeField(_("signed at"))

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        ordering = ["project", "decided_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision="returned") | ~Q(opinion=""),
                name="prevention_approval_return_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.get_document_display()} {self.get_level_display()}"


class AnalysisReport(StepDocument):
    """Step 3: 个案分析报告 — facts, motive, method and the unit's loopholes."""

    project = project_field("analysis")
    facts = models.TextField(_("basic facts of the offence"))
    motive = models.TextField(_("psychology and motive"))
    method = models.TextField(_("method of the offence"))
    loopholes = models.TextField(
        _("loopholes in the unit's rules, mechanisms and internal supervision")
    )

    # What the handler writes (the form's fields, the service's whitelist).
    FIELDS = ["facts", "motive", "method", "loopholes"]

    class Meta(StepDocument.Meta):
        verbose_name = _("case analysis report")
        verbose_name_plural = _("case analysis reports")


class Material(TimeStampedModel):
    """A collected document or photo, filed under the step it was collected in."""

    class Kind(models.TextChoices):
        INVESTIGATION_REPORT = "investigation_report", _("Investigation final report")
        CONFESSION = "confession", _("Suspect's letter of repentance")
        TESTIMONY = "testimony", _("Witness testimony")
        UNIT_RULES = "unit_rules", _("Rules of the affected unit")
        ENFORCEMENT = "enforcement", _("Law-enforcement record of the unit")
        MINUTES = "minutes", _("Minutes or joint document")
        PHOTO = "photo", _("Photograph")
        FEEDBACK = "feedback", _("Rectification report or feedback of the unit")
        OTHER = "other", _("Other")

    project = project_field("materials", one=False)
    step = models.PositiveSmallIntegerField(
        _("step of the project"), choices=Step.choices
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=RandomPath("prevention/materials/{instance.project_id}"),
        validators=[bindable_file],
        help_text=_("A scan as PDF, JPG or PNG: it is bound into the case file."),
    )
    uploaded_by = user_field(_("uploaded by"))

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["project", "step", "created_at", "id"]

    def __str__(self):
        return self.title


class Symposium(StepDocument):
    """Step 4: the symposium with the affected unit."""

    project = project_field("symposium")
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=120)
    attendees = models.TextField(_("attendees"))
    minutes = models.TextField(pgettext_lazy("prevention", "minutes"))
    agreements = models.TextField(_("agreements reached"))

    # What the handler writes (the form's fields, the service's whitelist).
    FIELDS = ["held_on", "place", "attendees", "minutes", "agreements"]

    class Meta(StepDocument.Meta):
        verbose_name = _("symposium")
        verbose_name_plural = _("symposia")

    def __str__(self):
        return f"{self.project.number} {self.held_on}"
