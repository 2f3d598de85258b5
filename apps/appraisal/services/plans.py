"""The target-setting chain (essay 3, remedy 3).

具体工作目标要由各业务部门提出, 绩效考评办公室审核, 院党组审定;
检察干警的工作目标由各部门制定.

Department proposes → appraisal office reviews → the office submits the
reviewed plans → the party group approves (审定), which the procurator-general
records as party-group secretary with the meeting's reference → the targets
freeze → the department head sets and issues the staff's targets.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_fsm import can_proceed

from apps.core.actions import locked, transition_check
from apps.todos.services import todo_close

from ..models import DepartmentPlan, Target
from .common import (
    STAFF_TARGETS_LATER,
    ask,
    audit_step,
    ensure_open,
    head_users,
    office_users,
    open_step,
    pg_users,
    save_step,
)
from .targets import individual_weight_problems, share_problems, weight_problems


@transaction.atomic
def plan_propose(*, actor, plan):
    """The department head proposes the department's targets to the office."""
    plan = open_step(actor, plan, "propose")
    targets = list(
        plan.targets.filter(level=Target.Level.DEPARTMENT).prefetch_related("shares")
    )
    if not targets:
        raise ValidationError(_("Add at least one target before proposing."))
    problems = share_problems(targets)
    if problems:
        raise ValidationError(problems)
    plan.propose()
    save_step(plan, actor, "proposed", return_reason="")
    todo_close(target=plan, step_code="appraisal.plan.propose", actor=actor)
    ask(
        plan,
        "appraisal.plan.review",
        gettext_noop("Review a department's proposed targets"),
        office_users(plan.procuratorate_id),
    )
    audit_step(
        actor,
        "appraisal.plan.propose",
        plan,
        gettext_noop("Proposed the department's targets"),
        targets=len(targets),
    )
    return plan


@transaction.atomic
def plan_review(*, actor, plan):
    """The appraisal office accepts the proposal (审核)."""
    plan = open_step(actor, plan, "review")
    plan.review()
    save_step(plan, actor, "reviewed")
    todo_close(target=plan, step_code="appraisal.plan.review", actor=actor)
    audit_step(
        actor, "appraisal.plan.review", plan, gettext_noop("Reviewed the targets")
    )
    return plan


@transaction.atomic
def plan_return(*, actor, plan, reason):
    """Send a plan back to the department with a reason.

    The office returns a proposal it is reviewing; the procurator-general
    returns a plan the party group did not approve.
    """
    plan = locked(plan, related=["cycle"])
    ensure_open(plan.cycle)
    # The office returns a proposal; the party group a submitted plan.
    send_back = next(
        (
            step
            for step in (plan.send_back, plan.send_back_from_party_group)
            if can_proceed(step)
        ),
        plan.send_back,
    )
    transition_check(actor, send_back)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the targets go back.")})
    send_back()
    plan.return_reason = reason
    plan.save(update_fields=["status", "return_reason", "updated_at"])
    todo_close(target=plan, step_code="appraisal.plan.review", actor=actor)
    if not plan.cycle.plans.filter(status=DepartmentPlan.Status.SUBMITTED).exists():
        todo_close(target=plan.cycle, step_code="appraisal.plan.approve", actor=actor)
    ask(
        plan,
        "appraisal.plan.propose",
        gettext_noop("Revise and propose your department's targets again"),
        head_users(plan.procuratorate_id, plan.department_id),
    )
    audit_step(
        actor,
        "appraisal.plan.return",
        plan,
        gettext_noop("Returned the targets to the department"),
        reason=reason,
    )
    return plan


def _plans_at(actor, cycle, step, status, *, nothing):
    """The cycle's plans at `status`, locked, once the cycle's `step` is open to
    the actor; `nothing` says why not when there are none."""
    plans = list(
        DepartmentPlan.objects.select_for_update()
        .filter(cycle=cycle, status=status)
        .order_by("pk")
    )
    if not plans:
        raise ValidationError(nothing)
    transition_check(actor, getattr(cycle, step))
    return plans


@transaction.atomic
def plans_submit(*, actor, cycle):
    """Put every reviewed plan before the party group, weights checked."""
    cycle = locked(cycle)
    ensure_open(cycle)
    plans = _plans_at(
        actor,
        cycle,
        "submit_plans",
        DepartmentPlan.Status.REVIEWED,
        nothing=_("No reviewed department targets to submit."),
    )
    already = DepartmentPlan.objects.filter(
        cycle=cycle, status=DepartmentPlan.Status.SUBMITTED
    )
    problems = weight_problems(cycle=cycle, plans=[*plans, *already])
    if problems:
        raise ValidationError(problems)
    for plan in plans:
        plan.submit()
        plan.save(update_fields=["status", "updated_at"])
        audit_step(
            actor,
            "appraisal.plan.submit",
            plan,
            gettext_noop("Submitted the targets to the party group"),
        )
    ask(
        cycle,
        "appraisal.plan.approve",
        gettext_noop("Approve the departments' targets for the party group"),
        pg_users(cycle.procuratorate_id),
        subject=cycle.name,
    )
    return plans


@transaction.atomic
def plans_approve(*, actor, cycle, decision_reference):
    """Record the party group's approval (审定): goals and targets freeze.

    The procurator-general records it as party-group secretary, citing the
    meeting (e.g. "2026年第2次党组会议").
    """
    cycle = locked(cycle)
    ensure_open(cycle)
    if not decision_reference.strip():
        raise ValidationError(
            {"decision_reference": _("Cite the party group meeting that approved.")}
        )
    plans = _plans_at(
        actor,
        cycle,
        "approve_plans",
        DepartmentPlan.Status.SUBMITTED,
        nothing=_("Nothing is waiting for the party group's approval."),
    )
    problems = weight_problems(cycle=cycle, plans=plans)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    to_freeze = Target.objects.select_for_update().filter(
        cycle=cycle, status=Target.Status.DRAFT
    )
    for target in to_freeze.filter(level=Target.Level.PROCURATORATE) | to_freeze.filter(
        plan__in=plans, level=Target.Level.DEPARTMENT
    ):
        target.approve()
        target.approved_at = now
        target.save(update_fields=["status", "approved_at", "updated_at"])
    for plan in plans:
        plan.approve()
        save_step(
            plan, actor, "approved", at=now, decision_reference=decision_reference
        )
        ask(
            plan,
            "appraisal.individual.set",
            gettext_noop("Set and issue your staff's targets"),
            head_users(plan.procuratorate_id, plan.department_id),
            now=now,
        )
        audit_step(
            actor,
            "appraisal.plan.approve",
            plan,
            gettext_noop("Recorded the party group's approval of the targets"),
            decision_reference=decision_reference,
        )
    todo_close(target=cycle, step_code="appraisal.plan.approve", actor=actor)
    return plans


@transaction.atomic
def individual_targets_issue(*, actor, plan):
    """The head issues the staff's drafted targets: they freeze."""
    plan = open_step(actor, plan, "set_staff_targets", wrong_step=STAFF_TARGETS_LATER)
    drafts = list(
        plan.targets.select_for_update().filter(
            level=Target.Level.INDIVIDUAL, status=Target.Status.DRAFT
        )
    )
    if not drafts:
        raise ValidationError(_("No drafted staff targets to issue."))
    problems = individual_weight_problems(plan=plan)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    for target in drafts:
        target.approve()
        target.approved_at = now
        target.save(update_fields=["status", "approved_at", "updated_at"])
    plan.individual_issued_at = now
    plan.save(update_fields=["individual_issued_at", "updated_at"])
    todo_close(target=plan, step_code="appraisal.individual.set", actor=actor)
    audit_step(
        actor,
        "appraisal.plan.issue_individual",
        plan,
        gettext_noop("Issued the staff's targets"),
        targets=len(drafts),
    )
    return drafts
