"""Changing a frozen target: adjustments and exemptions."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.fields import procuratorate_field, user_field
from apps.core.models import TimeStampedModel
from apps.core.workflow import step

from .base import DetailPage, amount_field, cycle_field, cycle_open_guard, status_field
from .targets import Target


def _of_department_target(adjustment):
    return adjustment.target.level == Target.Level.DEPARTMENT


def _due_for_decision(adjustment):
    # A department target's change passes the office before the party group.
    return (
        not _of_department_target(adjustment)
        or adjustment.status == TargetAdjustment.Status.REVIEWED
    )


def _may_reject(adjustment, user):
    """The office refuses at review; whoever decides refuses at decision."""
    if _due_for_decision(adjustment):
        return user.has_perm("appraisal.decide_adjustment", adjustment)
    return user.has_perm("appraisal.review_adjustment", adjustment)


class TargetAdjustment(DetailPage, TimeStampedModel):
    """A change to a frozen target (目标调整), or an exemption, with its reason.

    Department targets go through the setting chain again (appraisal office
    review, party group approval); individual targets through the department
    head who set them. Approved adjustments are the target's history.
    """

    detail_url = "appraisal:adjustment_detail"

    class Kind(models.TextChoices):
        CHANGE = "change", _("Adjustment")
        EXEMPTION = "exemption", _("Exemption")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        REVIEWED = "reviewed", _("Reviewed by the appraisal office")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    procuratorate = procuratorate_field()
    cycle = cycle_field()
    target = models.ForeignKey(
        Target,
        verbose_name=_("target"),
        on_delete=models.CASCADE,
        related_name="adjustments",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = status_field(Status, Status.PROPOSED)
    reason = models.TextField(_("reason"))
    new_title = models.CharField(_("new title"), max_length=200, blank=True)
    new_description = models.TextField(_("new description"), blank=True)
    new_target_value = amount_field(_("new target value"))
    new_grade_scale = models.JSONField(_("new graded scale"), null=True, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    requested_by = user_field(_("requested by"))
    reviewed_by = user_field(_("reviewed by"), optional=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    decided_by = user_field(_("decided by"), optional=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("target adjustment")
        verbose_name_plural = _("target adjustments")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["target"],
                condition=Q(status__in=["proposed", "reviewed"]),
                name="appraisal_adjustment_one_open",
            ),
        ]
        triggers = [cycle_open_guard("appraisal_targetadjustment")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.target}"

    @property
    def is_open(self):
        return self.status in (self.Status.PROPOSED, self.Status.REVIEWED)

    @step(
        Status.PROPOSED,
        Status.REVIEWED,
        "appraisal.review_adjustment",
        field="status",
        conditions=[_of_department_target],
    )
    def review(self):
        """The appraisal office has checked the reason."""

    @step(
        [Status.PROPOSED, Status.REVIEWED],
        Status.APPROVED,
        "appraisal.decide_adjustment",
        field="status",
        conditions=[_due_for_decision],
    )
    def approve(self):
        """Apply the change (or the exemption) to the target."""

    @step(
        [Status.PROPOSED, Status.REVIEWED], Status.REJECTED, _may_reject, field="status"
    )
    def reject(self):
        """Refuse the change; the target stays as it was."""
