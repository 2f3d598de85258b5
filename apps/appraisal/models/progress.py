"""Special tasks, progress at checkpoints, leaders' comments, qualitative grades."""

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.fields import procuratorate_field, user_field
from apps.core.models import TimeStampedModel
from apps.core.uploads import RandomPath
from apps.core.workflow import step

from .base import (
    DetailPage,
    amount_field,
    cycle_field,
    cycle_open_guard,
    department_field,
    percent_field,
    points_field,
    status_field,
    stays,
)
from .cycles import Checkpoint
from .targets import Target


class SpecialTask(DetailPage, TimeStampedModel):
    """Work added during the cycle (专项工作) that earns credit once approved."""

    detail_url = "appraisal:special_task_detail"

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Awaiting leadership approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    procuratorate = procuratorate_field()
    cycle = cycle_field("special_tasks")
    department = department_field("appraisal_special_tasks")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    origin = models.CharField(
        _("assigned by"),
        max_length=120,
        help_text=_("E.g. the upper procuratorate, the local party committee."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("planned end date"))
    requested_points = points_field(_("requested credit (points)"))
    credit_points = points_field(_("approved credit (points)"), null=True, blank=True)
    participants = models.ManyToManyField(
        "core.Staff",
        verbose_name=_("participants"),
        blank=True,
        related_name="appraisal_special_tasks",
    )
    status = status_field(Status, Status.PROPOSED)
    proposed_by = user_field(_("proposed by"))
    decided_by = user_field(_("decided by"), optional=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("special task")
        verbose_name_plural = _("special tasks")
        ordering = ["cycle", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="appraisal_special_task_dates",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(credit_points__isnull=False),
                name="appraisal_special_task_credit_when_approved",
            ),
        ]
        triggers = [cycle_open_guard("appraisal_specialtask")]

    def __str__(self):
        return self.title

    @step(
        Status.PROPOSED,
        Status.APPROVED,
        "appraisal.decide_special_task",
        field="status",
    )
    def approve(self):
        """Leadership accepts the task and sets its credit."""

    @step(
        Status.PROPOSED,
        Status.REJECTED,
        "appraisal.decide_special_task",
        field="status",
    )
    def reject(self):
        """Leadership declines to credit the task."""

    @stays(
        status,
        Status.APPROVED,
        "appraisal.report_special_task",
        lambda task: not task.cycle.results_approved,
    )
    def report(self):
        """The department reports how far the approved task has come."""


class ProgressReport(DetailPage, TimeStampedModel):
    """What a target (or special task) reached by a checkpoint, with evidence."""

    detail_url = "appraisal:report_detail"

    procuratorate = procuratorate_field()
    cycle = cycle_field()
    checkpoint = models.ForeignKey(
        Checkpoint,
        verbose_name=_("checkpoint"),
        on_delete=models.CASCADE,
        related_name="reports",
    )
    target = models.ForeignKey(
        Target,
        verbose_name=_("target"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
    )
    special_task = models.ForeignKey(
        SpecialTask,
        verbose_name=_("special task"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
    )
    department = department_field()
    actual_value = amount_field(_("actual value"))
    numerator = amount_field(_("numerator"))
    denominator = amount_field(_("denominator"))
    grade = models.CharField(_("self-assessed grade"), max_length=20, blank=True)
    percent_complete = percent_field(_("completion (%)"), null=True, blank=True)
    plan_value = amount_field(_("planned value"))
    is_behind = models.BooleanField(_("behind plan"), default=False)
    evidence = models.TextField(_("evidence"))
    evidence_file = models.FileField(
        _("evidence file"),
        upload_to=RandomPath("appraisal/evidence/{instance.procuratorate_id}"),
        blank=True,
    )
    evidence_name = models.CharField(
        _("evidence file name"), max_length=255, blank=True
    )
    reported_by = user_field(_("reported by"))
    remedy = models.TextField(_("remedial measures"), blank=True)
    remedied_by = user_field(_("measures by"), optional=True)
    remedied_at = models.DateTimeField(_("measures at"), null=True, blank=True)

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["checkpoint__due_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target__isnull=False, special_task__isnull=True)
                | Q(target__isnull=True, special_task__isnull=False),
                name="appraisal_report_one_subject",
            ),
            models.UniqueConstraint(
                fields=["target", "checkpoint"],
                condition=Q(target__isnull=False),
                name="appraisal_report_target_once",
            ),
            models.UniqueConstraint(
                fields=["special_task", "checkpoint"],
                condition=Q(special_task__isnull=False),
                name="appraisal_report_task_once",
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
                name="appraisal_report_denominator_positive",
            ),
        ]
        triggers = [cycle_open_guard("appraisal_progressreport")]

    def __str__(self):
        return f"{self.subject} · {self.checkpoint.name}"

    @property
    def rate(self):
        """A rate target's reported value in percent (numerator ÷ denominator)."""
        if self.numerator is None or not self.denominator:
            return None
        return (self.numerator * 100 / self.denominator).quantize(Decimal("0.01"))

    @property
    def subject(self):
        return self.target if self.target_id else self.special_task


class ProgressComment(TimeStampedModel):
    """A leader's comment on a progress report (the deputy's board)."""

    procuratorate = procuratorate_field()
    cycle = cycle_field()
    report = models.ForeignKey(
        ProgressReport,
        verbose_name=_("progress report"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    author = user_field(pgettext_lazy("appraisal", "author"))
    text = models.TextField(pgettext_lazy("appraisal", "comment"))

    class Meta:
        verbose_name = _("progress comment")
        verbose_name_plural = _("progress comments")
        ordering = ["created_at"]
        triggers = [cycle_open_guard("appraisal_progresscomment")]

    def __str__(self):
        return self.text[:40]


class QualitativeGrade(TimeStampedModel):
    """One reviewer's grade for a qualitative target; the target scores their mean."""

    procuratorate = procuratorate_field()
    cycle = cycle_field()
    target = models.ForeignKey(
        Target,
        verbose_name=_("target"),
        on_delete=models.CASCADE,
        related_name="grades",
    )
    reviewer = user_field(_("reviewer"))
    grade = models.CharField(_("grade"), max_length=20)
    points = percent_field(pgettext_lazy("appraisal", "points"))
    comment = models.TextField(pgettext_lazy("appraisal", "comment"), blank=True)

    class Meta:
        verbose_name = _("qualitative grade")
        verbose_name_plural = _("qualitative grades")
        ordering = ["target", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "reviewer"], name="appraisal_grade_once_per_reviewer"
            ),
        ]
        triggers = [cycle_open_guard("appraisal_qualitativegrade")]

    def __str__(self):
        return f"{self.target} · {self.grade}"
