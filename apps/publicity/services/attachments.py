"""Attaching photos and documents to an item (type and size checked)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import Refused, authorize, locked

from ..content import MAX_ATTACHMENTS_PER_ITEM, check_attachment
from ..models import Attachment, Item, ItemEvent
from .items import _event


@transaction.atomic
def attachment_add(*, actor, item, uploaded):
    """Attach one uploaded file to a draft or returned item; return the Attachment."""
    item = locked(item)
    if item.state not in Item.AUTHOR_EDITABLE:
        raise Refused(
            _("Attachments can be added only before submission or when returned.")
        )
    authorize(actor, "publicity.add_attachment", item)
    if item.attachments.count() >= MAX_ATTACHMENTS_PER_ITEM:
        raise ValidationError(
            _("An item may have at most %(max)s attachments.")
            % {"max": MAX_ATTACHMENTS_PER_ITEM}
        )
    kind, content_type = check_attachment(uploaded)
    attachment = Attachment(
        item=item,
        original_name=uploaded.name[-200:],
        kind=kind,
        content_type=content_type,
        size=uploaded.size,
        uploaded_by=actor,
    )
    attachment.file.save(uploaded.name, uploaded, save=False)
    stored = attachment.file
    try:
        attachment.full_clean()
        attachment.save()
    except Exception:
        stored.delete(save=False)
        raise
    _event(
        item,
        actor,
        ItemEvent.Action.ATTACH,
        from_state=item.state,
        comment=attachment.original_name,
    )
    audit_record(
        actor=actor,
        action="publicity.attachment.add",
        target=item,
        after=model_snapshot(attachment),
        message=gettext_noop("Attached a file to an item"),
    )
    return attachment


@transaction.atomic
def attachment_remove(*, actor, attachment):
    """Remove an attachment from a draft or returned item."""
    item = locked(attachment.item)
    if item.state not in Item.AUTHOR_EDITABLE:
        raise Refused(
            _("Attachments can be removed only before submission or when returned.")
        )
    authorize(actor, "publicity.add_attachment", item)
    audit_record(
        actor=actor,
        action="publicity.attachment.remove",
        target=item,
        before=model_snapshot(attachment),
        message=gettext_noop("Removed an attachment from an item"),
    )
    file = attachment.file
    attachment.delete()
    transaction.on_commit(lambda: file.delete(save=False))
