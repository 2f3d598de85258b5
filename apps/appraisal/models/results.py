"""Score runs and their write-once results: target scores, results, lines."""

import pgtrigger
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import transition

from apps.core.fields import procuratorate_field, user_field
from apps.core.models import TimeStampedModel
from apps.core.workflow import step

from .base import (
    DetailPage,
    amount_field,
    cycle_field,
    cycle_open_guard,
    department_field,
    percent_field,
    score_field,
    status_field,
)
from .targets import Target


class ScoreRun(DetailPage, TimeStampedModel):
    """One computation of a cycle's scores; approving it freezes the results."""

    detail_url = "appraisal:run_detail"

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        COMPUTED = "computed", _("Computed, awaiting approval")
        FAILED = "failed", _("Failed")
        SUPERSEDED = "superseded", _("Superseded")
        APPROVED = "approved", _("Approved (frozen)")

    procuratorate = procuratorate_field()
    cycle = cycle_field("runs")
    status = status_field(Status, Status.QUEUED, max_length=12)
    rules = models.JSONField(_("scoring rules used"), default=dict)
    requested_by = user_field(_("requested by"))
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    approved_by = user_field(pgettext_lazy("appraisal", "approved by"), optional=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    decision_reference = models.CharField(
        _("party group decision"), max_length=120, blank=True
    )

    class Meta:
        verbose_name = _("score run")
        verbose_name_plural = _("score runs")
        ordering = ["cycle", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle"],
                condition=Q(status="approved"),
                name="appraisal_run_one_approved",
            ),
        ]
        triggers = [
            cycle_open_guard("appraisal_scorerun"),
            pgtrigger.Protect(
                name="appraisal_scorerun_approved_frozen",
                operation=pgtrigger.Update | pgtrigger.Delete,
                condition=pgtrigger.Q(old__status="approved"),
            ),
        ]

    def __str__(self):
        return f"{self.cycle} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_finished(self):
        return self.status != self.Status.QUEUED

    @transition(field=status, source=Status.QUEUED, target=Status.COMPUTED)
    def finish(self):
        """The task has written every score."""

    @transition(field=status, source=Status.QUEUED, target=Status.FAILED)
    def fail(self):
        """The task could not compute; `error` says why."""

    @transition(
        field=status, source=[Status.QUEUED, Status.COMPUTED], target=Status.SUPERSEDED
    )
    def supersede(self):
        """A newer run replaces this one."""

    @step(Status.COMPUTED, Status.APPROVED, "appraisal.approve_results", field="status")
    def approve(self):
        """Leadership approves: the results freeze."""


def write_once(table):
    """Result rows are written once by the computation and never changed.

    The database refuses UPDATE and DELETE on them; a recomputation writes a
    new run, and approving a run freezes the run row itself.
    """
    return [
        pgtrigger.Protect(
            name=f"{table}_write_once",
            operation=pgtrigger.Update | pgtrigger.Delete,
        ),
        cycle_open_guard(table),
    ]


class TargetScore(models.Model):
    """One target's achievement in a run, with the numbers it came from."""

    run = models.ForeignKey(
        ScoreRun, verbose_name=_("run"), on_delete=models.PROTECT, related_name="+"
    )
    cycle = cycle_field(on_delete=models.PROTECT)
    target = models.ForeignKey(
        Target, verbose_name=_("target"), on_delete=models.PROTECT, related_name="+"
    )
    actual = amount_field(_("actual"))
    ratio = models.DecimalField(
        _("completion ratio (%)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    achievement = models.DecimalField(
        _("achievement (%)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    exempt = models.BooleanField(_("exempted"), default=False)
    detail = models.JSONField(_("how it was computed"), default=dict)

    class Meta:
        verbose_name = _("target score")
        verbose_name_plural = _("target scores")
        ordering = ["run", "target"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "target"], name="appraisal_target_score_unique"
            ),
        ]
        triggers = write_once("appraisal_targetscore")

    def __str__(self):
        return f"{self.target}: {self.achievement}"


class RankedResult(models.Model):
    """What a department's and a staff member's result have in common: the
    score, its normalisation within the comparable group, the rank."""

    procuratorate = procuratorate_field()
    cycle = cycle_field(on_delete=models.PROTECT)
    department = department_field()
    group = models.CharField(_("comparable group"), max_length=20)
    target_score = score_field(_("target score"))
    special_credit = score_field(_("special task credit"))
    total = score_field(_("total"))
    normalised = score_field(_("normalised score"))
    rank = models.PositiveSmallIntegerField(_("rank in group"))
    group_size = models.PositiveSmallIntegerField(_("group size"))
    award_candidate = models.BooleanField(_("award candidate"), default=False)
    detail = models.JSONField(_("how it was computed"), default=dict)

    class Meta:
        abstract = True
        ordering = ["run", "group", "rank"]


class DepartmentResult(DetailPage, RankedResult):
    """A department's result in a run, before and after normalisation."""

    detail_url = "appraisal:department_result"

    run = models.ForeignKey(
        ScoreRun,
        verbose_name=_("run"),
        on_delete=models.PROTECT,
        related_name="department_results",
    )

    class Meta(RankedResult.Meta):
        verbose_name = _("department result")
        verbose_name_plural = _("department results")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "department"], name="appraisal_dept_result_unique"
            ),
        ]
        triggers = write_once("appraisal_departmentresult")

    def __str__(self):
        return f"{self.department}: {self.normalised}"


class IndividualResult(DetailPage, RankedResult):
    """A staff member's result: own targets, special tasks, the department's share."""

    detail_url = "appraisal:individual_result"

    run = models.ForeignKey(
        ScoreRun,
        verbose_name=_("run"),
        on_delete=models.PROTECT,
        related_name="individual_results",
    )
    staff = models.ForeignKey(
        "core.Staff",
        verbose_name=_("staff member"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    department_result = models.ForeignKey(
        DepartmentResult,
        verbose_name=_("department result"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    department_score = score_field(_("department score"))
    department_share = percent_field(_("department share (%)"))

    class Meta(RankedResult.Meta):
        verbose_name = _("individual result")
        verbose_name_plural = _("individual results")
        constraints = [
            models.UniqueConstraint(
                fields=["run", "staff"], name="appraisal_individual_result_unique"
            ),
        ]
        triggers = write_once("appraisal_individualresult")

    def __str__(self):
        return f"{self.staff}: {self.normalised}"


class ScoreLine(models.Model):
    """One target's contribution to one department's or one person's score."""

    run = models.ForeignKey(
        ScoreRun, verbose_name=_("run"), on_delete=models.PROTECT, related_name="+"
    )
    cycle = cycle_field(on_delete=models.PROTECT)
    department_result = models.ForeignKey(
        DepartmentResult,
        verbose_name=_("department result"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lines",
    )
    individual_result = models.ForeignKey(
        IndividualResult,
        verbose_name=_("individual result"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lines",
    )
    target_score = models.ForeignKey(
        TargetScore,
        verbose_name=_("target score"),
        on_delete=models.PROTECT,
        related_name="lines",
    )
    share = percent_field(_("credit share (%)"))
    effective_weight = models.DecimalField(
        _("effective weight"), max_digits=9, decimal_places=4
    )
    weight_fraction = score_field(_("share of the score (%)"))
    contribution = score_field(_("contribution (points)"))

    class Meta:
        verbose_name = _("score line")
        verbose_name_plural = _("score lines")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(department_result__isnull=False, individual_result=None)
                | Q(department_result=None, individual_result__isnull=False),
                name="appraisal_line_one_owner",
            ),
        ]
        triggers = write_once("appraisal_scoreline")

    def __str__(self):
        return f"{self.target_score.target}: {self.contribution}"
