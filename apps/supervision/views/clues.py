"""The clue register's pages: list, register, detail with its steps."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..forms import ClueConcludeForm, ClueDecideForm, ClueForm, ClueReportForm
from ..models import Clue
from .common import attach_errors, check_perm, perform


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
    page = Paginator(
        selectors.clue_list(user=request.user, filters=filters), 25
    ).get_page(request.GET.get("page"))
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
            try:
                clue = services.clue_register(actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("The clue was registered."))
                return redirect(clue)
    else:
        initial = {}
        if (request.GET.get("petition") or "").isdigit():
            initial["petition"] = petitions.filter(pk=request.GET["petition"]).first()
        form = ClueForm(petitions=petitions, initial=initial)
    return render(request, "supervision/clue_form.html", {"form": form})


def _clue_context(request, clue, bound=None):
    user = request.user
    bound = bound or {}
    forms = {}
    candidates = selectors.procuratorate_staff(procuratorate_id=clue.procuratorate_id)
    if clue.state == Clue.State.REGISTERED and user.has_perm(
        "supervision.report_clue", clue
    ):
        forms["report"] = bound.get("report") or ClueReportForm()
    if clue.state == Clue.State.REPORTED and user.has_perm(
        "supervision.decide_clue", clue
    ):
        forms["decide"] = bound.get("decide") or ClueDecideForm(candidates=candidates)
    if clue.state == Clue.State.INQUIRY and user.has_perm(
        "supervision.conclude_clue", clue
    ):
        forms["conclude"] = bound.get("conclude") or ClueConcludeForm()
    return {"clue": clue, "forms": forms}


@permission_required("supervision.view_clue_list", raise_exception=True)
def clue_detail(request, pk):
    clue = selectors.clue_get(user=request.user, pk=pk)
    services.clue_record_view(actor=request.user, clue=clue)
    return render(request, "supervision/clue_detail.html", _clue_context(request, clue))


def _clue_action(request, pk, perm, key, build, action, success):
    clue = selectors.clue_get(user=request.user, pk=pk)
    check_perm(request.user, perm, clue)
    form = build(clue)
    return perform(
        request,
        form,
        lambda data: action(clue, data),
        success=success,
        redirect_to=clue,
        on_error=lambda: render(
            request,
            "supervision/clue_detail.html",
            _clue_context(request, clue, {key: form}),
        ),
    )


@require_POST
@permission_required("supervision.view_clue_list", raise_exception=True)
def clue_report(request, pk):
    return _clue_action(
        request,
        pk,
        "supervision.report_clue",
        "report",
        lambda clue: ClueReportForm(request.POST),
        lambda clue, data: services.clue_report(
            actor=request.user, clue=clue, note=data["note"]
        ),
        _("The clue was reported to the procurator-general."),
    )


@require_POST
@permission_required("supervision.view_clue_list", raise_exception=True)
def clue_decide(request, pk):
    return _clue_action(
        request,
        pk,
        "supervision.decide_clue",
        "decide",
        lambda clue: ClueDecideForm(
            request.POST,
            candidates=selectors.procuratorate_staff(
                procuratorate_id=clue.procuratorate_id
            ),
        ),
        lambda clue, data: services.clue_decide(actor=request.user, clue=clue, **data),
        _("The decision was recorded."),
    )


@require_POST
@permission_required("supervision.view_clue_list", raise_exception=True)
def clue_conclude(request, pk):
    return _clue_action(
        request,
        pk,
        "supervision.conclude_clue",
        "conclude",
        lambda clue: ClueConcludeForm(request.POST),
        lambda clue, data: services.clue_conclude(
            actor=request.user, clue=clue, **data
        ),
        _("The inquiry was concluded."),
    )
