"""Exemplars: stories of real colleagues, written and published by the organisers."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record
from apps.core.actions import authorize, locked
from apps.core.uploads import check_upload

from ..models import Exemplar
from ..models.exemplars import PHOTO_MAX_BYTES
from ._common import assign_fields, new_or_locked, save_audited

EXEMPLAR_FIELDS = ["staff", "title", "quality", "story", "photo"]


@transaction.atomic
def exemplar_save(*, actor, fields, exemplar=None):
    """Write (or rewrite) the story of a colleague of our own procuratorate."""
    exemplar = new_or_locked(
        actor,
        exemplar,
        Exemplar,
        creator="created_by",
        check=lambda e: authorize(actor, "integrity.manage_exemplar", e),
    )
    staff = fields.get("staff", exemplar.staff if exemplar.staff_id else None)
    if staff is None or staff.procuratorate_id != exemplar.procuratorate_id:
        raise ValidationError({"staff": _("An exemplar is a colleague of ours.")})
    if not staff.user.is_active:
        raise ValidationError({"staff": _("Choose a colleague who works here now.")})
    if fields.get("photo"):
        try:
            check_upload(fields["photo"], kinds=("images",), max_bytes=PHOTO_MAX_BYTES)
        except ValidationError as exc:
            raise ValidationError({"photo": exc.error_list}) from exc
    # No new photo keeps the one there is.
    kept = {k: v for k, v in fields.items() if k != "photo" or v}
    assign_fields(exemplar, kept, EXEMPLAR_FIELDS)
    return save_audited(
        exemplar,
        actor=actor,
        action="integrity.exemplar.save",
        names=EXEMPLAR_FIELDS,
        message=gettext_noop("Saved an exemplar's story"),
    )


@transaction.atomic
def exemplar_publish(*, actor, exemplar, publish=True):
    """Show the story in the gallery (or take it back out)."""
    exemplar = locked(exemplar)
    authorize(actor, "integrity.manage_exemplar", exemplar)
    exemplar.is_published = publish
    exemplar.published_at = timezone.now() if publish else None
    exemplar.save(update_fields=["is_published", "published_at", "updated_at"])
    audit_record(
        actor=actor,
        action="integrity.exemplar." + ("publish" if publish else "withdraw"),
        target=exemplar,
        message=gettext_noop("Published an exemplar")
        if publish
        else gettext_noop("Withdrew an exemplar"),
    )
    return exemplar
