"""Access to one case for someone outside its department: given, and ended."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import authorize, locked
from apps.core.models import Staff

from ..models import AccessGrant


@transaction.atomic
def access_grant(*, actor, petition, grantee, reason, expires_on=None):
    """Let one person outside the department see one case (never act on it)."""
    petition = locked(petition)
    authorize(actor, "supervision.grant_access", petition)
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
    grant = locked(grant, related=("petition",))
    authorize(actor, "supervision.revoke_access", grant)
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
