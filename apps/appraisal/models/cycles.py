"""Cycles, their checkpoints, and the indicator catalogue."""

from decimal import Decimal

import pgtrigger
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.fields import procuratorate_field, user_field
from apps.core.models import TimeStampedModel
from apps.core.workflow import step

from .base import (
    HUNDRED,
    DetailPage,
    Measure,
    RateDefinition,
    cycle_field,
    cycle_open_guard,
    default_grade_scale,
    percent_field,
    points_field,
    status_field,
    stays,
    validate_grade_scale,
)


def _results_open(cycle):
    return not cycle.results_approved


def _has_plans(status):
    def condition(cycle):
        return cycle.plans.filter(status=status).exists()

    condition.__name__ = f"has_{status}_plans"
    return condition


class Cycle(DetailPage, TimeStampedModel):
    """One appraisal cycle (考评周期), usually a year, with its scoring rules."""

    detail_url = "appraisal:cycle_detail"

    class Status(models.TextChoices):
        # A context keeps these apart from the to-dos' "Open" (待办).
        OPEN = "open", pgettext_lazy("appraisal cycle", "Open")
        CLOSED = "closed", pgettext_lazy("appraisal cycle", "Closed")

    class Curve(models.TextChoices):
        LINEAR = "linear", _("Linear: achievement equals the completion ratio")
        THRESHOLD = "threshold", _("Threshold: nothing below the floor, then linear")
        DIMINISHING = (
            "diminishing",
            _("Diminishing: beyond full completion only part of the excess counts"),
        )

    class Normalisation(models.TextChoices):
        RANK = "rank", _("Rank within the group")
        RATIO = "ratio", _("Ratio to the group mean")
        ZSCORE = "zscore", _("Z-score within the group")

    procuratorate = procuratorate_field("appraisal_cycles")
    name = models.CharField(_("name"), max_length=60)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = status_field(Status, Status.OPEN)
    behind_margin = percent_field(
        _("behind-plan margin (%)"),
        default=Decimal("10"),
        help_text=_(
            "A target whose reported value falls short of the plan by more than "
            "this percentage is flagged."
        ),
    )
    curve = models.CharField(
        _("achievement curve"),
        max_length=20,
        choices=Curve.choices,
        default=Curve.LINEAR,
    )
    floor_percent = percent_field(
        _("floor (%)"),
        default=Decimal("60"),
        help_text=_("Threshold curve: a completion below this scores nothing."),
    )
    excess_factor = models.DecimalField(
        _("share of the excess that counts"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("0.50"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    cap_percent = models.DecimalField(
        _("cap (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("120"),
        validators=[MinValueValidator(HUNDRED), MaxValueValidator(Decimal("200"))],
        help_text=_("No target's achievement counts above this."),
    )
    normalisation = models.CharField(
        _("normalisation within groups"),
        max_length=10,
        choices=Normalisation.choices,
        default=Normalisation.RATIO,
    )
    department_share = percent_field(
        _("department share of individual results (%)"),
        default=Decimal("30"),
    )
    special_task_cap = points_field(
        _("special task credit cap (points)"), default=Decimal("10")
    )
    award_departments = models.PositiveSmallIntegerField(
        _("award candidates per department group"), default=1
    )
    award_individual_percent = percent_field(
        _("award candidates per individual group (%)"), default=Decimal("15")
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = user_field(_("closed by"), optional=True)

    class Meta:
        verbose_name = _("appraisal cycle")
        verbose_name_plural = _("appraisal cycles")
        ordering = ["procuratorate", "-start_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "name"], name="appraisal_cycle_name_unique"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gt=models.F("start_date")),
                name="appraisal_cycle_dates_ordered",
            ),
        ]
        triggers = [
            # Once closed, a cycle never changes again, nor can it be deleted.
            pgtrigger.Protect(
                name="appraisal_cycle_closed_locked",
                operation=pgtrigger.Update | pgtrigger.Delete,
                condition=pgtrigger.Q(old__status="closed"),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_closed(self):
        return self.status == self.Status.CLOSED

    @property
    def results_approved(self):
        """Whether a run of the cycle is approved (its results are frozen)."""
        return self.runs.filter(status="approved").exists()

    # The office's steps on an open cycle. Those that do not move the cycle
    # leave it open; they are transitions so that the model alone says when
    # each may be taken, and pages offer only what may be taken now.
    @stays(status, Status.OPEN, "appraisal.manage_cycle", _results_open)
    def launch(self):
        """Ask the departments to propose their targets."""

    @stays(status, Status.OPEN, "appraisal.manage_cycle", _results_open)
    def set_goals(self):
        """Add or change the procuratorate goals."""

    @stays(status, Status.OPEN, "appraisal.manage_cycle")
    def open_reporting(self):
        """Ask the departments to report at a checkpoint."""

    @stays(status, Status.OPEN, "appraisal.submit_plans", _has_plans("reviewed"))
    def submit_plans(self):
        """Put the reviewed plans before the party group."""

    @stays(status, Status.OPEN, "appraisal.approve_plans", _has_plans("submitted"))
    def approve_plans(self):
        """Record the party group's approval of the submitted plans."""

    @stays(status, Status.OPEN, "appraisal.manage_cycle", _results_open)
    def open_grading(self):
        """Put the qualitative targets in the reviewers' to-dos."""

    @stays(status, Status.OPEN, "appraisal.compute_scores", _results_open)
    def compute(self):
        """Queue a computation of the scores."""

    @step(
        Status.OPEN,
        Status.CLOSED,
        "appraisal.manage_cycle",
        field="status",
        conditions=[lambda cycle: cycle.results_approved],
    )
    def close(self):
        """Lock the cycle once its results are approved: nothing changes after."""


class Checkpoint(TimeStampedModel):
    """A stage check within a cycle (e.g. a quarter) with its planned completion."""

    procuratorate = procuratorate_field()
    cycle = cycle_field("checkpoints")
    name = models.CharField(_("name"), max_length=40)
    due_date = models.DateField(_("report due"))
    plan_percent = percent_field(
        _("planned completion (%)"),
        help_text=_("Share of a yearly count target planned by this checkpoint."),
    )
    reporting_opened_at = models.DateTimeField(
        _("reporting opened at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("checkpoint")
        verbose_name_plural = _("checkpoints")
        ordering = ["cycle", "due_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "name"], name="appraisal_checkpoint_name_unique"
            ),
        ]
        triggers = [cycle_open_guard("appraisal_checkpoint")]

    def __str__(self):
        return f"{self.cycle} · {self.name}"


class Indicator(RateDefinition, TimeStampedModel):
    """How a target is measured (指标): reference data kept by the appraisal office."""

    procuratorate = procuratorate_field("appraisal_indicators")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=80)
    measure = models.CharField(_("measure"), max_length=20, choices=Measure.choices)
    is_rate = models.BooleanField(
        _("rate"),
        default=False,
        help_text=_("A rate is computed from a numerator and a denominator."),
    )
    partly_outside_control = models.BooleanField(
        _("partly outside the procuratorate's control"),
        default=False,
        help_text=_(
            "The base of this rate depends on the police or the courts; a miss may "
            "earn an exemption."
        ),
    )
    grade_scale = models.JSONField(
        _("graded scale"), default=default_grade_scale, blank=True
    )
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["procuratorate", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "code"], name="appraisal_indicator_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(is_rate=False) | Q(measure="quantitative"),
                name="appraisal_indicator_rate_is_quantitative",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.measure == Measure.QUALITATIVE:
            validate_grade_scale(self.grade_scale)
        if self.is_rate and not (self.numerator_label and self.denominator_label):
            raise ValidationError(
                _("A rate needs its numerator and its denominator named.")
            )
