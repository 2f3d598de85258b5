"""Pages of the cases: list, intake, detail with its action forms, attachments."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_fsm import TransitionNotAllowed

from .. import selectors, services
from ..forms import (
    ApproveForm,
    AttachmentForm,
    AttachmentFormSet,
    CourtReplyForm,
    ExtensionDecideForm,
    ExtensionRequestForm,
    GrantForm,
    HandlerForm,
    NotesForm,
    OutcomeForm,
    PartyFormSet,
    PetitionFilterForm,
    PetitionForm,
    RefuseForm,
    RetrialResultForm,
    ReturnForm,
    UpperDecisionForm,
)
from ..models import Extension, Outcome, Petition
from .common import STATE_CHANGED, attach_errors, check_perm, perform

FOLLOW_UP_FORMS = {
    "upper_decision": UpperDecisionForm,
    "court_reply": CourtReplyForm,
    "retrial_result": RetrialResultForm,
}


@permission_required("supervision.view_petition_list", raise_exception=True)
def petition_list(request):
    """案件列表: only the cases the user may see."""
    form = PetitionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(
        selectors.petition_list(user=request.user, filters=filters), 25
    ).get_page(request.GET.get("page"))
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
            try:
                petition = services.petition_receive(
                    actor=request.user,
                    details=form.cleaned_data,
                    parties=[p.cleaned_data for p in parties if p.has_changed()],
                    attachments=[
                        (a.cleaned_data["kind"], a.cleaned_data["file"])
                        for a in attachments
                        if a.has_changed() and a.cleaned_data.get("file")
                    ],
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("The petition was recorded."))
                return redirect(petition)
    else:
        form = PetitionForm()
        parties = PartyFormSet(prefix="party")
        attachments = AttachmentFormSet(prefix="file")
    return render(
        request,
        "supervision/petition_form.html",
        {"form": form, "parties": parties, "attachments": attachments},
    )


def _detail_context(request, petition, bound=None):
    """The case page: its facts plus the forms of the steps this user may take."""
    user = request.user
    bound = bound or {}
    outcome = getattr(petition, "outcome", None)
    state = petition.state
    S = Petition.State
    forms = {}

    def offer(key, perm, obj, condition, build):
        if condition and user.has_perm(perm, obj):
            forms[key] = bound.get(key) or build()

    members = selectors.department_members(department=petition.department)
    offer(
        "refuse",
        "supervision.decide_acceptance",
        petition,
        state == S.RECEIVED,
        RefuseForm,
    )
    offer(
        "register",
        "supervision.register_petition",
        petition,
        state == S.ACCEPTED,
        lambda: HandlerForm(members=members),
    )
    offer(
        "assign",
        "supervision.assign_handler",
        petition,
        state in (S.UNDER_REVIEW, S.FOLLOW_UP),
        lambda: HandlerForm(
            members=members,
            initial={"handler": getattr(petition.handler, "staff", None)},
        ),
    )
    offer(
        "notes",
        "supervision.review_petition",
        petition,
        state == S.UNDER_REVIEW,
        lambda: NotesForm(initial={"notes": petition.review_notes}),
    )
    extensions = list(petition.extensions.all())
    open_extension = next(
        (e for e in extensions if e.state == Extension.State.REQUESTED), None
    )
    offer(
        "extension",
        "supervision.request_extension",
        petition,
        state == S.UNDER_REVIEW and open_extension is None,
        ExtensionRequestForm,
    )
    offer(
        "extension_decide",
        "supervision.decide_extension",
        open_extension,
        open_extension is not None and open_extension.requested_by_id != user.pk,
        ExtensionDecideForm,
    )
    returned = outcome if outcome and outcome.state == Outcome.State.RETURNED else None
    offer(
        "outcome",
        "supervision.propose_outcome",
        petition,
        state == S.UNDER_REVIEW,
        lambda: OutcomeForm(
            initial={
                "kind": returned.kind,
                "suggestion_scope": returned.suggestion_scope,
                "recipient": returned.recipient,
                "opinion": returned.opinion,
                "is_major": returned.is_major,
            }
            if returned
            else {"recipient": petition.court_name}
        ),
    )
    if outcome is not None and outcome.proposed_by_id != user.pk:
        if outcome.state == Outcome.State.AWAITING_HEAD:
            offer(
                "approve",
                "supervision.approve_outcome_as_head",
                outcome,
                True,
                ApproveForm,
            )
        elif outcome.state == Outcome.State.AWAITING_PG:
            offer(
                "approve",
                "supervision.approve_outcome_as_pg",
                outcome,
                True,
                ApproveForm,
            )
        if "approve" in forms:
            forms["return"] = bound.get("return") or ReturnForm()
    step = outcome.follow_up_step if outcome else None
    offer(
        "follow_up",
        "supervision.record_follow_up",
        outcome,
        step is not None,
        lambda: FOLLOW_UP_FORMS[step](),
    )
    offer(
        "grant",
        "supervision.grant_access",
        petition,
        True,
        lambda: GrantForm(candidates=selectors.grantable_staff(petition=petition)),
    )
    offer(
        "attachment",
        "supervision.change_petition",
        petition,
        state not in (S.REFUSED, S.CLOSED),
        AttachmentForm,
    )
    can_send_to_committee = (
        outcome is not None
        and outcome.committee_topic_id is None
        and outcome.state in services.COMMITTEE_SENDABLE_STATES
        and user.has_perm("supervision.send_to_committee", petition)
    )
    clues = (
        selectors.clues_visible_to(user).filter(petition=petition)
        if user.has_perm("supervision.view_clue_list")
        else []
    )
    return {
        "now": timezone.now(),
        "petition": petition,
        "outcome": outcome,
        "follow_up_step": step,
        "extensions": extensions,
        "open_extension": open_extension,
        "forms": forms,
        "clues": clues,
        "can_send_to_committee": can_send_to_committee,
        "committee_topic": selectors.committee_topic_for(user=user, outcome=outcome),
        "can_add_clue": user.has_perm("supervision.add_clue")
        and user.has_perm("supervision.change_petition", petition),
    }


def _render_detail(request, petition, bound=None):
    return render(
        request,
        "supervision/petition_detail.html",
        _detail_context(request, petition, bound),
    )


@permission_required("supervision.view_petition_list", raise_exception=True)
def petition_detail(request, pk):
    """One case; anyone who may not see it is told it does not exist."""
    petition = selectors.petition_get(user=request.user, pk=pk)
    services.petition_record_view(actor=request.user, petition=petition)
    return _render_detail(request, petition)


def _petition_action(request, pk, perm, form_key, form, action, success):
    """Shared shape of a POST on the case page."""
    petition = selectors.petition_get(user=request.user, pk=pk)
    check_perm(request.user, perm, petition)
    if callable(form):  # a builder that needs the case, e.g. to list its members
        form = form(petition)
    return perform(
        request,
        form,
        lambda data: action(petition, data),
        success=success,
        redirect_to=petition,
        on_error=lambda: _render_detail(request, petition, {form_key: form}),
    )


@require_POST
@permission_required("supervision.view_petition_list", raise_exception=True)
def petition_accept(request, pk):
    petition = selectors.petition_get(user=request.user, pk=pk)
    check_perm(request.user, "supervision.decide_acceptance", petition)
    form = forms.Form(request.POST)  # nothing to fill in: acceptance is one click
    return perform(
        request,
        form,
        lambda data: services.petition_accept(actor=request.user, petition=petition),
        success=_("The petition was accepted; the acceptance letter is numbered."),
        redirect_to=petition,
        on_error=lambda: _render_detail(request, petition),
    )


@require_POST
@permission_required("supervision.view_petition_list", raise_exception=True)
def petition_refuse(request, pk):
    return _petition_action(
        request,
        pk,
        "supervision.decide_acceptance",
        "refuse",
        RefuseForm(request.POST),
        lambda petition, data: services.petition_refuse(
            actor=request.user, petition=petition, reasons=data["reasons"]
        ),
        _("The petition was not accepted; the letter is numbered."),
    )


def _members_form(request):
    def build(petition):
        return HandlerForm(
            request.POST,
            members=selectors.department_members(department=petition.department),
        )

    return build


@require_POST
@permission_required("supervision.view_petition_list", raise_exception=True)
def petition_register(request, pk):
    return _petition_action(
        request,
        pk,
        "supervision.register_petition",
        "register",
        _members_form(request),
        lambda petition, data: services.petition_register(
            actor=request.user, petition=petition, handler=data["handler"]
        ),
        _("The case was registered."),
    )


@require_POST
@permission_required("supervision.view_petition_list", raise_exception=True)
def petition_assign(request, pk):
    return _petition_action(
        request,
        pk,
        "supervision.assign_handler",
        "assign",
        _members_form(request),
        lambda petition, data: services.petition_assign_handler(
            actor=request.user, petition=petition, handler=data["handler"]
        ),
        _("The handler was changed."),
    )


@require_POST
@permission_required("supervision.view_petition_list", raise_exception=True)
def petition_notes(request, pk):
    return _petition_action(
        request,
        pk,
        "supervision.review_petition",
        "notes",
        NotesForm(request.POST),
        lambda petition, data: services.petition_save_review_notes(
            actor=request.user, petition=petition, notes=data["notes"]
        ),
        _("The review notes were saved."),
    )


@require_POST
@permission_required("supervision.view_petition_list", raise_exception=True)
def extension_request(request, pk):
    return _petition_action(
        request,
        pk,
        "supervision.request_extension",
        "extension",
        ExtensionRequestForm(request.POST),
        lambda petition, data: services.extension_request(
            actor=request.user,
            petition=petition,
            days=data["days"],
            reason=data["reason"],
        ),
        _("The extension was requested from the procurator-general."),
    )


@require_POST
@permission_required("supervision.view_petition_list", raise_exception=True)
def extension_decide(request, pk):
    extension = selectors.extension_get(user=request.user, pk=pk)
    check_perm(request.user, "supervision.decide_extension", extension)
    approve = request.POST.get("decision") == "approve"
    form = ExtensionDecideForm(request.POST)
    petition = selectors.petition_get(user=request.user, pk=extension.petition_id)
    return perform(
        request,
        form,
        lambda data: services.extension_decide(
            actor=request.user, extension=extension, approve=approve, note=data["note"]
        ),
        success=_("The extension was approved.")
        if approve
        else _("The extension was refused."),
        redirect_to=petition,
        on_error=lambda: _render_detail(request, petition, {"extension_decide": form}),
    )


@require_POST
@permission_required("supervision.view_petition_list", raise_exception=True)
def outcome_propose(request, pk):
    return _petition_action(
        request,
        pk,
        "supervision.propose_outcome",
        "outcome",
        OutcomeForm(request.POST),
        lambda petition, data: services.outcome_propose(
            actor=request.user, petition=petition, **data
        ),
        _("The outcome was sent for approval."),
    )


def _outcome_action(request, pk, form_key, form, action, success):
    outcome = selectors.outcome_get(user=request.user, pk=pk)
    petition = selectors.petition_get(user=request.user, pk=outcome.petition_id)
    # The services check who may act at the outcome's current step.
    return perform(
        request,
        form,
        lambda data: action(outcome, data),
        success=success,
        redirect_to=petition,
        on_error=lambda: _render_detail(request, petition, {form_key: form}),
    )


@require_POST
@permission_required("supervision.view_petition_list", raise_exception=True)
def outcome_approve(request, pk):
    return _outcome_action(
        request,
        pk,
        "approve",
        ApproveForm(request.POST),
        lambda outcome, data: services.outcome_approve(
            actor=request.user, outcome=outcome, is_major=data["is_major"]
        ),
        _("The outcome was approved."),
    )


@require_POST
@permission_required("supervision.view_petition_list", raise_exception=True)
def outcome_return(request, pk):
    return _outcome_action(
        request,
        pk,
        "return",
        ReturnForm(request.POST),
        lambda outcome, data: services.outcome_return(
            actor=request.user, outcome=outcome, note=data["note"]
        ),
        _("The outcome was returned to the handler."),
    )


@require_POST
@permission_required("supervision.view_petition_list", raise_exception=True)
def outcome_follow_up(request, pk):
    outcome = selectors.outcome_get(user=request.user, pk=pk)
    check_perm(request.user, "supervision.record_follow_up", outcome)
    step = outcome.follow_up_step
    if step is None:
        raise Http404
    recorders = {
        "upper_decision": lambda data: services.outcome_record_upper_decision(
            actor=request.user, outcome=outcome, **data
        ),
        "court_reply": lambda data: services.outcome_record_court_reply(
            actor=request.user, outcome=outcome, **data
        ),
        "retrial_result": lambda data: services.outcome_record_retrial_result(
            actor=request.user, outcome=outcome, **data
        ),
    }
    return _outcome_action(
        request,
        pk,
        "follow_up",
        FOLLOW_UP_FORMS[step](request.POST),
        lambda _outcome, data: recorders[step](data),
        _("The answer was recorded."),
    )


@require_POST
@permission_required("supervision.view_petition_list", raise_exception=True)
def outcome_send_to_committee(request, pk):
    """提交检察委员会: file the case as a committee topic."""
    outcome = selectors.outcome_get(user=request.user, pk=pk)
    check_perm(request.user, "supervision.send_to_committee", outcome.petition)
    try:
        services.outcome_send_to_committee(actor=request.user, outcome=outcome)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
    except TransitionNotAllowed:
        messages.error(request, STATE_CHANGED)
    else:
        messages.success(
            request, _("The case was sent to the procuratorial committee as a topic.")
        )
    return redirect(outcome.petition)


@require_POST
@permission_required("supervision.view_petition_list", raise_exception=True)
def access_grant(request, pk):
    def build(petition):
        return GrantForm(
            request.POST, candidates=selectors.grantable_staff(petition=petition)
        )

    return _petition_action(
        request,
        pk,
        "supervision.grant_access",
        "grant",
        build,
        lambda petition, data: services.access_grant(
            actor=request.user, petition=petition, **data
        ),
        _("Access to the case was granted."),
    )


@require_POST
@permission_required("supervision.view_petition_list", raise_exception=True)
def access_revoke(request, pk):
    grant = selectors.grant_get(user=request.user, pk=pk)
    check_perm(request.user, "supervision.grant_access", grant.petition)
    services.access_revoke(actor=request.user, grant=grant)
    messages.success(request, _("Access to the case was revoked."))
    return redirect(grant.petition)


@require_POST
@permission_required("supervision.view_petition_list", raise_exception=True)
def attachment_add(request, pk):
    petition = selectors.petition_get(user=request.user, pk=pk)
    check_perm(request.user, "supervision.change_petition", petition)
    form = AttachmentForm(request.POST, request.FILES)
    return perform(
        request,
        form,
        lambda data: services.attachment_add(
            actor=request.user,
            petition=petition,
            kind=data["kind"],
            upload=data["file"],
        ),
        success=_("The file was attached."),
        redirect_to=petition,
        on_error=lambda: _render_detail(request, petition, {"attachment": form}),
    )


@permission_required("supervision.view_petition_list", raise_exception=True)
def attachment_download(request, pk):
    """A document of a case, only for who may see the case; the download is audited."""
    attachment = selectors.attachment_get(user=request.user, pk=pk)
    services.petition_record_view(
        actor=request.user, petition=attachment.petition, what="attachment"
    )
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
