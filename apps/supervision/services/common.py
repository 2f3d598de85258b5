"""Who a supervision step waits for (the department's heads, the
procurator-general), and how a step goes on the audit trail."""

from apps.audit.services import audit_record
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


def step_auditor(kind, snapshot, on=None):
    """The function that puts a step of a ``kind`` of record on the audit
    trail: the action ``supervision.<kind>.<step>``, with ``snapshot(record)``
    before and after it, on the record itself or on ``on(record)``."""

    def audit(actor, record, step, before, message):
        audit_record(
            actor=actor,
            action=f"supervision.{kind}.{step}",
            target=record if on is None else on(record),
            before=before,
            after=snapshot(record),
            message=message,
        )

    return audit
