"""Changing a frozen target: adjustments and exemptions, through the setting chain.

A department target's adjustment is requested by the lead department's head,
reviewed by the appraisal office and approved by the party group (recorded by
the procurator-general). A staff target's adjustment is requested by its owner
and approved by the department head who set it. An exemption (a target missed
for causes outside the procuratorate's control, e.g. a rate whose base the
police or the court decide) takes the same way; once approved the target is
left out of the score instead of counting as a zero.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import locked
from apps.todos.services import todo_close

from ..models import Measure, Target, TargetAdjustment, validate_grade_scale
from .common import (
    ask,
    audit_step,
    head_users,
    office_users,
    open_step,
    pg_users,
    save_step,
)

CHANGED_FIELDS = ["title", "description", "target_value", "grade_scale"]


def _results_open(cycle):
    if cycle.results_approved:
        raise ValidationError(_("The results are approved: targets no longer change."))


@transaction.atomic
def adjustment_request(
    *,
    actor,
    target,
    kind,
    reason,
    new_title="",
    new_description="",
    new_target_value=None,
    new_grade_scale=None,
):
    """Ask for a change (or an exemption) to an approved target, with the reason."""
    target = open_step(
        actor,
        target,
        "request_adjustment",
        frozen=_results_open,
        wrong_step=_("Only approved department and staff targets adjust."),
    )
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    if target.adjustments.filter(
        status__in=[TargetAdjustment.Status.PROPOSED, TargetAdjustment.Status.REVIEWED]
    ).exists():
        raise ValidationError(_("An adjustment of this target is already under way."))
    if kind == TargetAdjustment.Kind.EXEMPTION and target.is_exempt:
        raise ValidationError(_("The target is already exempted."))
    adjustment = TargetAdjustment(
        procuratorate_id=target.procuratorate_id,
        cycle_id=target.cycle_id,
        target=target,
        kind=kind,
        reason=reason,
        requested_by=actor,
    )
    if kind == TargetAdjustment.Kind.CHANGE:
        adjustment.new_title = new_title.strip()
        adjustment.new_description = new_description.strip()
        if target.measure == Measure.QUANTITATIVE:
            adjustment.new_target_value = new_target_value
        elif new_grade_scale:
            validate_grade_scale(new_grade_scale)
            adjustment.new_grade_scale = new_grade_scale
        if not any(
            [
                adjustment.new_title and adjustment.new_title != target.title,
                adjustment.new_description
                and adjustment.new_description != target.description,
                adjustment.new_target_value is not None
                and adjustment.new_target_value != target.target_value,
                adjustment.new_grade_scale,
            ]
        ):
            raise ValidationError(_("The adjustment changes nothing."))
    adjustment.before = model_snapshot(target, fields=CHANGED_FIELDS)
    adjustment.full_clean()
    adjustment.save()
    if target.level == Target.Level.DEPARTMENT:
        step, label = (
            "appraisal.adjustment.review",
            gettext_noop("Review a target adjustment"),
        )
        assignees = office_users(target.procuratorate_id)
    else:
        step, label = (
            "appraisal.adjustment.decide",
            gettext_noop("Decide on a staff target adjustment"),
        )
        assignees = [
            u
            for u in head_users(target.procuratorate_id, target.department_id)
            if u.pk != actor.pk
        ] or office_users(target.procuratorate_id)
    ask(adjustment, step, label, [u for u in assignees if u.pk != actor.pk])
    audit_record(
        actor=actor,
        action=f"appraisal.adjustment.request_{kind}",
        target=adjustment,
        after=model_snapshot(adjustment),
        message=gettext_noop("Requested a target adjustment"),
    )
    return adjustment


@transaction.atomic
def adjustment_review(*, actor, adjustment, note=""):
    """The appraisal office checks a department target's adjustment."""
    adjustment = open_step(actor, adjustment, "review", related=["target"])
    adjustment.review()
    save_step(adjustment, actor, "reviewed", decision_note=note)
    todo_close(target=adjustment, step_code="appraisal.adjustment.review", actor=actor)
    ask(
        adjustment,
        "appraisal.adjustment.decide",
        gettext_noop("Approve a target adjustment for the party group"),
        pg_users(adjustment.procuratorate_id),
    )
    audit_step(
        actor,
        "appraisal.adjustment.review",
        adjustment,
        gettext_noop("Reviewed a target adjustment"),
        note=note,
    )
    return adjustment


@transaction.atomic
def adjustment_approve(*, actor, adjustment, note=""):
    """Approve: apply the change (or the exemption) and raise the target's revision."""
    adjustment = open_step(
        actor, adjustment, "approve", related=["target"], frozen=_results_open
    )
    adjustment.approve()
    target = locked(adjustment.target)
    if adjustment.kind == TargetAdjustment.Kind.EXEMPTION:
        target.is_exempt = True
        target.exemption_reason = adjustment.reason
    else:
        if adjustment.new_title:
            target.title = adjustment.new_title
        if adjustment.new_description:
            target.description = adjustment.new_description
        if adjustment.new_target_value is not None:
            target.target_value = adjustment.new_target_value
        if adjustment.new_grade_scale:
            target.grade_scale = adjustment.new_grade_scale
    target.revision += 1
    target.full_clean()
    target.save(
        update_fields=[
            *CHANGED_FIELDS,
            "is_exempt",
            "exemption_reason",
            "revision",
            "updated_at",
        ]
    )
    after = model_snapshot(target, fields=CHANGED_FIELDS)
    after["is_exempt"] = target.is_exempt
    save_step(
        adjustment,
        actor,
        "decided",
        after=after,
        decision_note=note or adjustment.decision_note,
    )
    todo_close(target=adjustment, step_code="appraisal.adjustment.decide", actor=actor)
    audit_record(
        actor=actor,
        action=f"appraisal.adjustment.approve_{adjustment.kind}",
        target=target,
        before=adjustment.before,
        after=adjustment.after,
        message=gettext_noop("Approved a target adjustment"),
    )
    return adjustment


@transaction.atomic
def adjustment_reject(*, actor, adjustment, note):
    """Refuse an adjustment, at review or at decision, with a reason."""
    adjustment = open_step(actor, adjustment, "reject", related=["target"])
    if not note.strip():
        raise ValidationError({"note": _("Say why the adjustment is refused.")})
    adjustment.reject()
    save_step(adjustment, actor, "decided", decision_note=note)
    todo_close(target=adjustment, step_code="appraisal.adjustment.review", actor=actor)
    todo_close(target=adjustment, step_code="appraisal.adjustment.decide", actor=actor)
    audit_step(
        actor,
        "appraisal.adjustment.reject",
        adjustment,
        gettext_noop("Refused a target adjustment"),
        note=note,
    )
    return adjustment
