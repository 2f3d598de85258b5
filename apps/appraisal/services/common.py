"""What appraisal services share: the open-cycle check, tiers, who to ask,
and the parts every step repeats (lock and check, record, ask, audit).

Permissions, row locks and refusals come from ``apps.core.actions``.
"""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import locked, transition_check
from apps.core.models import Role
from apps.core.selectors import users_with_role
from apps.todos.services import todo_open
from apps.workdays.clock import due_for_step

from ..models import Cycle, Target

STAFF_TARGETS_LATER = _(
    "Staff targets are set once the department's targets are approved."
)


def ensure_open(cycle):
    """Refuse any change in a closed cycle (the database refuses it as well)."""
    status = Cycle.objects.values_list("status", flat=True).get(pk=cycle.pk)
    if status == Cycle.Status.CLOSED:
        raise ValidationError(_("The cycle is closed: nothing in it may change."))


def open_step(actor, obj, step, *, related=(), frozen=None, wrong_step=None):
    """The preamble of a step on `obj` (a cycle, or a row of one): lock it,
    refuse in a closed cycle (and, with `frozen`, once the results are
    approved: `frozen(cycle)` refuses), then unless the actor may take `step`
    now. Returns the locked `obj`."""
    if isinstance(obj, Cycle):
        obj = cycle = locked(obj)
    else:
        obj = locked(obj, related=["cycle", *related])
        cycle = obj.cycle
    ensure_open(cycle)
    if frozen is not None:
        frozen(cycle)
    transition_check(actor, getattr(obj, step), wrong_step=wrong_step)
    return obj


def save_step(obj, actor, step, *, at=None, **fields):
    """Save `obj` after a transition: its status, who took `step` and when
    (`<step>_by`, `<step>_at`), and the other `fields` the step sets."""
    setattr(obj, f"{step}_by", actor)
    setattr(obj, f"{step}_at", at or timezone.now())
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save(
        update_fields=["status", f"{step}_by", f"{step}_at", *fields, "updated_at"]
    )


def ask(obj, step, label, assignees, *, now=None, **extra):
    """Put `step` on `obj` in the `assignees`' to-dos, linking to its page, due
    when the step's time limit ends."""
    todo_open(
        target=obj,
        step_code=step,
        label=label,
        assignees=assignees,
        url=obj.get_absolute_url(),
        due_at=due_for_step(step, now or timezone.now()),
        **extra,
    )


def audit_step(actor, action, obj, message, **after):
    """The audit trail of a step on `obj`: its status after, and `after`."""
    audit_record(
        actor=actor,
        action=action,
        target=obj,
        after={"status": obj.status, **after},
        message=message,
    )


def save_audited(obj, *, actor, action, message, target=None, before=None, fields=None):
    """Validate and save `obj`; the audit trail (on `target`, by default `obj`)
    keeps its snapshot, or that of `fields`."""
    obj.full_clean()
    obj.save()
    audit_record(
        actor=actor,
        action=action,
        target=obj if target is None else target,
        before=before,
        after=model_snapshot(obj, fields=fields),
        message=message,
    )
    return obj


def tier_of(staff):
    """The tier a person's individual targets belong to (院领导/中层/一般干警)."""
    if staff.has_role(Role.PROCURATOR_GENERAL, Role.DEPUTY_PROCURATOR_GENERAL):
        return Target.Tier.LEADERS
    if staff.has_role(Role.DEPARTMENT_HEAD):
        return Target.Tier.MIDDLE
    return Target.Tier.STAFF


def office_users(procuratorate_id):
    return users_with_role(
        procuratorate_id=procuratorate_id, role=Role.APPRAISAL_OFFICE
    )


def pg_users(procuratorate_id):
    return users_with_role(
        procuratorate_id=procuratorate_id, role=Role.PROCURATOR_GENERAL
    )


def head_users(procuratorate_id, department_id):
    return users_with_role(
        procuratorate_id=procuratorate_id,
        role=Role.DEPARTMENT_HEAD,
        department_id=department_id,
    )


def head_and_clerk_users(procuratorate_id, department_id):
    return head_users(procuratorate_id, department_id) + users_with_role(
        procuratorate_id=procuratorate_id,
        role=Role.DEPARTMENT_CLERK,
        department_id=department_id,
    )
