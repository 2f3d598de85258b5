"""Small steps the integrity services share: copying a form's values onto a
record, saving it with its audit entry, and taking a state step."""

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import authorize, locked


def new_or_locked(actor, obj, model, *, creator, check):
    """The record an organiser's save service writes: a new ``model`` of the
    actor's procuratorate (its ``creator`` field names the actor), or ``obj``
    re-read under a lock once ``check(obj)`` lets the actor change it now."""
    authorize(actor, "integrity.organise")
    if obj is None:
        return model(procuratorate_id=actor.staff.procuratorate_id, **{creator: actor})
    obj = locked(obj)
    check(obj)
    return obj


def assign_fields(obj, fields, names):
    """Copy onto ``obj`` those of ``names`` that ``fields`` (a form's data) carries."""
    for name in names:
        if name in fields:
            setattr(obj, name, fields[name])


def save_audited(obj, *, actor, action, names, message, target=None, before=None):
    """Validate and save ``obj``; the audit trail gets the values of ``names``."""
    obj.full_clean()
    obj.save()
    audit_record(
        actor=actor,
        action=action,
        target=obj if target is None else target,
        before=before,
        after=model_snapshot(obj, fields=names),
        message=message,
    )
    return obj


def step_taken(obj, step, *, actor, action, message, update_fields=(), after=None):
    """Take the (already checked) transition ``step``, save the new state with
    ``update_fields`` and put the step on the audit trail."""
    step()
    obj.save(update_fields=["state", *update_fields, "updated_at"])
    audit_record(actor=actor, action=action, target=obj, after=after, message=message)
    return obj
