"""The clue register's pages: list, register, detail with its steps."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .. import selectors, services
from ..forms import ClueForm
from ..models import Clue
from .actions import clue_actions
from .common import page_of, recorded


def _open_cases(user):
    return (
        selectors.petitions_visible_to(user)
        .filter(department_id=user.staff.department_id, registered_at__isnull=False)
        .order_by("-registered_at")
    )


@permission_required("supervision.view_clue_list", raise_exception=True)
def clue_list(request):
    state = request.GET.get("state") or ""
    filters = {"state": state} if state in Clue.State.values else {}
    page = page_of(request, selectors.clue_list(user=request.user, filters=filters))
    return render(
        request,
        "supervision/clue_list.html",
        {
            "page": page,
            "clues": page.object_list,
            "states": Clue.State.choices,
            "state": state,
        },
    )


@permission_required("supervision.add_clue", raise_exception=True)
def clue_create(request):
    petitions = _open_cases(request.user)
    if request.method == "POST":
        form = ClueForm(request.POST, petitions=petitions)
        if form.is_valid():
            response = recorded(
                request,
                form,
                lambda: services.clue_register(actor=request.user, **form.cleaned_data),
                _("The clue was registered."),
            )
            if response is not None:
                return response
    else:
        initial = {}
        if (request.GET.get("petition") or "").isdigit():
            initial["petition"] = petitions.filter(pk=request.GET["petition"]).first()
        form = ClueForm(petitions=petitions, initial=initial)
    return render(request, "supervision/clue_form.html", {"form": form})


@permission_required("supervision.view_clue_list", raise_exception=True)
def clue_detail(request, pk):
    clue = selectors.clue_get(user=request.user, pk=pk)
    services.clue_record_view(actor=request.user, clue=clue)
    return render(
        request,
        "supervision/clue_detail.html",
        {"clue": clue, "offers": clue_actions.offered(request, clue)},
    )
