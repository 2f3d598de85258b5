"""Pages of the cases: the list, the intake form and the case page."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import selectors, services
from ..forms import AttachmentFormSet, PartyFormSet, PetitionFilterForm, PetitionForm
from ..models import Extension
from .actions import extension_actions, outcome_actions, petition_actions
from .common import page_of, recorded

# The steps shown as a card of their own, in this order; the others have
# cards that say more (petition_detail.html).
OWN_CARDS = (
    "register",
    "outcome",
    "follow_up",
    "notes",
    "extension",
    "assign",
    "attachment",
)


@permission_required("supervision.view_petition_list", raise_exception=True)
def petition_list(request):
    """案件列表: only the cases the user may see."""
    form = PetitionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = page_of(request, selectors.petition_list(user=request.user, filters=filters))
    return render(
        request,
        "supervision/petition_list.html",
        {"form": form, "page": page, "petitions": page.object_list},
    )


@permission_required("supervision.add_petition", raise_exception=True)
def petition_create(request):
    """登记申诉: the petition, its parties and the documents handed in."""
    if request.method == "POST":
        form = PetitionForm(request.POST)
        parties = PartyFormSet(request.POST, prefix="party")
        attachments = AttachmentFormSet(request.POST, request.FILES, prefix="file")
        if form.is_valid() and parties.is_valid() and attachments.is_valid():
            response = recorded(
                request,
                form,
                lambda: services.petition_receive(
                    actor=request.user,
                    details=form.cleaned_data,
                    parties=[p.cleaned_data for p in parties if p.has_changed()],
                    attachments=[
                        (a.cleaned_data["kind"], a.cleaned_data["file"])
                        for a in attachments
                        if a.has_changed() and a.cleaned_data.get("file")
                    ],
                ),
                _("The petition was recorded."),
            )
            if response is not None:
                return response
    else:
        form = PetitionForm()
        parties = PartyFormSet(prefix="party")
        attachments = AttachmentFormSet(prefix="file")
    return render(
        request,
        "supervision/petition_form.html",
        {"form": form, "parties": parties, "attachments": attachments},
    )


@permission_required("supervision.view_petition_list", raise_exception=True)
def petition_detail(request, pk):
    """One case; anyone who may not see it is told it does not exist."""
    user = request.user
    petition = selectors.petition_get(user=user, pk=pk)
    services.petition_record_view(actor=user, petition=petition)
    outcome = getattr(petition, "outcome", None)
    extensions = list(petition.extensions.all())
    open_extension = next(
        (e for e in extensions if e.state == Extension.State.REQUESTED), None
    )
    offers = petition_actions.offered(request, petition)
    if outcome is not None:
        offers += outcome_actions.offered(request, outcome)
    if open_extension is not None:
        offers += extension_actions.offered(request, open_extension)
    by_name = {offer.name: offer for offer in offers}
    clues = (
        selectors.clues_visible_to(user).filter(petition=petition)
        if user.has_perm("supervision.view_clue_list")
        else []
    )
    return render(
        request,
        "supervision/petition_detail.html",
        {
            "now": timezone.now(),
            "petition": petition,
            "outcome": outcome,
            "follow_up_step": outcome.follow_up_step if outcome else None,
            "extensions": extensions,
            "open_extension": open_extension,
            "offers": by_name,
            "card_offers": [by_name[n] for n in OWN_CARDS if n in by_name],
            "clues": clues,
            "committee_topic": selectors.committee_topic_for(
                user=user, outcome=outcome
            ),
            "can_add_clue": user.has_perm("supervision.add_clue")
            and user.has_perm("supervision.change_petition", petition),
        },
    )
