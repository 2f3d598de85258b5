"""What every meeting view shares: loading an object the user may see, calling
a service from an action or a form, and serving the PDFs the app renders."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render

from apps.core.actions import form_call
from apps.core.scoping import get_scoped_or_404


def load(model, request, pk, *, perm=None, field="procuratorate"):
    """One object of the user's procuratorate; another's is simply not found.

    With `perm`, the user must also hold it on the object (403 otherwise).
    """
    obj = get_scoped_or_404(model.objects.all(), request.user, field=field, pk=pk)
    if perm is not None and not request.user.has_perm(perm, obj):
        raise PermissionDenied
    return obj


@dataclass(frozen=True)
class ListFilter:
    """One select of a list page's filter form, with the value asked for."""

    name: str
    label: str
    everything: str
    choices: list
    value: str | None


def list_filter(request, name, choices, *, label, everything):
    """The `name` filter from the query string; an unknown value means none."""
    value = request.GET.get(name) or None
    if value not in {v for v, _label in choices}:
        value = None
    return ListFilter(name, label, everything, choices, value)


def form_page(request, form, template, call, *, done):
    """A create page: for a valid POST, `call(cleaned_data)` the service and
    redirect to what it made with `done` as the message; otherwise (or when the
    service refuses or finds bad input) the form again, with its errors."""
    if request.method == "POST" and form.is_valid():
        obj = form_call(form, lambda: call(form.cleaned_data))
        if obj is not None:
            messages.success(request, done)
            return redirect(obj)
    return render(request, template, {"form": form})


def offer_cards(offers, names):
    """The offers among `names`, each shown in a card of its own under the
    action's title, in the order of the ActionSet."""
    return [offer for offer in offers if offer.name in names]


def offers_by_name(offers):
    """The offers of an ActionSet by action name, for pages that place each one."""
    return {offer.name: offer for offer in offers}


def pdf_response(content, filename):
    """A PDF this app rendered itself (never an upload), shown in the browser.

    Meeting records are confidential: the browser keeps no copy.
    """
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
