"""Who a supervision step waits for: the department's heads, the procurator-general."""

from apps.core.models import Role
from apps.core.selectors import users_with_role


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
