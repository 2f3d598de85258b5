"""Helpers every appraisal service uses: permission, lock, open-cycle checks."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core.models import Role
from apps.core.selectors import users_with_role

from ..models import Cycle, Target


def require(actor, perm, obj=None):
    """Raise PermissionDenied unless `actor` holds `perm` (on `obj`)."""
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You may not do this."))


def lock(model, pk):
    """Load one row for update; the caller re-checks its state under the lock."""
    return model.objects.select_for_update().get(pk=pk)


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
