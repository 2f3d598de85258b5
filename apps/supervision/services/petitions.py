"""Petitions: intake, acceptance, registration, handler, review deadline, access."""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.models import Staff
from apps.todos.services import todo_close, todo_close_all, todo_open
from apps.workdays.clock import due, due_for_step
from apps.workdays.models import Unit

from ..models import (
    AccessGrant,
    Attachment,
    Extension,
    Party,
    Petition,
    Source,
)
from .common import department_heads, lock, procurators_general, require
from .numbering import next_number
from .steps import (
    FOLLOW_UP_STEPS,
    STEP_ACCEPT,
    STEP_EXTENSION,
    STEP_REGISTER,
    STEP_REVIEW,
    open_follow_up_todo,
    open_review_todo,
)

# What a petitioner may hand in, recognised by the file's first bytes as well as
# its name, so a renamed executable is not stored as "evidence.pdf".
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".docx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
}
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


def check_upload(upload):
    """Return (extension, content type) of an acceptable upload, or raise."""
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in ATTACHMENT_SIGNATURES:
        raise ValidationError(
            _("Only PDF, JPEG, PNG and Word files may be attached."), code="type"
        )
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("A file may be at most %(mb)s MB.")
            % {"mb": MAX_ATTACHMENT_BYTES // (1024 * 1024)},
            code="size",
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not head.startswith(ATTACHMENT_SIGNATURES[suffix]):
        raise ValidationError(
            _("The file's content does not match its type %(suffix)s.")
            % {"suffix": suffix},
            code="content",
        )
    return suffix, CONTENT_TYPES[suffix]


def _add_attachment(*, actor, petition, kind, upload):
    _suffix, content_type = check_upload(upload)
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
    require(actor, "supervision.add_petition")
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
    todo_open(
        target=petition,
        step_code=STEP_ACCEPT,
        label=gettext_noop("Accept or refuse the petition"),
        assignees=department_heads(petition),
        url=petition.get_absolute_url(),
        due_at=petition.accept_due_at,
    )
    return petition


@transaction.atomic
def attachment_add(*, actor, petition, kind, upload):
    """Attach one more document to a case that is still open."""
    petition = lock(petition)
    require(actor, "supervision.change_petition", petition)
    if petition.state in (Petition.State.REFUSED, Petition.State.CLOSED):
        raise ValidationError(_("The case is closed; nothing more can be attached."))
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
    petition = lock(petition)
    require(actor, "supervision.decide_acceptance", petition)
    before = _snapshot(petition)
    petition.accept()
    now = timezone.now()
    _serial, petition.letter_number = next_number(
        procuratorate=petition.procuratorate,
        series="accept",
        year=timezone.localdate(now).year,
    )
    petition.decided_at = now
    petition.decided_by = actor
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
    audit_record(
        actor=actor,
        action="supervision.petition.accept",
        target=petition,
        before=before,
        after=_snapshot(petition),
        message=gettext_noop("Petition accepted"),
    )
    todo_close(target=petition, step_code=STEP_ACCEPT, actor=actor)
    todo_open(
        target=petition,
        step_code=STEP_REGISTER,
        label=gettext_noop("Register the case and assign a handler"),
        assignees=department_heads(petition),
        url=petition.get_absolute_url(),
        due_at=petition.register_due_at,
    )
    return petition


@transaction.atomic
def petition_refuse(*, actor, petition, reasons):
    """Refuse the petition (不予受理) with reasons the letter tells the petitioner."""
    petition = lock(petition)
    require(actor, "supervision.decide_acceptance", petition)
    if not (reasons or "").strip():
        raise ValidationError(
            {"decision_note": _("Give the reasons for not accepting the petition.")}
        )
    before = _snapshot(petition)
    petition.refuse()
    now = timezone.now()
    _serial, petition.letter_number = next_number(
        procuratorate=petition.procuratorate,
        series="refuse",
        year=timezone.localdate(now).year,
    )
    petition.decided_at = now
    petition.decided_by = actor
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
    audit_record(
        actor=actor,
        action="supervision.petition.refuse",
        target=petition,
        before=before,
        after=_snapshot(petition),
        message=gettext_noop("Petition not accepted"),
    )
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
    petition = lock(petition)
    require(actor, "supervision.register_petition", petition)
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
    audit_record(
        actor=actor,
        action="supervision.petition.register",
        target=petition,
        before=before,
        after=_snapshot(petition),
        message=gettext_noop("Case registered"),
    )
    todo_close(target=petition, step_code=STEP_REGISTER, actor=actor)
    open_review_todo(petition)
    return petition


@transaction.atomic
def petition_assign_handler(*, actor, petition, handler):
    """Hand a registered, still open case to another member of the department."""
    petition = lock(petition)
    require(actor, "supervision.assign_handler", petition)
    if petition.state not in (Petition.State.UNDER_REVIEW, Petition.State.FOLLOW_UP):
        raise ValidationError(
            _("Only a case under review or being followed up can change handler.")
        )
    _check_handler(petition, handler)
    if handler.pk == petition.handler_id:
        return petition
    before = _snapshot(petition)
    petition.handler = handler
    petition.save(update_fields=["handler", "updated_at"])
    audit_record(
        actor=actor,
        action="supervision.petition.assign",
        target=petition,
        before=before,
        after=_snapshot(petition),
        message=gettext_noop("Handler changed"),
    )
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
    petition = lock(petition)
    require(actor, "supervision.review_petition", petition)
    if petition.state != Petition.State.UNDER_REVIEW:
        raise ValidationError(_("The case is not under review."))
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
def extension_request(*, actor, petition, days, reason):
    """Ask the procurator-general for more time to review (延长审查期限)."""
    petition = lock(petition)
    require(actor, "supervision.request_extension", petition)
    if petition.state != Petition.State.UNDER_REVIEW:
        raise ValidationError(_("Only a case under review can be extended."))
    if petition.extensions.filter(state=Extension.State.REQUESTED).exists():
        raise ValidationError(_("An extension is already awaiting approval."))
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
    todo_open(
        target=extension,
        step_code=STEP_EXTENSION,
        label=gettext_noop("Decide on the review extension"),
        assignees=procurators_general(petition),
        url=petition.get_absolute_url(),
        due_at=due_for_step(STEP_EXTENSION, timezone.now()),
        subject=petition,
    )
    return extension


@transaction.atomic
def extension_decide(*, actor, extension, approve, note=""):
    """Approve (the deadline moves by the days asked) or refuse an extension."""
    petition = lock(extension.petition)
    extension = lock(extension)
    require(actor, "supervision.decide_extension", extension)
    if actor.pk == extension.requested_by_id:
        raise PermissionDenied
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


@transaction.atomic
def petition_record_view(*, actor, petition, what="detail"):
    """Write the opening of a case (its page, a PDF, an attachment) to the trail.

    The caller has already checked that `actor` may see the case.
    """
    require(actor, "supervision.view_petition", petition)
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


@transaction.atomic
def access_grant(*, actor, petition, grantee, reason, expires_on=None):
    """Let one person outside the department see one case (never act on it)."""
    petition = lock(petition)
    require(actor, "supervision.grant_access", petition)
    staff = Staff.objects.filter(user=grantee).first()
    if (
        staff is None
        or not grantee.is_active
        or staff.procuratorate_id != petition.procuratorate_id
    ):
        raise ValidationError(
            {"grantee": _("Access can be given only to staff of this procuratorate.")}
        )
    if staff.department_id == petition.department_id:
        raise ValidationError(
            {"grantee": _("Members of the department already see the case.")}
        )
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why access is needed.")})
    if expires_on is not None and expires_on < timezone.localdate():
        raise ValidationError({"expires_on": _("The end date has passed already.")})
    existing = AccessGrant.objects.filter(
        petition=petition, grantee=grantee, revoked_at__isnull=True
    ).first()
    if existing is not None:
        raise ValidationError(
            {"grantee": _("This person already has access to the case.")}
        )
    grant = AccessGrant(
        procuratorate=petition.procuratorate,
        petition=petition,
        grantee=grantee,
        granted_by=actor,
        reason=reason.strip(),
        expires_on=expires_on,
    )
    grant.full_clean()
    grant.save()
    audit_record(
        actor=actor,
        action="supervision.access.grant",
        target=petition,
        after=model_snapshot(grant, fields=["grantee", "reason", "expires_on"]),
        message=gettext_noop("Access to the case granted"),
    )
    return grant


@transaction.atomic
def access_revoke(*, actor, grant):
    """End an access grant at once."""
    grant = lock(grant)
    require(actor, "supervision.grant_access", grant.petition)
    if grant.revoked_at is not None:
        return grant
    grant.revoked_at = timezone.now()
    grant.revoked_by = actor
    grant.save(update_fields=["revoked_at", "revoked_by", "updated_at"])
    audit_record(
        actor=actor,
        action="supervision.access.revoke",
        target=grant.petition,
        before=model_snapshot(grant, fields=["grantee", "reason", "expires_on"]),
        message=gettext_noop("Access to the case revoked"),
    )
    return grant
