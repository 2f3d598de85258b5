"""More time for the review (延长审查期限): asked by the handler, decided by the PG."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import authorize, locked, transition_check
from apps.todos.services import todo_close
from apps.workdays.clock import due, due_for_step
from apps.workdays.models import Unit

from ..models import Extension, Petition
from .common import procurators_general
from .petitions import _snapshot
from .steps import STEP_EXTENSION, STEP_REVIEW, open_review_todo, open_todo


@transaction.atomic
def extension_request(*, actor, petition, days, reason):
    """Ask the procurator-general for more time to review (延长审查期限)."""
    petition = locked(petition)
    if petition.has_open_extension():  # tell who may ask why they cannot now
        authorize(actor, "supervision.request_extension", petition)
        raise ValidationError(_("An extension is already awaiting approval."))
    transition_check(
        actor,
        petition.request_extension,
        wrong_step=_("Only a case under review can be extended."),
    )
    extension = Extension(
        procuratorate=petition.procuratorate,
        petition=petition,
        days=days,
        reason=(reason or "").strip(),
        requested_by=actor,
        previous_due_at=petition.review_due_at,
    )
    extension.full_clean()
    extension.save()
    audit_record(
        actor=actor,
        action="supervision.extension.request",
        target=petition,
        after=model_snapshot(extension, fields=["days", "reason", "state"]),
        message=gettext_noop("Review extension requested"),
    )
    open_todo(
        extension,
        STEP_EXTENSION,
        procurators_general(petition),
        due_for_step(STEP_EXTENSION, timezone.now()),
        subject=petition,
    )
    return extension


@transaction.atomic
def extension_decide(*, actor, extension, approve, note=""):
    """Approve (the deadline moves by the days asked) or refuse an extension."""
    # The case first, then its extension: always in this order.
    petition = locked(extension.petition)
    extension = locked(extension)
    transition_check(actor, extension.approve if approve else extension.refuse)
    if approve:
        extension.approve()
        if petition.state == Petition.State.UNDER_REVIEW:
            # Counted from the current deadline, as extensions add up.
            extension.new_due_at = due(
                petition.review_due_at, extension.days, Unit.CALENDAR_DAYS
            )
    else:
        extension.refuse()
    extension.decided_by = actor
    extension.decided_at = timezone.now()
    extension.decision_note = (note or "")[:200]
    extension.save(
        update_fields=[
            "state",
            "decided_by",
            "decided_at",
            "decision_note",
            "new_due_at",
            "updated_at",
        ]
    )
    before = _snapshot(petition)
    if extension.new_due_at:
        petition.review_due_at = extension.new_due_at
        petition.save(update_fields=["review_due_at", "updated_at"])
        todo_close(target=petition, step_code=STEP_REVIEW, actor=actor, cancelled=True)
        open_review_todo(petition)
    audit_record(
        actor=actor,
        action="supervision.extension.approve"
        if approve
        else "supervision.extension.refuse",
        target=petition,
        before=before,
        after=_snapshot(petition),
        message=gettext_noop("Review extension approved")
        if approve
        else gettext_noop("Review extension refused"),
    )
    todo_close(target=extension, step_code=STEP_EXTENSION, actor=actor)
    return extension
