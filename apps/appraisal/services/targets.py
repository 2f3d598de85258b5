"""Drafting targets: department targets (with shares), individual targets, templates.

Weights are shares of the parent. The services keep every running total at
or below 100 while drafting; the workflow steps that freeze targets
(`plans_submit`, `plans_approve`, `individual_targets_issue`) insist on exactly
100.
"""

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from django_fsm import can_proceed

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import Refused, authorize, locked, transition_check
from apps.core.models import Department, Staff

from ..models import (
    RATE_FIELDS,
    Indicator,
    Measure,
    Target,
    TargetShare,
    TargetTemplate,
    TargetTemplateItem,
)
from .common import STAFF_TARGETS_LATER, ensure_open, open_step, tier_of

ZERO = Decimal("0")
TARGET_FIELDS = [
    "code",
    "title",
    "description",
    "indicator",
    "measure",
    "nature",
    "target_value",
    *RATE_FIELDS,
    "grade_scale",
    "weight",
    "parent",
    "staff",
]


def _snapshot(target):
    data = model_snapshot(target, fields=[*TARGET_FIELDS, "status", "revision"])
    data["shares"] = [
        {"department": s.department_id, "role": s.role, "share": str(s.share)}
        for s in target.shares.all()
    ]
    return data


def _editable_plan(actor, plan):
    """Lock the plan and check the actor may draft in its current state.

    The department keeps its draft; while the proposal is with the appraisal
    office, the office may correct it (e.g. the weights) before accepting.
    """
    plan = locked(plan, related=["cycle"])
    ensure_open(plan.cycle)
    step = plan.draft if can_proceed(plan.draft) else plan.correct
    transition_check(
        actor,
        step,
        wrong_step=_("The department's targets cannot be changed at this step."),
    )
    return plan


def _apply_indicator(target, indicator, grade_scale=None):
    """Copy the indicator's way of measuring onto the target (then it is frozen)."""
    if indicator.procuratorate_id != target.procuratorate_id or not indicator.is_active:
        raise ValidationError({"indicator": _("Choose an active indicator.")})
    target.indicator = indicator
    target.measure = indicator.measure
    for name in RATE_FIELDS:
        setattr(target, name, getattr(indicator, name))
    if indicator.measure == Measure.QUALITATIVE:
        target.grade_scale = grade_scale or [dict(r) for r in indicator.grade_scale]
        target.target_value = None
    else:
        target.grade_scale = []


def _check_sibling_total(target, siblings):
    """Keep the running total of weights under one parent at or below 100."""
    taken = siblings.exclude(pk=target.pk).aggregate(total=Sum("weight"))["total"]
    if (taken or ZERO) + target.weight > 100:
        raise ValidationError(
            {
                "weight": _(
                    "The weights under this parent would exceed 100 "
                    "(already taken: %(taken)s)."
                )
                % {"taken": taken or ZERO}
            }
        )


def _set_shares(target, cooperating):
    """Give the lead the rest of 100 after the cooperating departments' shares."""
    cooperating = [(dept, Decimal(share)) for dept, share in cooperating if dept]
    seen = {target.department_id}
    for dept, share in cooperating:
        if dept.procuratorate_id != target.procuratorate_id:
            raise ValidationError(
                _("A cooperating department is of another procuratorate.")
            )
        if dept.pk in seen:
            raise ValidationError(
                _("A department may appear only once among lead and cooperating.")
            )
        if share <= 0:
            raise ValidationError(_("Every cooperating share must be above zero."))
        seen.add(dept.pk)
    lead_share = Decimal("100") - sum((s for _d, s in cooperating), ZERO)
    if lead_share <= 0:
        raise ValidationError(
            _("The cooperating shares leave nothing to the lead department.")
        )
    target.shares.all().delete()
    rows = [
        TargetShare(
            cycle_id=target.cycle_id,
            target=target,
            department_id=target.department_id,
            role=TargetShare.Role.LEAD,
            share=lead_share,
        )
    ] + [
        TargetShare(
            cycle_id=target.cycle_id,
            target=target,
            department=dept,
            role=TargetShare.Role.COOPERATING,
            share=share,
        )
        for dept, share in cooperating
    ]
    TargetShare.objects.bulk_create(rows)


def _plan_target(plan, target, level, **fields):
    """A new target of `level` in `plan`, or `target` locked, checked to be one."""
    if target is None:
        return Target(
            procuratorate_id=plan.procuratorate_id,
            cycle_id=plan.cycle_id,
            plan=plan,
            level=level,
            department_id=plan.department_id,
            **fields,
        )
    target = locked(target)
    if target.plan_id != plan.pk or target.level != level:
        raise ValidationError(_("The target belongs to another plan."))
    return target


def _describe(target, indicator, grade_scale, code, title, description, nature):
    """What a drafted target measures and how it reads."""
    _apply_indicator(target, indicator, grade_scale)
    target.code, target.title, target.description = code, title, description
    target.nature = nature


def _set_value(target, target_value, weight):
    if target.measure == Measure.QUANTITATIVE:
        target.target_value = target_value
    target.weight = Decimal(weight)


@transaction.atomic
def department_target_save(
    *,
    actor,
    plan,
    parent,
    indicator,
    title,
    weight,
    target=None,
    code="",
    description="",
    nature="outcome",
    target_value=None,
    grade_scale=None,
    cooperating=(),
):
    """Draft (or change a draft of) a department target under a procuratorate goal.

    `cooperating` lists (Department, share) for a shared target; the plan's
    department leads it and keeps the rest of 100.
    """
    plan = _editable_plan(actor, plan)
    target = _plan_target(
        plan, target, Target.Level.DEPARTMENT, tier=Target.Tier.MIDDLE
    )
    before = _snapshot(target) if target.pk else None
    if parent.cycle_id != plan.cycle_id or parent.level != Target.Level.PROCURATORATE:
        raise ValidationError({"parent": _("Choose a goal of this cycle.")})
    target.parent = parent
    _describe(target, indicator, grade_scale, code, title, description, nature)
    _set_value(target, target_value, weight)
    target.full_clean()
    _check_sibling_total(
        target, Target.objects.filter(parent=parent, level=Target.Level.DEPARTMENT)
    )
    target.save()
    _set_shares(target, cooperating)
    audit_record(
        actor=actor,
        action="appraisal.target.save",
        target=target,
        before=before,
        after=_snapshot(target),
        message=gettext_noop("Saved a department target"),
    )
    return target


def _participates(department_id, parent):
    return parent.shares.filter(department_id=department_id).exists()


@transaction.atomic
def individual_target_save(
    *,
    actor,
    plan,
    parent,
    staff,
    indicator,
    title,
    weight,
    target=None,
    code="",
    description="",
    nature="outcome",
    target_value=None,
    grade_scale=None,
):
    """Draft a staff member's target under one of the department's approved targets.

    The department head sets the targets of the department's staff (the essay:
    检察干警的工作目标由各部门制定); they freeze when the head issues them.
    """
    plan = open_step(actor, plan, "set_staff_targets", wrong_step=STAFF_TARGETS_LATER)
    if (
        parent.cycle_id != plan.cycle_id
        or parent.level != Target.Level.DEPARTMENT
        or not parent.is_frozen
        or not _participates(plan.department_id, parent)
    ):
        raise ValidationError(
            {"parent": _("Choose an approved target the department takes part in.")}
        )
    staff = Staff.objects.select_related("user").get(pk=staff.pk)
    if staff.department_id != plan.department_id or not staff.user.is_active:
        raise ValidationError({"staff": _("Choose a member of the department.")})
    target = _plan_target(plan, target, Target.Level.INDIVIDUAL)
    if target.is_frozen:
        raise ValidationError(
            _("The target is issued and frozen; change it by an adjustment.")
        )
    before = _snapshot(target) if target.pk else None
    target.parent, target.staff = parent, staff
    target.tier = tier_of(staff)
    _describe(target, indicator, grade_scale, code, title, description, nature)
    _set_value(target, target_value, weight)
    target.full_clean()
    _check_sibling_total(
        target,
        Target.objects.filter(
            parent=parent,
            level=Target.Level.INDIVIDUAL,
            department_id=plan.department_id,
        ),
    )
    target.save()
    audit_record(
        actor=actor,
        action="appraisal.target.save",
        target=target,
        before=before,
        after=_snapshot(target),
        message=gettext_noop("Saved an individual target"),
    )
    return target


@transaction.atomic
def target_delete(*, actor, target):
    """Delete a draft target (an approved one is frozen and stays)."""
    target = locked(target, related=["cycle"])
    if target.is_frozen:
        raise ValidationError(_("An approved target cannot be deleted."))
    if target.level == Target.Level.PROCURATORATE:
        ensure_open(target.cycle)
        transition_check(actor, target.cycle.set_goals)
        if target.children.exists():
            raise ValidationError(_("The goal has department targets under it."))
    elif target.level == Target.Level.DEPARTMENT:
        _editable_plan(actor, target.plan)
        if target.children.exists():
            raise ValidationError(_("The target has staff targets under it."))
    else:
        ensure_open(target.cycle)
        authorize(actor, "appraisal.set_individual_targets", target.plan)
    before = _snapshot(target)
    audit_record(
        actor=actor,
        action="appraisal.target.delete",
        target=target,
        before=before,
        message=gettext_noop("Deleted a draft target"),
    )
    target.delete()


@transaction.atomic
def targets_create_from_template(*, actor, plan, template):
    """Bulk-create draft department targets from one of the department's templates.

    Each item finds its goal in the cycle by the goal number; the call creates
    all items or none.
    """
    plan = _editable_plan(actor, plan)
    if template.department_id != plan.department_id:
        raise Refused(_("The template belongs to another department."))
    goals = {
        g.code: g
        for g in Target.objects.filter(
            cycle_id=plan.cycle_id, level=Target.Level.PROCURATORATE
        )
    }
    items = list(template.items.select_related("indicator"))
    missing = sorted({i.goal_code for i in items if i.goal_code not in goals})
    if missing:
        raise ValidationError(
            _("The cycle has no goal numbered %(codes)s.")
            % {"codes": "、".join(missing)}
        )
    created = []
    for item in items:
        created.append(
            department_target_save(
                actor=actor,
                plan=plan,
                parent=goals[item.goal_code],
                indicator=item.indicator,
                title=item.title,
                weight=item.weight,
                nature=item.nature,
                target_value=item.target_value,
                grade_scale=item.grade_scale or None,
            )
        )
    audit_record(
        actor=actor,
        action="appraisal.plan.from_template",
        target=plan,
        after={"template": template.pk, "targets": [t.pk for t in created]},
        message=gettext_noop("Created targets from a department template"),
    )
    return created


@transaction.atomic
def template_save_from_plan(*, actor, plan, name):
    """Keep the plan's department targets as a template for the next cycle."""
    authorize(actor, "appraisal.edit_plan", plan)
    if not actor.staff.department_id == plan.department_id:
        raise Refused(_("Only the department keeps its templates."))
    targets = list(
        plan.targets.filter(level=Target.Level.DEPARTMENT)
        .select_related("parent")
        .order_by("parent__code", "code", "id")
    )
    if not targets:
        raise ValidationError(_("The plan has no department targets to keep."))
    template, _created = TargetTemplate.objects.update_or_create(
        procuratorate_id=plan.procuratorate_id,
        department_id=plan.department_id,
        name=name,
    )
    template.items.all().delete()
    TargetTemplateItem.objects.bulk_create(
        TargetTemplateItem(
            template=template,
            goal_code=t.parent.code,
            indicator_id=t.indicator_id,
            title=t.title,
            nature=t.nature,
            target_value=t.target_value,
            weight=t.weight,
            grade_scale=t.grade_scale,
            sort_order=i,
        )
        for i, t in enumerate(targets)
        if t.indicator_id
    )
    audit_record(
        actor=actor,
        action="appraisal.template.save",
        target=template,
        after={"items": len(targets)},
        message=gettext_noop("Kept the department's targets as a template"),
    )
    return template


def weight_problems(*, cycle, plans=None):
    """Return readable problems with the weights about to be frozen.

    Goals must total 100; under each goal the department targets of the
    given plans plus those already approved must total 100.
    """
    problems = []
    goals = list(
        Target.objects.filter(cycle=cycle, level=Target.Level.PROCURATORATE).order_by(
            "code"
        )
    )
    total = sum((g.weight for g in goals), ZERO)
    if not goals or total != 100:
        problems.append(
            _("The goals weigh %(total)s in all, not 100.") % {"total": total}
        )
    children = Target.objects.filter(cycle=cycle, level=Target.Level.DEPARTMENT)
    if plans is not None:
        children = children.filter(plan__in=plans) | children.filter(
            status=Target.Status.APPROVED
        )
    sums = defaultdict(lambda: ZERO)
    for parent_id, weight in children.values_list("parent_id", "weight"):
        sums[parent_id] += weight
    for goal in goals:
        if sums[goal.pk] != 100:
            problems.append(
                _(
                    "The department targets under goal %(goal)s weigh %(total)s, "
                    "not 100."
                )
                % {"goal": goal, "total": sums[goal.pk]}
            )
    return problems


def share_problems(targets):
    """Return problems with credit shares (each shared target's shares total 100)."""
    problems = []
    for target in targets:
        shares = list(target.shares.all())
        total = sum((s.share for s in shares), ZERO)
        if not shares or total != 100:
            problems.append(
                _("The credit shares of %(target)s total %(total)s, not 100.")
                % {"target": target, "total": total}
            )
    return problems


def individual_weight_problems(*, plan):
    """Under each department target, a department's staff targets total 100."""
    sums = defaultdict(lambda: ZERO)
    names = {}
    for target in plan.targets.filter(level=Target.Level.INDIVIDUAL).select_related(
        "parent"
    ):
        sums[target.parent_id] += target.weight
        names[target.parent_id] = target.parent
    return [
        _("The staff targets under %(target)s weigh %(total)s, not 100.")
        % {"target": names[parent_id], "total": total}
        for parent_id, total in sums.items()
        if total != 100
    ]


def department_choices(*, procuratorate_id):
    return Department.objects.filter(procuratorate_id=procuratorate_id, is_active=True)


def indicator_choices(*, procuratorate_id):
    return Indicator.objects.filter(procuratorate_id=procuratorate_id, is_active=True)
