"""Small helpers the service modules share."""

from django.core.exceptions import ValidationError

from apps.audit.services import audit_record, model_snapshot
from apps.core.models import Role, Staff


def _active_users_with(procuratorate_id, *roles):
    return [
        s.user
        for s in Staff.objects.filter(
            procuratorate_id=procuratorate_id,
            roles__contains=[str(role) for role in roles],
            user__is_active=True,
        ).select_related("user")
    ]


def office_directors(procuratorate_id):
    """The office director(s): department heads who are also office reviewers."""
    return _active_users_with(
        procuratorate_id, Role.DEPARTMENT_HEAD, Role.OFFICE_REVIEWER
    )


def office_reviewers(procuratorate_id):
    """The office's staff who buy, keep the store and publish on the board."""
    return _active_users_with(procuratorate_id, Role.OFFICE_REVIEWER)


def audit_created(actor, obj, action, message, *, fields=None):
    """The audit trail's entry for a record just made: its `fields` as saved."""
    audit_record(
        actor=actor,
        action=action,
        target=obj,
        after=model_snapshot(obj, fields=fields),
        message=message,
    )


def required_text(text, message):
    """`text` without surrounding blanks; refused with `message` when empty."""
    text = (text or "").strip()
    if not text:
        raise ValidationError(message)
    return text


def save_new(obj):
    """Validate a new record (fields and constraints), then save it."""
    obj.full_clean()
    obj.save()
    return obj
