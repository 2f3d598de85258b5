"""Cycles, checkpoints, indicators and goals: the appraisal office's work."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import authorize, locked, transition_check
from apps.core.models import Department
from apps.todos.services import todo_close_all

from ..models import (
    RATE_FIELDS,
    Checkpoint,
    Cycle,
    DepartmentPlan,
    Indicator,
    Measure,
    Target,
    default_grade_scale,
)
from .common import (
    ask,
    audit_step,
    ensure_open,
    head_users,
    open_step,
    save_audited,
    save_step,
)

RULE_FIELDS = [
    "behind_margin",
    "curve",
    "floor_percent",
    "excess_factor",
    "cap_percent",
    "normalisation",
    "department_share",
    "special_task_cap",
    "award_departments",
    "award_individual_percent",
]


def quarterly_checkpoints(start_date, end_date):
    """Four quarters of a cycle: reports due ten days after each quarter ends."""
    length = (end_date - start_date).days + 1
    names = ["第一季度", "第二季度", "第三季度", "第四季度"]
    checkpoints = []
    for i, name in enumerate(names, start=1):
        quarter_end = start_date + datetime.timedelta(days=round(length * i / 4) - 1)
        checkpoints.append(
            {
                "name": name,
                "due_date": quarter_end + datetime.timedelta(days=10),
                "plan_percent": Decimal(25 * i),
            }
        )
    return checkpoints


@transaction.atomic
def cycle_create(*, actor, name, start_date, end_date, checkpoints=None, **rules):
    """Open an appraisal cycle with its checkpoints (quarterly unless given)."""
    authorize(actor, "appraisal.manage_cycles")
    cycle = Cycle(
        procuratorate=actor.staff.procuratorate,
        name=name,
        start_date=start_date,
        end_date=end_date,
        **{k: v for k, v in rules.items() if k in RULE_FIELDS},
    )
    cycle.full_clean()
    cycle.save()
    for row in checkpoints or quarterly_checkpoints(start_date, end_date):
        checkpoint = Checkpoint(
            procuratorate_id=cycle.procuratorate_id, cycle=cycle, **row
        )
        checkpoint.full_clean()
        checkpoint.save()
    audit_record(
        actor=actor,
        action="appraisal.cycle.create",
        target=cycle,
        after=model_snapshot(cycle),
        message=gettext_noop("Opened an appraisal cycle"),
    )
    return cycle


@transaction.atomic
def cycle_update_rules(*, actor, cycle, **rules):
    """Change the scoring rules; they apply to the next computation."""
    cycle = locked(cycle)
    ensure_open(cycle)
    if cycle.results_approved:
        raise ValidationError(_("The results are approved: the rules may not change."))
    authorize(actor, "appraisal.manage_cycle", cycle)
    before = model_snapshot(cycle, fields=RULE_FIELDS)
    for key, value in rules.items():
        if key in RULE_FIELDS:
            setattr(cycle, key, value)
    cycle.full_clean()
    cycle.save(update_fields=[*RULE_FIELDS, "updated_at"])
    audit_record(
        actor=actor,
        action="appraisal.cycle.update_rules",
        target=cycle,
        before=before,
        after=model_snapshot(cycle, fields=RULE_FIELDS),
        message=gettext_noop("Changed the scoring rules"),
    )
    return cycle


@transaction.atomic
def cycle_launch(*, actor, cycle):
    """Ask every active department to propose its targets (idempotent)."""
    cycle = open_step(actor, cycle, "launch")
    existing = set(cycle.plans.values_list("department_id", flat=True))
    created = []
    for department in Department.objects.filter(
        procuratorate_id=cycle.procuratorate_id, is_active=True
    ):
        if department.pk in existing:
            continue
        plan = DepartmentPlan.objects.create(
            procuratorate_id=cycle.procuratorate_id, cycle=cycle, department=department
        )
        created.append(plan)
        ask(
            plan,
            "appraisal.plan.propose",
            gettext_noop("Propose your department's targets"),
            head_users(cycle.procuratorate_id, department.pk),
        )
    audit_record(
        actor=actor,
        action="appraisal.cycle.launch",
        target=cycle,
        after={"plans_created": len(created)},
        message=gettext_noop("Asked the departments to propose their targets"),
    )
    return created


@transaction.atomic
def cycle_close(*, actor, cycle):
    """Lock the cycle for good once its results are approved."""
    cycle = locked(cycle)
    ensure_open(cycle)
    if not cycle.results_approved:
        raise ValidationError(_("Close the cycle after its results are approved."))
    transition_check(actor, cycle.close)
    # Steps still waiting in this cycle can no longer be taken.
    for plan in cycle.plans.all():
        todo_close_all(target=plan, actor=actor)
    todo_close_all(target=cycle, actor=actor)
    cycle.close()
    save_step(cycle, actor, "closed")
    audit_step(
        actor,
        "appraisal.cycle.close",
        cycle,
        gettext_noop("Closed the appraisal cycle"),
    )
    return cycle


@transaction.atomic
def checkpoint_save(*, actor, cycle, name, due_date, plan_percent, checkpoint=None):
    """Add or change a checkpoint of an open cycle."""
    authorize(actor, "appraisal.manage_cycle", cycle)
    ensure_open(cycle)
    if checkpoint is None:
        checkpoint = Checkpoint(procuratorate_id=cycle.procuratorate_id, cycle=cycle)
    elif checkpoint.cycle_id != cycle.pk:
        raise ValidationError(_("The checkpoint belongs to another cycle."))
    checkpoint.name, checkpoint.due_date = name, due_date
    checkpoint.plan_percent = plan_percent
    return save_audited(
        checkpoint,
        actor=actor,
        action="appraisal.checkpoint.save",
        message=gettext_noop("Saved a checkpoint"),
        target=cycle,
    )


INDICATOR_FIELDS = [
    "code",
    "name",
    "measure",
    *RATE_FIELDS,
    "partly_outside_control",
    "grade_scale",
    "description",
    "is_active",
]


@transaction.atomic
def indicator_save(*, actor, indicator=None, **fields):
    """Create or change an indicator of the catalogue (targets copy it when set)."""
    authorize(actor, "appraisal.manage_cycles")
    before = None
    if indicator is None:
        indicator = Indicator(procuratorate=actor.staff.procuratorate)
    else:
        if indicator.procuratorate_id != actor.staff.procuratorate_id:
            raise ValidationError(_("The indicator belongs to another procuratorate."))
        indicator = locked(indicator)
        before = model_snapshot(indicator)
    for key, value in fields.items():
        if key in INDICATOR_FIELDS:
            setattr(indicator, key, value)
    if indicator.measure == Measure.QUALITATIVE and not indicator.grade_scale:
        indicator.grade_scale = default_grade_scale()
    return save_audited(
        indicator,
        actor=actor,
        action="appraisal.indicator.save",
        message=gettext_noop("Saved an indicator"),
        before=before,
    )


GOAL_FIELDS = ["code", "title", "description", "weight"]


@transaction.atomic
def goal_save(*, actor, cycle, goal=None, code, title, weight, description=""):
    """Create or change a procuratorate goal (the root of the target tree).

    Goals are drafted by the appraisal office and approved by the party group
    with the first department plans; the goals of a cycle total 100.
    """
    ensure_open(cycle)
    transition_check(actor, cycle.set_goals)
    before = None
    if goal is None:
        goal = Target(
            procuratorate_id=cycle.procuratorate_id,
            cycle=cycle,
            level=Target.Level.PROCURATORATE,
            tier=Target.Tier.LEADERS,
        )
    else:
        goal = locked(goal)
        if goal.cycle_id != cycle.pk or goal.level != Target.Level.PROCURATORATE:
            raise ValidationError(_("This is not a goal of the cycle."))
        if goal.is_frozen:
            raise ValidationError(
                _("The goal is approved and frozen; change it by an adjustment.")
            )
        before = model_snapshot(goal, fields=GOAL_FIELDS)
    goal.code, goal.title, goal.description = code, title, description
    goal.weight = Decimal(weight)
    others = (
        Target.objects.filter(cycle=cycle, level=Target.Level.PROCURATORATE)
        .exclude(pk=goal.pk)
        .values_list("weight", flat=True)
    )
    if sum(others, Decimal("0")) + goal.weight > 100:
        raise ValidationError(
            {"weight": _("The goals of a cycle may not weigh more than 100 together.")}
        )
    if (
        Target.objects.filter(cycle=cycle, level=Target.Level.PROCURATORATE, code=code)
        .exclude(pk=goal.pk)
        .exists()
    ):
        raise ValidationError({"code": _("Another goal has this number.")})
    return save_audited(
        goal,
        actor=actor,
        action="appraisal.goal.save",
        message=gettext_noop("Saved a procuratorate goal"),
        before=before,
        fields=GOAL_FIELDS,
    )
