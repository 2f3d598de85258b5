"""The project and its eight steps: the order, the states, each step's record.

The state graph lives here, in the transitions, with who may take each one
(``permission=``, a rule of ``rules.py``). Services ask a transition whether
it may proceed now (``apps.core.actions.transition_check``); pages offer the
transitions a user may take.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField

from apps.core.fields import user_field
from apps.core.models import TimeStampedModel
from apps.core.uploads import RandomPath
from apps.core.workflow import step


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


# States in which the project waits for someone other than the team, and
# the step they belong to.
WAITING_STATES = {
    State.APPROVAL_HEAD: Step.APPROVAL,
    State.APPROVAL_PG: Step.APPROVAL,
    State.SUGGESTION_PG: Step.SUGGESTION,
    State.ARCHIVING: Step.FINAL_REPORT,
}

# The permissions (rules.py) the transitions carry.
EDIT = "prevention.edit_project"
APPROVE_AS_HEAD = "prevention.approve_as_head"
APPROVE_AS_PG = "prevention.approve_as_pg"


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
    archived_by = user_field(_("archived by"), null=True, blank=True)
    case_file = models.FileField(
        _("case file"),
        upload_to=RandomPath("prevention/case_files/{instance.procuratorate_id}"),
        blank=True,
    )
    case_file_bound_at = models.DateTimeField(
        _("case file bound at"), null=True, blank=True
    )

    # What the handler writes (the form's fields, the service's whitelist).
    FIELDS = ["title", "affected_unit", "affected_unit_authority"]

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

    @property
    def waiting_step(self):
        """The step that waits for someone other than the team, or None."""
        return WAITING_STATES.get(self.state)

    # The order of the eight steps and who may take each, declared once.
    # Saving a step's document is allowed while its finishing transition is.
    @step(State.SELECTION, State.APPROVAL_DRAFT, EDIT)
    def complete_selection(self):
        pass

    @step(State.APPROVAL_DRAFT, State.APPROVAL_HEAD, EDIT)
    def submit_approval(self):
        pass

    @step(State.APPROVAL_HEAD, State.APPROVAL_PG, APPROVE_AS_HEAD)
    def approve_by_head(self):
        pass

    @step(State.APPROVAL_HEAD, State.APPROVAL_DRAFT, APPROVE_AS_HEAD)
    def return_by_head(self):
        pass

    @step(State.APPROVAL_PG, State.ANALYSIS, APPROVE_AS_PG)
    def approve_by_pg(self):
        pass

    @step(State.APPROVAL_PG, State.APPROVAL_DRAFT, APPROVE_AS_PG)
    def return_by_pg(self):
        pass

    @step(State.ANALYSIS, State.SYMPOSIUM, EDIT)
    def complete_analysis(self):
        pass

    @step(State.SYMPOSIUM, State.SUGGESTION_DRAFT, EDIT)
    def complete_symposium(self):
        pass

    @step(State.SUGGESTION_DRAFT, State.SUGGESTION_PG, EDIT)
    def submit_suggestion(self):
        pass

    @step(State.SUGGESTION_PG, State.DELIVERY, APPROVE_AS_PG)
    def approve_suggestion(self):
        pass

    @step(State.SUGGESTION_PG, State.SUGGESTION_DRAFT, APPROVE_AS_PG)
    def return_suggestion(self):
        pass

    @step(State.DELIVERY, State.ACTIVITIES, EDIT)
    def record_delivery(self):
        pass

    @step(State.ACTIVITIES, State.RETURN_VISIT, EDIT)
    def complete_activities(self):
        pass

    @step(State.RETURN_VISIT, State.FINAL_REPORT, EDIT)
    def complete_return_visit(self):
        pass

    @step(State.FINAL_REPORT, State.ARCHIVING, EDIT)
    def submit_final_report(self):
        pass

    @step(State.ARCHIVING, State.ARCHIVED, "prevention.archive_project")
    def archive(self):
        pass


def project_field(related_name, *, one=True):
    """The project a record belongs to: its one document of a kind, or (with
    ``one=False``) one of many records of a kind."""
    field = models.OneToOneField if one else models.ForeignKey
    return field(
        PreventionProject,
        verbose_name=_("prevention project"),
        on_delete=models.CASCADE,
        related_name=related_name,
    )


class StepDocument(TimeStampedModel):
    """The one document a step writes; subclasses declare its ``project_field``."""

    class Meta:
        abstract = True
        ordering = ["project"]

    def __str__(self):
        return str(self.project)


class ProjectStep(models.Model):
    """The record of one of the eight steps: when it began, fell due, was done."""

    project = project_field("steps", one=False)
    step = models.PositiveSmallIntegerField(
        _("step of the project"), choices=Step.choices
    )
    started_at = models.DateTimeField(_("started at"))
    due_at = models.DateTimeField(_("step due"))
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = user_field(_("completed by"), null=True, blank=True)

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
