"""The target tree, its setting chain (department plans) and credit shares."""

from decimal import Decimal

import pgtrigger
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from apps.core.fields import procuratorate_field, user_field
from apps.core.models import TimeStampedModel
from apps.core.workflow import step

from .base import (
    DetailPage,
    Measure,
    Nature,
    RateDefinition,
    amount_field,
    cycle_field,
    cycle_open_guard,
    department_field,
    percent_field,
    status_field,
    stays,
    validate_grade_scale,
)
from .cycles import Indicator


def _cycle_open(obj):
    return not obj.cycle.is_closed


class DepartmentPlan(DetailPage, TimeStampedModel):
    """One department's targets for one cycle, moving through the setting chain.

    The department proposes, the appraisal office reviews, the office submits
    the reviewed plans to the party group, and the party group approves (审定);
    the procurator-general records that decision as party-group secretary.
    """

    detail_url = "appraisal:plan_detail"

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being drafted")
        PROPOSED = "proposed", _("Proposed, awaiting review")
        REVIEWED = "reviewed", _("Reviewed by the appraisal office")
        SUBMITTED = "submitted", _("Submitted to the party group")
        APPROVED = "approved", _("Approved by the party group")

    procuratorate = procuratorate_field()
    cycle = cycle_field("plans")
    department = department_field("appraisal_plans")
    status = status_field(Status, Status.DRAFT)
    return_reason = models.TextField(_("reason for return"), blank=True)
    proposed_by = user_field(_("proposed by"), optional=True)
    proposed_at = models.DateTimeField(_("proposed at"), null=True, blank=True)
    reviewed_by = user_field(_("reviewed by"), optional=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    approved_by = user_field(_("recorded by"), optional=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    decision_reference = models.CharField(
        _("party group decision"), max_length=120, blank=True
    )
    individual_issued_at = models.DateTimeField(
        _("individual targets issued at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("department plan")
        verbose_name_plural = _("department plans")
        ordering = ["cycle", "department__sort_order", "department__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "department"], name="appraisal_plan_unique"
            ),
        ]
        triggers = [cycle_open_guard("appraisal_departmentplan")]

    def __str__(self):
        return f"{self.cycle} · {self.department}"

    @step(
        Status.DRAFT,
        Status.PROPOSED,
        "appraisal.propose_plan",
        field="status",
        conditions=[_cycle_open],
    )
    def propose(self):
        """The department hands its targets to the appraisal office."""

    @step(
        Status.PROPOSED,
        Status.REVIEWED,
        "appraisal.review_plan",
        field="status",
        conditions=[_cycle_open],
    )
    def review(self):
        """The appraisal office accepts the proposal."""

    @step(
        Status.PROPOSED,
        Status.DRAFT,
        "appraisal.review_plan",
        field="status",
        conditions=[_cycle_open],
    )
    def send_back(self):
        """The office returns the proposal with a reason."""

    @step(
        Status.SUBMITTED,
        Status.DRAFT,
        "appraisal.approve_plans",
        field="status",
        conditions=[_cycle_open],
    )
    def send_back_from_party_group(self):
        """The party group does not approve: the plan goes back with a reason."""

    @transition(field=status, source=Status.REVIEWED, target=Status.SUBMITTED)
    def submit(self):
        """The office puts the reviewed plan before the party group."""

    @transition(field=status, source=Status.SUBMITTED, target=Status.APPROVED)
    def approve(self):
        """The party group approves (审定): the targets freeze."""

    # Steps that keep the plan where it is; the model says when each is open.
    @stays(status, Status.DRAFT, "appraisal.draft_plan", _cycle_open)
    def draft(self):
        """The department drafts its targets."""

    @stays(status, Status.PROPOSED, "appraisal.review_plan", _cycle_open)
    def correct(self):
        """The office corrects a proposal (e.g. the weights) before accepting it."""

    @stays(status, Status.APPROVED, "appraisal.set_individual_targets", _cycle_open)
    def set_staff_targets(self):
        """The head sets and issues the staff's targets."""


def _leaf_with_results_open(target):
    return target.level != Target.Level.PROCURATORATE and not (
        target.cycle.is_closed or target.cycle.results_approved
    )


def _gradable(target):
    return (
        target.measure == Measure.QUALITATIVE
        and not target.is_exempt
        and target.level != Target.Level.PROCURATORATE
        and not target.cycle.is_closed
    )


class Target(DetailPage, RateDefinition, TimeStampedModel):
    """A node of the target tree: procuratorate goal, department or individual target.

    Weights are shares of the parent: the goals of a cycle total 100, the
    department targets under one goal total 100, and the individual targets
    under one department target total 100 within each department. An approved
    target is frozen; only an approved adjustment (which raises `revision`)
    may change it, and the database refuses any other update.
    """

    detail_url = "appraisal:target_detail"

    class Level(models.TextChoices):
        PROCURATORATE = "procuratorate", _("Procuratorate goal")
        DEPARTMENT = "department", _("Department target")
        INDIVIDUAL = "individual", _("Individual target")

    class Tier(models.TextChoices):
        LEADERS = "leaders", _("Leaders")
        MIDDLE = "middle", _("Middle managers")
        STAFF = "staff", _("Staff")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved (frozen)")

    procuratorate = procuratorate_field()
    cycle = cycle_field("targets")
    plan = models.ForeignKey(
        DepartmentPlan,
        verbose_name=_("department plan"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="targets",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("decomposed from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    tier = models.CharField(_("tier"), max_length=10, choices=Tier.choices)
    code = models.CharField(_("number"), max_length=20, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appraisal_targets",
        help_text=_("For a shared target, the lead department."),
    )
    staff = models.ForeignKey(
        "core.Staff",
        verbose_name=_("staff member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appraisal_targets",
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="targets",
    )
    measure = models.CharField(
        _("measure"),
        max_length=20,
        choices=Measure.choices,
        default=Measure.QUANTITATIVE,
    )
    nature = models.CharField(
        _("nature"), max_length=10, choices=Nature.choices, default=Nature.OUTCOME
    )
    target_value = amount_field(_("target value"))
    grade_scale = models.JSONField(_("graded scale"), default=list, blank=True)
    weight = percent_field(_("weight"), default=Decimal("0"))
    status = status_field(Status, Status.DRAFT)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    is_exempt = models.BooleanField(_("exempted"), default=False)
    exemption_reason = models.TextField(_("exemption reason"), blank=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["cycle", "level", "code", "id"]
        indexes = [models.Index(fields=["cycle", "level", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        level="procuratorate",
                        parent__isnull=True,
                        department__isnull=True,
                        staff__isnull=True,
                        plan__isnull=True,
                    )
                    | Q(
                        level="department",
                        parent__isnull=False,
                        department__isnull=False,
                        staff__isnull=True,
                        plan__isnull=False,
                    )
                    | Q(
                        level="individual",
                        parent__isnull=False,
                        department__isnull=False,
                        staff__isnull=False,
                        plan__isnull=False,
                    )
                ),
                name="appraisal_target_level_shape",
            ),
            models.CheckConstraint(
                condition=Q(weight__gte=0) & Q(weight__lte=100),
                name="appraisal_target_weight_range",
            ),
            models.CheckConstraint(
                condition=Q(is_rate=False) | Q(measure="quantitative"),
                name="appraisal_target_rate_is_quantitative",
            ),
        ]
        triggers = [
            cycle_open_guard("appraisal_target"),
            # Frozen: an approved target changes only through an approved
            # adjustment, which raises the revision; it is never deleted.
            pgtrigger.Protect(
                name="appraisal_target_frozen_update",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(
                    old__status="approved", new__revision=pgtrigger.F("old__revision")
                ),
            ),
            pgtrigger.Protect(
                name="appraisal_target_frozen_delete",
                operation=pgtrigger.Delete,
                condition=pgtrigger.Q(old__status="approved"),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}".strip()

    @property
    def is_frozen(self):
        return self.status == self.Status.APPROVED

    @property
    def is_shared(self):
        shares = getattr(self, "_prefetched_objects_cache", {}).get("shares")
        if shares is not None:
            return len(shares) > 1
        return self.shares.count() > 1

    def grade_points(self, grade):
        """Return the points of `grade` on this target's scale, or None."""
        for row in self.grade_scale or []:
            if row.get("grade") == grade:
                return Decimal(str(row["points"]))
        return None

    def clean(self):
        errors = {}
        if self.level != self.Level.PROCURATORATE:
            if self.measure == Measure.QUANTITATIVE and self.target_value is None:
                errors["target_value"] = _("A quantitative target needs a value.")
            if self.measure == Measure.QUALITATIVE:
                try:
                    validate_grade_scale(self.grade_scale)
                except ValidationError as exc:
                    errors["grade_scale"] = exc.messages
        if self.is_rate and not (self.numerator_label and self.denominator_label):
            errors["numerator_label"] = _(
                "A rate needs its numerator and its denominator named."
            )
        if self.parent_id:
            expected = {
                self.Level.DEPARTMENT: self.Level.PROCURATORATE,
                self.Level.INDIVIDUAL: self.Level.DEPARTMENT,
            }.get(self.level)
            if self.parent.level != expected:
                errors["parent"] = _("The target decomposes the wrong kind of parent.")
            if self.parent.cycle_id != self.cycle_id:
                errors["parent"] = _("The parent belongs to another cycle.")
        if self.staff_id and self.staff.department_id != self.department_id:
            errors["staff"] = _("The staff member is not in this department.")
        if errors:
            raise ValidationError(errors)

    @transition(field=status, source=Status.DRAFT, target=Status.APPROVED)
    def approve(self):
        """Freeze the target."""

    @transition(field=status, source=Status.DRAFT, target=Status.DRAFT)
    def discard(self):
        """A draft may be deleted (who may depends on the level: see the service)."""

    @stays(
        status, Status.APPROVED, "appraisal.report_progress", _leaf_with_results_open
    )
    def report_progress(self):
        """Its department (or, for a staff target, its owner) reports progress."""

    @stays(
        status, Status.APPROVED, "appraisal.request_adjustment", _leaf_with_results_open
    )
    def request_adjustment(self):
        """Ask to change the frozen target, or to exempt it."""

    @stays(status, Status.APPROVED, "appraisal.grade_target", _gradable)
    def grade(self):
        """A reviewer grades an approved qualitative target."""


class TargetShare(TimeStampedModel):
    """A department's part in a target: the lead, or a cooperating department.

    Every department target has its lead's row; a shared target also has
    cooperating departments, and the shares of one target total 100.
    """

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead department")
        COOPERATING = "cooperating", _("Cooperating department")

    cycle = cycle_field()
    target = models.ForeignKey(
        Target,
        verbose_name=_("target"),
        on_delete=models.CASCADE,
        related_name="shares",
    )
    department = department_field("appraisal_shares")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices)
    share = percent_field(_("credit share (%)"))

    class Meta:
        verbose_name = _("target share")
        verbose_name_plural = _("target shares")
        ordering = ["target", "-role", "department__sort_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["target", "department"], name="appraisal_share_unique"
            ),
            models.UniqueConstraint(
                fields=["target"],
                condition=Q(role="lead"),
                name="appraisal_share_one_lead",
            ),
            models.CheckConstraint(
                condition=Q(share__gt=0) & Q(share__lte=100),
                name="appraisal_share_range",
            ),
        ]
        triggers = [cycle_open_guard("appraisal_targetshare")]

    def __str__(self):
        return f"{self.department} {self.share}%"
