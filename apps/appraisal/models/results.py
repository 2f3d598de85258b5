"""Score runs and their write-once results: target scores, results, lines."""

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, transition

from apps.core.models import TimeStampedModel

from .base import cycle_open_guard, percent_field
from .cycles import Cycle
from .targets import Target


class ScoreRun(TimeStampedModel):
    """One computation of a cycle's scores; approving it freezes the results."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        COMPUTED = "computed", _("Computed, awaiting approval")
        FAILED = "failed", _("Failed")
        SUPERSEDED = "superseded", _("Superseded")
        APPROVED = "approved", _("Approved (frozen)")

    procuratorate = models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="runs"
    )
    status = FSMField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.QUEUED,
        protected=False,
    )
    rules = models.JSONField(_("scoring rules used"), default=dict)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("appraisal", "approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
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

    def get_absolute_url(self):
        return reverse("appraisal:run_detail", args=[self.pk])

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

    @transition(
        field=status,
        source=Status.COMPUTED,
        target=Status.APPROVED,
        permission="appraisal.approve_results",
    )
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
    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="+"
    )
    target = models.ForeignKey(
        Target, verbose_name=_("target"), on_delete=models.PROTECT, related_name="+"
    )
    actual = models.DecimalField(
        _("actual"), max_digits=14, decimal_places=2, null=True, blank=True
    )
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


class DepartmentResult(models.Model):
    """A department's result in a run, before and after normalisation."""

    procuratorate = models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    run = models.ForeignKey(
        ScoreRun,
        verbose_name=_("run"),
        on_delete=models.PROTECT,
        related_name="department_results",
    )
    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    group = models.CharField(_("comparable group"), max_length=20)
    target_score = models.DecimalField(
        _("target score"), max_digits=7, decimal_places=2
    )
    special_credit = models.DecimalField(
        _("special task credit"), max_digits=7, decimal_places=2
    )
    total = models.DecimalField(_("total"), max_digits=7, decimal_places=2)
    normalised = models.DecimalField(
        _("normalised score"), max_digits=7, decimal_places=2
    )
    rank = models.PositiveSmallIntegerField(_("rank in group"))
    group_size = models.PositiveSmallIntegerField(_("group size"))
    award_candidate = models.BooleanField(_("award candidate"), default=False)
    detail = models.JSONField(_("how it was computed"), default=dict)

    class Meta:
        verbose_name = _("department result")
        verbose_name_plural = _("department results")
        ordering = ["run", "group", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "department"], name="appraisal_dept_result_unique"
            ),
        ]
        triggers = write_once("appraisal_departmentresult")

    def __str__(self):
        return f"{self.department}: {self.normalised}"

    def get_absolute_url(self):
        return reverse("appraisal:department_result", args=[self.pk])


class IndividualResult(models.Model):
    """A staff member's result: own targets, special tasks, the department's share."""

    procuratorate = models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    run = models.ForeignKey(
        ScoreRun,
        verbose_name=_("run"),
        on_delete=models.PROTECT,
        related_name="individual_results",
    )
    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="+"
    )
    staff = models.ForeignKey(
        "core.Staff",
        verbose_name=_("staff member"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
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
    group = models.CharField(_("comparable group"), max_length=20)
    target_score = models.DecimalField(
        _("target score"), max_digits=7, decimal_places=2
    )
    special_credit = models.DecimalField(
        _("special task credit"), max_digits=7, decimal_places=2
    )
    department_score = models.DecimalField(
        _("department score"), max_digits=7, decimal_places=2
    )
    department_share = percent_field(_("department share (%)"))
    total = models.DecimalField(_("total"), max_digits=7, decimal_places=2)
    normalised = models.DecimalField(
        _("normalised score"), max_digits=7, decimal_places=2
    )
    rank = models.PositiveSmallIntegerField(_("rank in group"))
    group_size = models.PositiveSmallIntegerField(_("group size"))
    award_candidate = models.BooleanField(_("award candidate"), default=False)
    detail = models.JSONField(_("how it was computed"), default=dict)

    class Meta:
        verbose_name = _("individual result")
        verbose_name_plural = _("individual results")
        ordering = ["run", "group", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "staff"], name="appraisal_individual_result_unique"
            ),
        ]
        triggers = write_once("appraisal_individualresult")

    def __str__(self):
        return f"{self.staff}: {self.normalised}"

    def get_absolute_url(self):
        return reverse("appraisal:individual_result", args=[self.pk])


class ScoreLine(models.Model):
    """One target's contribution to one department's or one person's score."""

    run = models.ForeignKey(
        ScoreRun, verbose_name=_("run"), on_delete=models.PROTECT, related_name="+"
    )
    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="+"
    )
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
    weight_fraction = models.DecimalField(
        _("share of the score (%)"), max_digits=7, decimal_places=2
    )
    contribution = models.DecimalField(
        _("contribution (points)"), max_digits=7, decimal_places=2
    )

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
