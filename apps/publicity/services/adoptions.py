"""Recording that an outlet used a dispatched item (采用)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import Refused, authorize, locked

from ..content import check_clipping
from ..models import Adoption, Item, ItemEvent, PayoutLedger
from .items import _event


@transaction.atomic
def adoption_record(
    *, actor, item, outlet, adopted_on, form, link="", clipping=None, note=""
):
    """Record one adoption of a dispatched item; an item may be adopted many times."""
    item = locked(item)
    if item.state != Item.State.DISPATCHED:
        raise Refused(_("Only a dispatched item can be recorded as adopted."))
    authorize(actor, "publicity.record_adoption", item)
    errors = {}
    today = timezone.localdate()
    if adopted_on > today:
        errors["adopted_on"] = _("The date of adoption cannot be in the future.")
    elif adopted_on < timezone.localtime(item.dispatched_at).date():
        errors["adopted_on"] = _(
            "The item was dispatched on %(date)s; it cannot have been adopted before."
        ) % {"date": timezone.localtime(item.dispatched_at).date().isoformat()}
    if not outlet.is_active:
        errors["outlet"] = _("This outlet is no longer in use.")
    if errors:
        raise ValidationError(errors)
    if PayoutLedger.objects.filter(
        procuratorate_id=item.procuratorate_id,
        year=adopted_on.year,
        state=PayoutLedger.State.APPROVED,
    ).exists():
        raise ValidationError(
            {
                "adopted_on": _(
                    "The payout of %(year)s has been approved and is frozen; "
                    "adoptions of that year can no longer be recorded."
                )
                % {"year": adopted_on.year}
            }
        )
    adoption = Adoption(
        procuratorate_id=item.procuratorate_id,
        item=item,
        outlet=outlet,
        adopted_on=adopted_on,
        form=form,
        link=(link or "").strip(),
        note=(note or "").strip(),
        recorded_by=actor,
    )
    if clipping:
        check_clipping(clipping)
        adoption.clipping_name = clipping.name[-200:]
    adoption.full_clean(exclude=["clipping"])
    if Adoption.objects.filter(
        item=item, outlet=outlet, adopted_on=adopted_on, form=form
    ).exists():
        raise ValidationError(_("This adoption has already been recorded."))
    if clipping:
        adoption.clipping.save(clipping.name, clipping, save=False)
    try:
        with transaction.atomic():
            adoption.save()
    except IntegrityError:
        if adoption.clipping:
            adoption.clipping.delete(save=False)
        raise ValidationError(_("This adoption has already been recorded.")) from None
    _event(
        item,
        actor,
        ItemEvent.Action.ADOPT,
        from_state=item.state,
        comment=f"{outlet.name} {adopted_on.isoformat()} {adoption.get_form_display()}",
    )
    audit_record(
        actor=actor,
        action="publicity.adoption.record",
        target=adoption,
        after=model_snapshot(adoption),
        message=gettext_noop("Recorded an adoption"),
    )
    return adoption
