"""Case-specific prevention (个案预防): the eight-step project and its documents.

A project moves through the essay's eight steps in order. Each step has its own
record (`ProjectStep`, with the due time from the time-limit catalogue) and its
own document: the case selection, the approval form, the analysis report, the
symposium, the suggestion letter, the activities, the return visit and the
final report. The state field says which step is open; the services move it.
"""

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, transition

from apps.core.models import TimeStampedModel


class Step(models.IntegerChoices):
    """The essay's eight steps, in their order."""

    SELECTION = 1, _("Select a representative case")
    APPROVAL = 2, _("Approval form")
    ANALYSIS = 3, _("Case analysis report")
    SYMPOSIUM = 4, _("Symposium with the affected unit")
    SUGGESTION = 5, _("Prevention suggestion letter")
    ACTIVITIES = 6, _("Prevention activities")
    RETURN_VISIT = 7, _("Return visit")
    FINAL_REPORT = 8, _("Final report and archive")


# Materials and receipts are bound into the case file, so only formats the
# binder can draw are accepted: scans as PDF or images.
BINDABLE_EXTENSIONS = ["pdf", "jpg", "jpeg", "png"]
bindable_file = FileExtensionValidator(BINDABLE_EXTENSIONS)

# The time-limit catalogue code of each step (seeded by migration 0002).
STEP_TIME_LIMITS = {
    Step.SELECTION: "prevention.selection",
    Step.APPROVAL: "prevention.approval",
    Step.ANALYSIS: "prevention.analysis",
    Step.SYMPOSIUM: "prevention.symposium",
    Step.SUGGESTION: "prevention.suggestion",
    Step.ACTIVITIES: "prevention.activities",
    Step.RETURN_VISIT: "prevention.return_visit",
    Step.FINAL_REPORT: "prevention.final_report",
}


class State(models.TextChoices):
    SELECTION = "selection", _("Selecting the case")
    APPROVAL_DRAFT = "approval_draft", _("Drafting the approval form")
    APPROVAL_HEAD = "approval_head", _("Awaiting the department head's approval")
    APPROVAL_PG = (
        "approval_pg",
        pgettext_lazy("prevention", "Awaiting the procurator-general's approval"),
    )
    ANALYSIS = "analysis", _("Writing the case analysis report")
    SYMPOSIUM = "symposium", _("Holding the symposium")
    SUGGESTION_DRAFT = "suggestion_draft", _("Drafting the suggestion letter")
    SUGGESTION_PG = (
        "suggestion_pg",
        _("Suggestion letter awaiting the procurator-general's approval"),
    )
    DELIVERY = "delivery", _("Delivering the suggestion letter")
    ACTIVITIES = "activities", _("Carrying out prevention activities")
    RETURN_VISIT = "return_visit", _("Return visit")
    FINAL_REPORT = "final_report", _("Writing the final report")
    ARCHIVING = "archiving", _("Awaiting archiving")
    ARCHIVED = "archived", _("Archived")


STATE_STEP = {
    State.SELECTION: Step.SELECTION,
    State.APPROVAL_DRAFT: Step.APPROVAL,
    State.APPROVAL_HEAD: Step.APPROVAL,
    State.APPROVAL_PG: Step.APPROVAL,
    State.ANALYSIS: Step.ANALYSIS,
    State.SYMPOSIUM: Step.SYMPOSIUM,
    State.SUGGESTION_DRAFT: Step.SUGGESTION,
    State.SUGGESTION_PG: Step.SUGGESTION,
    State.DELIVERY: Step.SUGGESTION,
    State.ACTIVITIES: Step.ACTIVITIES,
    State.RETURN_VISIT: Step.RETURN_VISIT,
    State.FINAL_REPORT: Step.FINAL_REPORT,
    State.ARCHIVING: Step.FINAL_REPORT,
    State.ARCHIVED: None,
}


class PreventionProject(TimeStampedModel):
    """One case-specific prevention project (个案预防) built on one source case."""

    procuratorate = models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="prevention_projects",
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="prevention_projects",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        on_delete=models.PROTECT,
        related_name="prevention_projects",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence number"))
    title = models.CharField(_("title"), max_length=200)
    affected_unit = models.CharField(_("affected unit"), max_length=120)
    affected_unit_authority = models.CharField(
        _("competent authority of the affected unit"), max_length=120, blank=True
    )
    state = FSMField(
        _("state"), max_length=30, choices=State.choices, default=State.SELECTION
    )
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("archived by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    case_file = models.FileField(
        _("case file"), upload_to="prevention/case_files/%Y/", blank=True
    )
    case_file_bound_at = models.DateTimeField(
        _("case file bound at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("prevention project")
        verbose_name_plural = _("prevention projects")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "year", "sequence"],
                name="prevention_project_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(state="archived", archived_at__isnull=False)
                | (~Q(state="archived") & Q(archived_at__isnull=True)),
                name="prevention_project_archived_at_matches_state",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("prevention:project_detail", args=[self.pk])

    @property
    def number(self):
        prefix = self.procuratorate.case_number_prefix or ""
        return f"{prefix}预〔{self.year}〕{self.sequence}号"

    @property
    def current_step(self):
        """The step now open (a Step), or None once archived."""
        return STATE_STEP[State(self.state)]

    @property
    def is_archived(self):
        return self.state == State.ARCHIVED

    # The order of the eight steps, declared once. Services call these after
    # checking who acts and that the step's record is complete.
    @transition(field=state, source=State.SELECTION, target=State.APPROVAL_DRAFT)
    def complete_selection(self):
        pass

    @transition(field=state, source=State.APPROVAL_DRAFT, target=State.APPROVAL_HEAD)
    def submit_approval(self):
        pass

    @transition(field=state, source=State.APPROVAL_HEAD, target=State.APPROVAL_PG)
    def approve_by_head(self):
        pass

    @transition(field=state, source=State.APPROVAL_PG, target=State.ANALYSIS)
    def approve_by_pg(self):
        pass

    @transition(
        field=state,
        source=[State.APPROVAL_HEAD, State.APPROVAL_PG],
        target=State.APPROVAL_DRAFT,
    )
    def return_approval(self):
        pass

    @transition(field=state, source=State.ANALYSIS, target=State.SYMPOSIUM)
    def complete_analysis(self):
        pass

    @transition(field=state, source=State.SYMPOSIUM, target=State.SUGGESTION_DRAFT)
    def complete_symposium(self):
        pass

    @transition(field=state, source=State.SUGGESTION_DRAFT, target=State.SUGGESTION_PG)
    def submit_suggestion(self):
        pass

    @transition(field=state, source=State.SUGGESTION_PG, target=State.DELIVERY)
    def approve_suggestion(self):
        pass

    @transition(field=state, source=State.SUGGESTION_PG, target=State.SUGGESTION_DRAFT)
    def return_suggestion(self):
        pass

    @transition(field=state, source=State.DELIVERY, target=State.ACTIVITIES)
    def record_delivery(self):
        pass

    @transition(field=state, source=State.ACTIVITIES, target=State.RETURN_VISIT)
    def complete_activities(self):
        pass

    @transition(field=state, source=State.RETURN_VISIT, target=State.FINAL_REPORT)
    def complete_return_visit(self):
        pass

    @transition(field=state, source=State.FINAL_REPORT, target=State.ARCHIVING)
    def submit_final_report(self):
        pass

    @transition(field=state, source=State.ARCHIVING, target=State.ARCHIVED)
    def archive(self):
        pass


class ProjectStep(models.Model):
    """The record of one of the eight steps: when it began, fell due, was done."""

    project = models.ForeignKey(
        PreventionProject,
        verbose_name=_("prevention project"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
    step = models.PositiveSmallIntegerField(
        _("step of the project"), choices=Step.choices
    )
    started_at = models.DateTimeField(_("started at"))
    due_at = models.DateTimeField(_("step due"))
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("completed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("project step")
        verbose_name_plural = _("project steps")
        ordering = ["project", "step"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "step"], name="prevention_step_once_per_project"
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True)
                | Q(completed_at__gte=models.F("started_at")),
                name="prevention_step_completed_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.project.number} {self.get_step_display()}"

    @property
    def is_done(self):
        return self.completed_at is not None

    @property
    def on_time(self):
        return self.completed_at is not None and self.completed_at <= self.due_at


class CaseSelection(TimeStampedModel):
    """Step 1: the source case and why it is representative (four criteria)."""

    project = models.OneToOneField(
        PreventionProject,
        verbose_name=_("prevention project"),
        on_delete=models.CASCADE,
        related_name="selection",
    )
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

    class Meta:
        verbose_name = _("case selection")
        verbose_name_plural = _("case selections")
        ordering = ["project"]

    def __str__(self):
        return f"{self.source_case_number} {self.source_case_name}"

    CRITERIA = (
        "criterion_widespread",
        "criterion_loopholes",
        "criterion_typical",
        "criterion_unit_willing",
    )
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


class ApprovalForm(TimeStampedModel):
    """Step 2: 个案预防立项审批表 — case facts, reasons and the work plan."""

    project = models.OneToOneField(
        PreventionProject,
        verbose_name=_("prevention project"),
        on_delete=models.CASCADE,
        related_name="approval_form",
    )
    case_facts = models.TextField(_("basic facts of the case"))
    reasons = models.TextField(_("reasons for the project"))
    work_plan = models.TextField(_("work plan"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("approval form")
        verbose_name_plural = _("approval forms")
        ordering = ["project"]

    def __str__(self):
        return str(self.project)


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

    project = models.ForeignKey(
        PreventionProject,
        verbose_name=_("prevention project"),
        on_delete=models.CASCADE,
        related_name="approvals",
    )
    document = models.CharField(_("document"), max_length=30, choices=Document.choices)
    level = models.CharField(_("level"), max_length=30, choices=Level.choices)
    decision = models.CharField(
        pgettext_lazy("prevention", "decision"), max_length=10, choices=Decision.choices
    )
    opinion = models.TextField(pgettext_lazy("prevention", "opinion"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
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


class AnalysisReport(TimeStampedModel):
    """Step 3: 个案分析报告 — facts, motive, method and the unit's loopholes."""

    project = models.OneToOneField(
        PreventionProject,
        verbose_name=_("prevention project"),
        on_delete=models.CASCADE,
        related_name="analysis",
    )
    facts = models.TextField(_("basic facts of the offence"))
    motive = models.TextField(_("psychology and motive"))
    method = models.TextField(_("method of the offence"))
    loopholes = models.TextField(
        _("loopholes in the unit's rules, mechanisms and internal supervision")
    )

    class Meta:
        verbose_name = _("case analysis report")
        verbose_name_plural = _("case analysis reports")
        ordering = ["project"]

    def __str__(self):
        return str(self.project)


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

    project = models.ForeignKey(
        PreventionProject,
        verbose_name=_("prevention project"),
        on_delete=models.CASCADE,
        related_name="materials",
    )
    step = models.PositiveSmallIntegerField(
        _("step of the project"), choices=Step.choices
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to="prevention/materials/%Y/%m/",
        validators=[bindable_file],
        help_text=_("A scan as PDF, JPG or PNG: it is bound into the case file."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["project", "step", "created_at", "id"]

    def __str__(self):
        return self.title


class Symposium(TimeStampedModel):
    """Step 4: the symposium with the affected unit."""

    project = models.OneToOneField(
        PreventionProject,
        verbose_name=_("prevention project"),
        on_delete=models.CASCADE,
        related_name="symposium",
    )
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=120)
    attendees = models.TextField(_("attendees"))
    minutes = models.TextField(pgettext_lazy("prevention", "minutes"))
    agreements = models.TextField(_("agreements reached"))

    class Meta:
        verbose_name = _("symposium")
        verbose_name_plural = _("symposia")
        ordering = ["project"]

    def __str__(self):
        return f"{self.project.number} {self.held_on}"


class SuggestionLetter(TimeStampedModel):
    """Step 5: 检察建议书, approved by the procurator-general, delivered in person."""

    project = models.OneToOneField(
        PreventionProject,
        verbose_name=_("prevention project"),
        on_delete=models.CASCADE,
        related_name="suggestion_letter",
    )
    addressee = models.CharField(_("addressee"), max_length=120)
    problems = models.TextField(_("problems found"))
    number = models.CharField(
        _("number of the suggestion letter"), max_length=60, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    delivered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delivered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recipient = models.CharField(
        _("recipient (name and position)"), max_length=120, blank=True
    )
    receipt = models.FileField(
        _("signed receipt"),
        upload_to="prevention/receipts/%Y/",
        blank=True,
        validators=[bindable_file],
        help_text=_("The scan of the receipt signed by the recipient (PDF, JPG, PNG)."),
    )
    delivery_notes = models.TextField(
        _("what was said when the letter was read out"), blank=True
    )

    class Meta:
        verbose_name = _("suggestion letter")
        verbose_name_plural = _("suggestion letters")
        ordering = ["project"]
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


class PreventionActivity(TimeStampedModel):
    """Step 6: one activity carried out with the affected unit."""

    class Kind(models.TextChoices):
        MOBILISATION = "mobilisation", _("Mobilisation meeting")
        LEADING_GROUP = "leading_group", _("Prevention leading group set up")
        LECTURE = "lecture", _("Prevention lecture")
        RISK_CHECK = "risk_check", _("Check of risk points in posts")
        WARNING_EDUCATION = "warning_education", _("Warning education")
        OTHER = "other", _("Other")

    project = models.ForeignKey(
        PreventionProject,
        verbose_name=_("prevention project"),
        on_delete=models.CASCADE,
        related_name="activities",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what was done"))
    participants = models.PositiveIntegerField(
        pgettext_lazy("prevention", "participants"), default=0
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("activity recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("prevention activity")
        verbose_name_plural = _("prevention activities")
        ordering = ["project", "held_on", "id"]

    def __str__(self):
        return self.title


class ReturnVisit(TimeStampedModel):
    """Step 7: the return visit (回访) and what it found."""

    class Method(models.TextChoices):
        SYMPOSIUM = "symposium", _("Symposium")
        FIELD_VISIT = "field_visit", _("Field visit")
        QUESTIONNAIRE = "questionnaire", _("Questionnaire")
        DOCUMENTS = "documents", _("Review of written records")

    project = models.OneToOneField(
        PreventionProject,
        verbose_name=_("prevention project"),
        on_delete=models.CASCADE,
        related_name="return_visit",
    )
    visited_on = models.DateField(_("date of the visit"))
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    findings = models.TextField(_("findings on the rectification"))
    risk_assessment = models.TextField(_("assessment of the remaining risk"))

    class Meta:
        verbose_name = _("return visit")
        verbose_name_plural = _("return visits")
        ordering = ["project"]

    def __str__(self):
        return f"{self.project.number} {self.visited_on}"


class FinalReport(TimeStampedModel):
    """Step 8: 个案预防终结报告, reported to the unit's authority and the upper body."""

    project = models.OneToOneField(
        PreventionProject,
        verbose_name=_("prevention project"),
        on_delete=models.CASCADE,
        related_name="final_report",
    )
    summary = models.TextField(_("summary of the project"))
    effect = models.TextField(_("effect of the prevention work"))
    reported_to_authority_on = models.DateField(
        _("reported to the competent authority on"), null=True, blank=True
    )
    filed_with_upper_on = models.DateField(
        _("filed with the upper procuratorate on"), null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("final report")
        verbose_name_plural = _("final reports")
        ordering = ["project"]

    def __str__(self):
        return str(self.project)
