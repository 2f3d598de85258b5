"""The store (库房): every change of a level goes through `stock_change`.

Levels are changed only with the item's row locked (core's `locked`, several
items always in id order so that two callers cannot deadlock), so two issues
at once cannot both take the last box; the database's check constraint is the
last guard against a negative level.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import authorize, locked
from apps.core.scoping import user_procuratorate_id
from apps.todos.services import todo_close, todo_open

from ..models import StockItem, StockMovement
from ._common import audit_created, office_reviewers, save_new

LOW_STOCK_STEP = "disclosure.stock.low"


def stock_change(*, actor, item, change, kind, note="", request=None, line=None):
    """Move a LOCKED item's level by `change` and write the ledger entry."""
    new_level = item.quantity + change
    if new_level < 0:
        raise ValidationError(
            _("The store holds only %(have)s %(unit)s of %(item)s; %(need)s needed.")
            % {
                "have": item.quantity,
                "unit": item.unit,
                "item": item.name,
                "need": -change,
            }
        )
    was_low = item.is_low
    item.quantity = new_level
    item.save(update_fields=["quantity", "updated_at"])
    movement = StockMovement.objects.create(
        procuratorate_id=item.procuratorate_id,
        item=item,
        kind=kind,
        change=change,
        balance_after=new_level,
        request=request,
        line=line,
        note=note[:200],
        actor=actor,
    )
    _follow_low_stock(item, was_low=was_low, actor=actor)
    return movement


def _follow_low_stock(item, *, was_low, actor):
    # The essay: whoever keeps the store proposes a purchase plan before an
    # everyday item runs out. Falling to the level puts that in their to-dos.
    if item.low_stock_level == 0:
        return
    if item.is_low and not was_low:
        todo_open(
            target=item,
            step_code=LOW_STOCK_STEP,
            label=gettext_noop("Propose a purchase plan: stock is low"),
            assignees=office_reviewers(item.procuratorate_id),
            url=item.get_absolute_url(),
            subject=str(item),
        )
    elif was_low and not item.is_low:
        todo_close(target=item, step_code=LOW_STOCK_STEP, actor=actor)


def _locked_own(actor, item):
    """The item's row, locked, refused unless it is in the actor's store."""
    held = locked(item)
    if held.procuratorate_id != user_procuratorate_id(actor):
        raise ValidationError(_("This item is not in your store."))
    return held


@transaction.atomic
def stock_item_create(*, actor, name, unit, low_stock_level=0, quantity=0):
    """Add an item to the store's catalogue, with its opening stock."""
    authorize(actor, "disclosure.manage_stock")
    item = StockItem(
        procuratorate_id=user_procuratorate_id(actor),
        name=name.strip(),
        unit=unit.strip() or "个",
        low_stock_level=low_stock_level,
    )
    save_new(item)
    if quantity:
        stock_change(
            actor=actor,
            item=locked(item),
            change=quantity,
            kind=StockMovement.Kind.IN,
            note=str(_("Opening stock")),
        )
    elif item.low_stock_level:
        _follow_low_stock(item, was_low=False, actor=actor)
    audit_created(
        actor, item, "disclosure.stock_item.create", gettext_noop("Store item added")
    )
    return item


@transaction.atomic
def stock_item_update(*, actor, item, unit, low_stock_level, is_active):
    """Change an item's unit, warning level or whether it is still kept."""
    authorize(actor, "disclosure.manage_stock")
    item = _locked_own(actor, item)
    before = model_snapshot(item)
    was_low = item.is_low
    item.unit = unit
    item.low_stock_level = low_stock_level
    item.is_active = is_active
    item.full_clean()
    item.save(update_fields=["unit", "low_stock_level", "is_active", "updated_at"])
    _follow_low_stock(item, was_low=was_low, actor=actor)
    audit_record(
        actor=actor,
        action="disclosure.stock_item.update",
        target=item,
        before=before,
        after=model_snapshot(item),
        message=gettext_noop("Store item changed"),
    )
    return item


@transaction.atomic
def stock_receive(*, actor, item, quantity, note=""):
    """Register goods into the store outside a request (e.g. a purchase plan)."""
    authorize(actor, "disclosure.manage_stock")
    if quantity <= 0:
        raise ValidationError(_("The quantity must be at least 1."))
    held = _locked_own(actor, item)
    movement = stock_change(
        actor=actor, item=held, change=quantity, kind=StockMovement.Kind.IN, note=note
    )
    audit_record(
        actor=actor,
        action="disclosure.stock.receive",
        target=held,
        after={"change": quantity, "balance": held.quantity, "note": note},
        message=gettext_noop("Goods registered into the store"),
    )
    return movement


@transaction.atomic
def stock_adjust(*, actor, item, counted, reason):
    """Correct an item's level to what a stock count found, with the reason."""
    authorize(actor, "disclosure.manage_stock")
    if counted < 0:
        raise ValidationError(_("A counted quantity cannot be negative."))
    if not reason.strip():
        raise ValidationError(_("Give the reason for the correction."))
    held = _locked_own(actor, item)
    change = counted - held.quantity
    if change == 0:
        return None
    before = held.quantity
    movement = stock_change(
        actor=actor,
        item=held,
        change=change,
        kind=StockMovement.Kind.ADJUST,
        note=reason,
    )
    audit_record(
        actor=actor,
        action="disclosure.stock.adjust",
        target=held,
        before={"quantity": before},
        after={"quantity": counted, "reason": reason},
        message=gettext_noop("Store level corrected after a count"),
    )
    return movement
