"""Helpers the meeting services share: who gets the to-dos, the meeting lock.

Permission checks, row locks and refusals come from `apps.core.actions`; time
limits from the workdays catalogue (`apps.workdays.clock.due_for_step`).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import authorize, locked
from apps.core.models import Role, Staff
from apps.core.selectors import users_with_role
from apps.todos.services import todo_open

from ..models import BodyKind, Minutes


def staff_users(staff_qs):
    return [s.user for s in staff_qs.select_related("user") if s.user.is_active]


def pg_users(procuratorate_id):
    return users_with_role(
        procuratorate_id=procuratorate_id, role=Role.PROCURATOR_GENERAL
    )


def secretary_users(body):
    """Who prepares the body's meetings and supervises its resolutions."""
    users = staff_users(body.secretaries.all())
    if body.kind == BodyKind.COMMITTEE:
        users += users_with_role(
            procuratorate_id=body.procuratorate_id, role=Role.COMMITTEE_OFFICE
        )
    return users or pg_users(body.procuratorate_id)


def reviewer_users(body):
    """Who checks a new topic against the body's scope list."""
    if body.kind == BodyKind.COMMITTEE:
        users = users_with_role(
            procuratorate_id=body.procuratorate_id, role=Role.COMMITTEE_OFFICE
        )
    elif body.kind == BodyKind.PARTY_GROUP:
        users = staff_users(body.pre_reviewers.all())
    else:
        users = []
    return users or pg_users(body.procuratorate_id)


def department_reporters(department):
    """Head and clerk of a department: who report for it."""
    staff = Staff.objects.filter(
        department=department,
        user__is_active=True,
        roles__overlap=[str(Role.DEPARTMENT_HEAD), str(Role.DEPARTMENT_CLERK)],
    ).select_related("user")
    return [s.user for s in staff]


def ensure_meeting_unlocked(meeting):
    """Approved minutes lock the meeting: nothing in it may change any more."""
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None and minutes.state == Minutes.State.APPROVED:
        raise ValidationError(
            _("The minutes of this meeting are approved; the meeting is locked.")
        )


def audit_change(actor, target, before, *, fields, action, message):
    """Audit a step that changed `target`: `before`, and `fields` as they are now."""
    audit_record(
        actor=actor,
        action=action,
        target=target,
        before=before,
        after=model_snapshot(target, fields),
        message=message,
    )


def text_required(value, field, message):
    """Bad input on `field` (with `message`) unless `value` has some text."""
    if not (value or "").strip():
        raise ValidationError({field: message})


def authorize_locked(actor, perm, obj):
    """`obj` re-read under a lock, once `actor` is found to hold `perm` on it."""
    authorize(actor, perm, obj)
    return locked(obj)


def todo_on(target, **options):
    """Open a to-do on `target` that leads to the target's page."""
    todo_open(target=target, url=target.get_absolute_url(), **options)


def audit_item(actor, item, action, message, **after):
    """Audit a step on an agenda item: on its meeting's trail, naming the item."""
    audit_record(
        actor=actor,
        action=action,
        target=item.meeting,
        after={"item": item.pk, **after},
        message=message,
    )
