"""Petitions: intake, acceptance, registration, handler, review deadline, access."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import authorize, locked, transition_check
from apps.core.uploads import check_upload
from apps.todos.services import todo_close, todo_close_all
from apps.workdays.clock import due_for_step

from ..models import Attachment, Party, Petition, Source
from .common import department_heads, step_auditor
from .numbering import next_number
from .steps import (
    FOLLOW_UP_STEPS,
    STEP_ACCEPT,
    STEP_REGISTER,
    STEP_REVIEW,
    open_follow_up_todo,
    open_review_todo,
    open_todo,
)

# What a petitioner may hand in: documents and scans (PDF, Word, WPS, text,
# JPEG, PNG), recognised by their content as well as their name.
ATTACHMENT_KINDS = ("documents", "images")
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# Sources where someone referred the petition and must be named.
REFERRED_SOURCES = frozenset(
    {
        Source.LAWYER,
        Source.JUDICIAL_OFFICE,
        Source.STREET_OFFICE,
        Source.OTHER_DEPARTMENT,
        Source.UPPER_PROCURATORATE,
    }
)
PETITION_FIELDS = [
    "source",
    "source_detail",
    "received_on",
    "case_type",
    "cause",
    "court_name",
    "court_level",
    "judgment_number",
    "judgment_kind",
    "judgment_date",
    "request",
    "grounds",
]
PARTY_FIELDS = [
    "role",
    "kind",
    "name",
    "id_number",
    "legal_representative",
    "phone",
    "address",
    "agent",
]


def _snapshot(petition):
    return model_snapshot(
        petition,
        fields=[
            "state",
            "handler",
            "case_number",
            "letter_number",
            "review_due_at",
            "closed_at",
        ],
    )


_audit = step_auditor("petition", _snapshot)


def _number_letter(actor, petition, series):
    """Number the acceptance or refusal letter, and say who decided when."""
    now = timezone.now()
    _serial, petition.letter_number = next_number(
        procuratorate=petition.procuratorate,
        series=series,
        year=timezone.localdate(now).year,
    )
    petition.decided_at = now
    petition.decided_by = actor
    return now


def _add_attachment(*, actor, petition, kind, upload):
    content_type = check_upload(
        upload, kinds=ATTACHMENT_KINDS, max_bytes=MAX_ATTACHMENT_BYTES
    )
    attachment = Attachment(
        petition=petition,
        kind=kind,
        original_name=Path(upload.name).name[:200],
        size=upload.size,
        content_type=content_type,
        uploaded_by=actor,
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment.full_clean()
    attachment.save()
    return attachment


def _check_parties(source, parties):
    if not parties and source != Source.OWN_INITIATIVE:
        raise ValidationError(_("Name at least the petitioner."), code="no_parties")
    has_petitioner = any(p.get("role") == Party.Role.PETITIONER for p in parties)
    if source != Source.OWN_INITIATIVE and not has_petitioner:
        raise ValidationError(
            _("A petition needs at least one petitioner."), code="no_petitioner"
        )
    for party in parties:
        if (
            not party.get("phone")
            and not party.get("address")
            and (party.get("role") == Party.Role.PETITIONER)
        ):
            raise ValidationError(
                _("Give a phone number or an address for each petitioner."),
                code="no_contact",
            )


@transaction.atomic
def petition_receive(*, actor, details, parties, attachments=()):
    """Record a petition handed in (or a case taken up on the office's initiative).

    `details` holds the Petition fields of PETITION_FIELDS, `parties` a list of
    dicts with PARTY_FIELDS, `attachments` a list of (kind, uploaded file).
    The department head is asked to accept or refuse it within the time limit.
    """
    authorize(actor, "supervision.add_petition")
    staff = actor.staff
    details = {k: v for k, v in details.items() if k in PETITION_FIELDS}
    source = details.get("source")
    if source in REFERRED_SOURCES and not (details.get("source_detail") or "").strip():
        raise ValidationError(
            {"source_detail": _("Say who referred the petition.")}, code="referrer"
        )
    _check_parties(source, parties)
    now = timezone.now()
    petition = Petition(
        procuratorate=staff.procuratorate,
        department=staff.department,
        received_by=actor,
        accept_due_at=due_for_step(STEP_ACCEPT, now),
        **details,
    )
    if petition.received_on and petition.received_on > timezone.localdate():
        raise ValidationError(
            {"received_on": _("The date received cannot be in the future.")}
        )
    petition.full_clean()
    petition.save()
    for data in parties:
        party = Party(petition=petition, **{k: data.get(k, "") for k in PARTY_FIELDS})
        party.full_clean()
        party.save()
    for kind, upload in attachments:
        _add_attachment(actor=actor, petition=petition, kind=kind, upload=upload)
    audit_record(
        actor=actor,
        action="supervision.petition.receive",
        target=petition,
        after=model_snapshot(petition, fields=["state", "source", "case_type"]),
        message=gettext_noop("Petition received"),
    )
    open_todo(petition, STEP_ACCEPT, department_heads(petition), petition.accept_due_at)
    return petition


@transaction.atomic
def attachment_add(*, actor, petition, kind, upload):
    """Attach one more document to a case that is still open."""
    petition = locked(petition)
    transition_check(
        actor,
        petition.add_attachment,
        wrong_step=_("The case is closed; nothing more can be attached."),
    )
    attachment = _add_attachment(
        actor=actor, petition=petition, kind=kind, upload=upload
    )
    audit_record(
        actor=actor,
        action="supervision.attachment.add",
        target=petition,
        after={"attachment": attachment.pk, "name": attachment.original_name},
        message=gettext_noop("Attachment added"),
    )
    return attachment


@transaction.atomic
def petition_accept(*, actor, petition):
    """Accept the petition (受理): number the letter, ask for registration."""
    petition = locked(petition)
    transition_check(actor, petition.accept)
    before = _snapshot(petition)
    petition.accept()
    now = _number_letter(actor, petition, "accept")
    petition.register_due_at = due_for_step(STEP_REGISTER, now)
    petition.full_clean()
    petition.save(
        update_fields=[
            "state",
            "letter_number",
            "decided_at",
            "decided_by",
            "register_due_at",
            "updated_at",
        ]
    )
    _audit(actor, petition, "accept", before, gettext_noop("Petition accepted"))
    todo_close(target=petition, step_code=STEP_ACCEPT, actor=actor)
    open_todo(
        petition, STEP_REGISTER, department_heads(petition), petition.register_due_at
    )
    return petition


@transaction.atomic
def petition_refuse(*, actor, petition, reasons):
    """Refuse the petition (不予受理) with reasons the letter tells the petitioner."""
    petition = locked(petition)
    transition_check(actor, petition.refuse)
    if not (reasons or "").strip():
        raise ValidationError(
            {"decision_note": _("Give the reasons for not accepting the petition.")}
        )
    before = _snapshot(petition)
    petition.refuse()
    now = _number_letter(actor, petition, "refuse")
    petition.decision_note = reasons.strip()
    petition.closed_at = now
    petition.full_clean()
    petition.save(
        update_fields=[
            "state",
            "letter_number",
            "decided_at",
            "decided_by",
            "decision_note",
            "closed_at",
            "updated_at",
        ]
    )
    _audit(actor, petition, "refuse", before, gettext_noop("Petition not accepted"))
    todo_close_all(target=petition, actor=actor)
    return petition


def _check_handler(petition, handler):
    staff = getattr(handler, "staff", None)
    if (
        staff is None
        or not handler.is_active
        or staff.department_id != petition.department_id
    ):
        raise ValidationError(
            {"handler": _("The handler must be an active member of the department.")}
        )


@transaction.atomic
def petition_register(*, actor, petition, handler):
    """Register the case (立案): give it the year's next case number and a handler.

    The review deadline starts now, per the catalogue's supervision.review.
    """
    petition = locked(petition)
    transition_check(actor, petition.register)
    _check_handler(petition, handler)
    before = _snapshot(petition)
    petition.register()
    now = timezone.now()
    petition.case_year = timezone.localdate(now).year
    petition.case_serial, petition.case_number = next_number(
        procuratorate=petition.procuratorate, series="case", year=petition.case_year
    )
    petition.registered_at = now
    petition.registered_by = actor
    petition.handler = handler
    petition.review_due_at = due_for_step(STEP_REVIEW, now)
    petition.full_clean()
    petition.save(
        update_fields=[
            "state",
            "case_year",
            "case_serial",
            "case_number",
            "registered_at",
            "registered_by",
            "handler",
            "review_due_at",
            "updated_at",
        ]
    )
    _audit(actor, petition, "register", before, gettext_noop("Case registered"))
    todo_close(target=petition, step_code=STEP_REGISTER, actor=actor)
    open_review_todo(petition)
    return petition


@transaction.atomic
def petition_assign_handler(*, actor, petition, handler):
    """Hand a registered, still open case to another member of the department."""
    petition = locked(petition)
    transition_check(actor, petition.assign_handler)
    _check_handler(petition, handler)
    if handler.pk == petition.handler_id:
        return petition
    before = _snapshot(petition)
    petition.handler = handler
    petition.save(update_fields=["handler", "updated_at"])
    _audit(actor, petition, "assign", before, gettext_noop("Handler changed"))
    # Whatever waited for the old handler now waits for the new one.
    if petition.state == Petition.State.UNDER_REVIEW:
        todo_close(target=petition, step_code=STEP_REVIEW, actor=actor, cancelled=True)
        open_review_todo(petition)
    elif petition.outcome.follow_up_step:
        outcome = petition.outcome
        todo_close(
            target=outcome,
            step_code=FOLLOW_UP_STEPS[outcome.follow_up_step],
            actor=actor,
            cancelled=True,
        )
        open_follow_up_todo(outcome)
    return petition


@transaction.atomic
def petition_save_review_notes(*, actor, petition, notes):
    """Keep the handler's working notes of the review (审查笔记)."""
    petition = locked(petition)
    transition_check(actor, petition.keep_review_notes)
    petition.review_notes = notes
    petition.save(update_fields=["review_notes", "updated_at"])
    audit_record(
        actor=actor,
        action="supervision.petition.review_notes",
        target=petition,
        message=gettext_noop("Review notes saved"),
    )
    return petition


@transaction.atomic
def petition_record_view(*, actor, petition, what="detail"):
    """Write the opening of a case (its page, a PDF, an attachment) to the trail.

    The caller has already checked that `actor` may see the case.
    """
    authorize(actor, "supervision.view_petition", petition)
    messages = {
        "detail": gettext_noop("Case opened"),
        "pdf": gettext_noop("Case document downloaded"),
        "attachment": gettext_noop("Case attachment downloaded"),
    }
    return audit_record(
        actor=actor,
        action=f"supervision.petition.view_{what}",
        target=petition,
        message=messages[what],
    )
