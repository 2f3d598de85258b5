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
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import locked, transition_check
from apps.todos.services import todo_close, todo_open
from apps.workdays.clock import due_for_step

from ..models import Measure, Target, TargetAdjustment, validate_grade_scale
from .common import ensure_open, head_users, office_users, pg_users

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
    target = locked(target, related=["cycle"])
    ensure_open(target.cycle)
    _results_open(target.cycle)
    transition_check(
        actor,
        target.request_adjustment,
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
    todo_open(
        target=adjustment,
        step_code=step,
        label=label,
        assignees=[u for u in assignees if u.pk != actor.pk],
        url=adjustment.get_absolute_url(),
        due_at=due_for_step(step, timezone.now()),
    )
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
    adjustment = locked(adjustment, related=["cycle", "target"])
    ensure_open(adjustment.cycle)
    transition_check(actor, adjustment.review)
    adjustment.review()
    adjustment.reviewed_by, adjustment.reviewed_at = actor, timezone.now()
    adjustment.decision_note = note
    adjustment.save(
        update_fields=[
            "status",
            "reviewed_by",
            "reviewed_at",
            "decision_note",
            "updated_at",
        ]
    )
    todo_close(target=adjustment, step_code="appraisal.adjustment.review", actor=actor)
    todo_open(
        target=adjustment,
        step_code="appraisal.adjustment.decide",
        label=gettext_noop("Approve a target adjustment for the party group"),
        assignees=pg_users(adjustment.procuratorate_id),
        url=adjustment.get_absolute_url(),
        due_at=due_for_step("appraisal.adjustment.decide", timezone.now()),
    )
    audit_record(
        actor=actor,
        action="appraisal.adjustment.review",
        target=adjustment,
        after={"status": adjustment.status, "note": note},
        message=gettext_noop("Reviewed a target adjustment"),
    )
    return adjustment


@transaction.atomic
def adjustment_approve(*, actor, adjustment, note=""):
    """Approve: apply the change (or the exemption) and raise the target's revision."""
    adjustment = locked(adjustment, related=["cycle", "target"])
    ensure_open(adjustment.cycle)
    _results_open(adjustment.cycle)
    transition_check(actor, adjustment.approve)
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
    adjustment.after = model_snapshot(target, fields=CHANGED_FIELDS)
    adjustment.after["is_exempt"] = target.is_exempt
    adjustment.decided_by, adjustment.decided_at = actor, timezone.now()
    adjustment.decision_note = note or adjustment.decision_note
    adjustment.save(
        update_fields=[
            "status",
            "after",
            "decided_by",
            "decided_at",
            "decision_note",
            "updated_at",
        ]
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
    adjustment = locked(adjustment, related=["cycle", "target"])
    ensure_open(adjustment.cycle)
    transition_check(actor, adjustment.reject)
    if not note.strip():
        raise ValidationError({"note": _("Say why the adjustment is refused.")})
    adjustment.reject()
    adjustment.decided_by, adjustment.decided_at = actor, timezone.now()
    adjustment.decision_note = note
    adjustment.save(
        update_fields=[
            "status",
            "decided_by",
            "decided_at",
            "decision_note",
            "updated_at",
        ]
    )
    todo_close(target=adjustment, step_code="appraisal.adjustment.review", actor=actor)
    todo_close(target=adjustment, step_code="appraisal.adjustment.decide", actor=actor)
    audit_record(
        actor=actor,
        action="appraisal.adjustment.reject",
        target=adjustment,
        after={"status": adjustment.status, "note": note},
        message=gettext_noop("Refused a target adjustment"),
    )
    return adjustment
