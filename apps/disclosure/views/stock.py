"""The store: items with levels, the low ones first; stock-in and counts."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from apps.core.actions import Action, ActionSet

from .. import selectors, services
from ..forms import StockAdjustForm, StockItemForm, StockReceiveForm

stock_actions = ActionSet(
    "disclosure:stock_act",
    load=lambda request, pk: selectors.stock_item_detail(
        user=request.user, pk=pk, ledger_size=0
    )[0],
    actions=[
        Action(
            "receive",
            _("Register"),
            title=_("Stock-in"),
            perm="disclosure.manage_stock",
            form=StockReceiveForm,
            run=lambda user, item, d: services.stock_receive(
                actor=user, item=item, quantity=d["quantity"], note=d["note"]
            ),
            done=_("Stock-in registered."),
        ),
        Action(
            "adjust",
            _("Correct the level"),
            title=_("Stock count"),
            perm="disclosure.manage_stock",
            form=StockAdjustForm,
            form_kwargs=lambda request, item: {"initial": {"counted": item.quantity}},
            style="outline-secondary",
            run=lambda user, item, d: services.stock_adjust(
                actor=user, item=item, counted=d["counted"], reason=d["reason"]
            ),
            done=_("Stock level corrected."),
        ),
    ],
)


@permission_required("disclosure.view_stock", raise_exception=True)
def stock_list(request):
    items = list(selectors.stock_item_list(user=request.user))
    return render(
        request,
        "disclosure/stock_list.html",
        {
            "items": items,
            "low_count": sum(1 for i in items if i.is_active and i.is_low),
            "can_manage": request.user.has_perm("disclosure.manage_stock"),
            "form": StockItemForm(),
        },
    )


@permission_required("disclosure.view_stock", raise_exception=True)
def stock_item_detail(request, pk):
    item, ledger = selectors.stock_item_detail(user=request.user, pk=pk)
    return render(
        request,
        "disclosure/stock_item.html",
        {
            "item": item,
            "ledger": ledger,
            "offers": stock_actions.offered(request, item),
        },
    )


@require_POST
@permission_required("disclosure.manage_stock", raise_exception=True)
def stock_item_create(request):
    form = StockItemForm(request.POST)
    if form.is_valid():
        try:
            item = services.stock_item_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, _("Item added to the store."))
            return redirect("disclosure:stock_item", pk=item.pk)
    else:
        messages.error(request, _("Check the item's fields."))
    return redirect("disclosure:stock_list")
