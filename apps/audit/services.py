"""Writing the audit trail. Every service calls `audit_record` in its transaction."""

import datetime
import decimal
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from .context import client_address
from .models import AuditEvent


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):  # an empty one has no url: ask for its name
        return value.name or None
    return value


def model_snapshot(instance, fields=None):
    """Return a JSON-ready dict of `instance`'s concrete field values."""
    data = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        data[field.attname] = _jsonable(field.value_from_object(instance))
    return data


def audit_record(
    *,
    actor,
    action,
    target=None,
    before=None,
    after=None,
    message="",
    procuratorate=None,
):
    """Append one event to the audit trail.

    `action` is a dotted code such as "publicity.item.submit"; `message` is an
    untranslated English text. Call inside the service's transaction, so the
    event exists exactly when the change does.
    """
    if procuratorate is None and target is not None:
        procuratorate = getattr(target, "procuratorate", None)
    staff = getattr(actor, "staff", None) if actor is not None else None
    if procuratorate is None and staff is not None:
        procuratorate = staff.procuratorate
    return AuditEvent.objects.create(
        procuratorate=procuratorate,
        actor=actor if actor is not None and actor.pk else None,
        actor_name=(staff.name if staff else getattr(actor, "username", ""))[:150],
        action=action,
        content_type=ContentType.objects.get_for_model(target)
        if target is not None
        else None,
        object_id=str(target.pk) if target is not None else "",
        object_repr=str(target)[:255] if target is not None else "",
        before=_jsonable(before) if before is not None else None,
        after=_jsonable(after) if after is not None else None,
        message=message,
        client_address=client_address.get(),
    )
