"""Small helpers the supervision services share."""

from django.core.exceptions import PermissionDenied

from apps.core.models import Role
from apps.core.selectors import users_with_role


def require(actor, perm, obj=None):
    """Refuse with PermissionDenied unless `actor` holds `perm` (on `obj`)."""
    if actor is None or not actor.has_perm(perm, obj):
        raise PermissionDenied


def lock(instance):
    """Reload `instance` with its row locked until the transaction ends."""
    return type(instance).objects.select_for_update().get(pk=instance.pk)


def department_heads(record):
    return users_with_role(
        procuratorate_id=record.procuratorate_id,
        role=Role.DEPARTMENT_HEAD,
        department_id=record.department_id,
    )


def procurators_general(record):
    return users_with_role(
        procuratorate_id=record.procuratorate_id, role=Role.PROCURATOR_GENERAL
    )
