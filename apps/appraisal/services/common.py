"""What appraisal services share: the open-cycle check, tiers, who to ask.

Permissions, row locks and refusals come from ``apps.core.actions``.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core.models import Role
from apps.core.selectors import users_with_role

from ..models import Cycle, Target

STAFF_TARGETS_LATER = _(
    "Staff targets are set once the department's targets are approved."
)


def ensure_open(cycle):
    """Refuse any change in a closed cycle (the database refuses it as well)."""
    status = Cycle.objects.values_list("status", flat=True).get(pk=cycle.pk)
    if status == Cycle.Status.CLOSED:
        raise ValidationError(_("The cycle is closed: nothing in it may change."))


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
