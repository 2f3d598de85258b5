"""The store: items with levels, the low ones first; stock-in and counts."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import StockAdjustForm, StockItemForm, StockReceiveForm
from ._common import SERVICE_ERRORS, report_refusal


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
            "can_manage": request.user.has_perm("disclosure.manage_stock"),
            "receive_form": StockReceiveForm(),
            "adjust_form": StockAdjustForm(initial={"counted": item.quantity}),
        },
    )


@require_POST
@permission_required("disclosure.manage_stock", raise_exception=True)
def stock_item_create(request):
    form = StockItemForm(request.POST)
    if form.is_valid():
        try:
            item = services.stock_item_create(actor=request.user, **form.cleaned_data)
        except SERVICE_ERRORS as exc:
            report_refusal(request, exc)
        else:
            messages.success(request, _("Item added to the store."))
            return redirect("disclosure:stock_item", pk=item.pk)
    else:
        messages.error(request, _("Check the item's fields."))
    return redirect("disclosure:stock_list")


def _item_action(request, pk, form_class, call, done):
    item, _ledger = selectors.stock_item_detail(user=request.user, pk=pk, ledger_size=0)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(item, form.cleaned_data)
        except SERVICE_ERRORS as exc:
            report_refusal(request, exc)
        else:
            messages.success(request, done)
    else:
        messages.error(
            request, "；".join(e for errs in form.errors.values() for e in errs)
        )
    return redirect(reverse("disclosure:stock_item", args=[pk]))


@require_POST
@permission_required("disclosure.manage_stock", raise_exception=True)
def stock_receive(request, pk):
    return _item_action(
        request,
        pk,
        StockReceiveForm,
        lambda item, d: services.stock_receive(
            actor=request.user, item=item, quantity=d["quantity"], note=d["note"]
        ),
        _("Stock-in registered."),
    )


@require_POST
@permission_required("disclosure.manage_stock", raise_exception=True)
def stock_adjust(request, pk):
    return _item_action(
        request,
        pk,
        StockAdjustForm,
        lambda item, d: services.stock_adjust(
            actor=request.user, item=item, counted=d["counted"], reason=d["reason"]
        ),
        _("Stock level corrected."),
    )
