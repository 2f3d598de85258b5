"""《工作简报》: the office compiles reviewed items into a numbered issue."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import Refused, authorize, locked, transition_check
from apps.core.numbering import number_next

from ..models import Bulletin, BulletinEntry, Item

# An item goes into the bulletin once the office has passed it.
ELIGIBLE_STATES = (Item.State.REVIEWED, Item.State.SIGNED_OFF, Item.State.DISPATCHED)
# The numbering series of the bulletin's issues (第N期), per procuratorate and year.
BULLETIN_SERIES = "publicity.bulletin"
FIELDS = ["title", "issued_on", "compiled_by_unit", "distribution", "copies"]


def _check_items(procuratorate_id, items):
    if not items:
        raise ValidationError({"items": _("Choose at least one item.")})
    if len({i.pk for i in items}) != len(items):
        raise ValidationError({"items": _("An item is chosen twice.")})
    for item in items:
        if item.procuratorate_id != procuratorate_id:
            raise ValidationError({"items": _("An item belongs to another house.")})
        if item.state not in ELIGIBLE_STATES:
            raise ValidationError(
                {
                    "items": _("%(title)s has not passed the office review yet.")
                    % {"title": item.title}
                }
            )


def _save_entries(bulletin, items):
    BulletinEntry.objects.filter(bulletin=bulletin).delete()
    BulletinEntry.objects.bulk_create(
        BulletinEntry(bulletin=bulletin, item=item, position=n)
        for n, item in enumerate(items, start=1)
    )


def _snapshot(bulletin, items):
    return {**model_snapshot(bulletin), "items": [i.pk for i in items]}


@transaction.atomic
def bulletin_create(*, actor, issued_on, items, **fields):
    """Start the next numbered issue of the year with `items` in that order."""
    authorize(actor, "publicity.manage_bulletins")
    procuratorate_id = actor.staff.procuratorate_id
    _check_items(procuratorate_id, items)
    year = issued_on.year
    bulletin = Bulletin(
        procuratorate_id=procuratorate_id,
        year=year,
        # Issues are numbered per year without gaps.
        number=number_next(
            procuratorate=procuratorate_id, series=BULLETIN_SERIES, year=year
        ),
        issued_on=issued_on,
        editor=actor,
        **{k: v for k, v in fields.items() if k in FIELDS},
    )
    bulletin.full_clean()
    bulletin.save()
    _save_entries(bulletin, items)
    audit_record(
        actor=actor,
        action="publicity.bulletin.create",
        target=bulletin,
        after=_snapshot(bulletin, items),
        message=gettext_noop("Compiled a bulletin"),
    )
    return bulletin


@transaction.atomic
def bulletin_update(*, actor, bulletin, issued_on, items, **fields):
    """Change an issue still being compiled (its number stays)."""
    bulletin = locked(bulletin)
    if bulletin.state != Bulletin.State.DRAFT:
        raise Refused(_("An issued bulletin can no longer be changed."))
    authorize(actor, "publicity.manage_bulletins")
    if bulletin.procuratorate_id != actor.staff.procuratorate_id:
        raise ValidationError(_("This bulletin belongs to another house."))
    _check_items(bulletin.procuratorate_id, items)
    if issued_on.year != bulletin.year:
        raise ValidationError(
            {
                "issued_on": _("The date must stay in the issue's year (%(year)s).")
                % {"year": bulletin.year}
            }
        )
    before = _snapshot(bulletin, [e.item for e in bulletin.entries.all()])
    bulletin.issued_on = issued_on
    for key in FIELDS:
        if key in fields:
            setattr(bulletin, key, fields[key])
    bulletin.full_clean()
    bulletin.save()
    _save_entries(bulletin, items)
    audit_record(
        actor=actor,
        action="publicity.bulletin.update",
        target=bulletin,
        before=before,
        after=_snapshot(bulletin, items),
        message=gettext_noop("Changed a bulletin"),
    )
    return bulletin


@transaction.atomic
def bulletin_issue(*, actor, bulletin):
    """Issue the bulletin: from now on its content is fixed."""
    bulletin = locked(bulletin)
    transition_check(
        actor, bulletin.issue, wrong_step=_("This bulletin has already been issued.")
    )
    if bulletin.procuratorate_id != actor.staff.procuratorate_id:
        raise ValidationError(_("This bulletin belongs to another house."))
    before = model_snapshot(bulletin)
    bulletin.issue()
    bulletin.save(update_fields=["state", "updated_at"])
    audit_record(
        actor=actor,
        action="publicity.bulletin.issue",
        target=bulletin,
        before=before,
        after=model_snapshot(bulletin),
        message=gettext_noop("Issued a bulletin"),
    )
    return bulletin
