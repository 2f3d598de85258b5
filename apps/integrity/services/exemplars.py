"""Exemplars: stories of real colleagues, written and published by the organisers."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot

from ..models import Exemplar

EXEMPLAR_FIELDS = ["staff", "title", "quality", "story", "photo"]


def _require(actor, perm, obj=None):
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(_("You may not do this."))


@transaction.atomic
def exemplar_save(*, actor, fields, exemplar=None):
    """Write (or rewrite) the story of a colleague of our own procuratorate."""
    _require(actor, "integrity.organise")
    if exemplar is None:
        exemplar = Exemplar(
            procuratorate_id=actor.staff.procuratorate_id, created_by=actor
        )
    else:
        exemplar = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
        _require(actor, "integrity.manage_exemplar", exemplar)
    staff = fields.get("staff", exemplar.staff if exemplar.staff_id else None)
    if staff is None or staff.procuratorate_id != exemplar.procuratorate_id:
        raise ValidationError({"staff": _("An exemplar is a colleague of ours.")})
    if not staff.user.is_active:
        raise ValidationError({"staff": _("Choose a colleague who works here now.")})
    for name in EXEMPLAR_FIELDS:
        if name in fields and not (name == "photo" and not fields[name]):
            setattr(exemplar, name, fields[name])
    exemplar.full_clean()
    exemplar.save()
    audit_record(
        actor=actor,
        action="integrity.exemplar.save",
        target=exemplar,
        # The photo by name: the audit snapshot cannot read an empty FileField.
        after={
            **model_snapshot(exemplar, fields=["staff", "title", "quality", "story"]),
            "photo": exemplar.photo.name or None,
        },
        message=gettext_noop("Saved an exemplar's story"),
    )
    return exemplar


@transaction.atomic
def exemplar_publish(*, actor, exemplar, publish=True):
    exemplar = Exemplar.objects.select_for_update().get(pk=exemplar.pk)
    _require(actor, "integrity.manage_exemplar", exemplar)
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
