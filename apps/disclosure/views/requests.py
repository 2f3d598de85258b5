"""Service request pages: list, new request, the request with its steps and actions."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.selectors import department_list

from .. import selectors, services
from ..forms import (
    AmendmentForm,
    DecisionForm,
    NoteForm,
    RequestLineFormSet,
    RequiredNoteForm,
    ServiceRequestForm,
    StockInForm,
)
from ..models import ServiceRequest
from ..selectors import stock_item_list
from ._common import SERVICE_ERRORS, report_refusal, require_perm

State = ServiceRequest.State


@permission_required("disclosure.view_board", raise_exception=True)
def request_list(request):
    """办公用品及其他服务申请: every request of the procuratorate, newest first."""
    filters = {
        "state": request.GET.get("state") or "",
        "kind": request.GET.get("kind") or "",
        "q": (request.GET.get("q") or "").strip(),
    }
    department = request.GET.get("department") or ""
    if department.isdigit():
        filters["department"] = int(department)
    if request.GET.get("month"):
        filters["month"] = selectors.parse_month(request.GET["month"])
    page = Paginator(
        selectors.service_request_list(user=request.user, filters=filters), 30
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "disclosure/request_list.html",
        {
            "page": page,
            "filters": filters,
            "states": State.choices,
            "kinds": selectors.service_kind_choices(),
            "departments": department_list(user=request.user),
            "can_submit": request.user.has_perm("disclosure.submit_request"),
        },
    )


@permission_required("disclosure.submit_request", raise_exception=True)
def request_create(request):
    kinds = selectors.service_kind_choices()
    items = stock_item_list(user=request.user, active_only=True)
    form = ServiceRequestForm(request.POST or None, kinds=kinds)
    lines = RequestLineFormSet(
        request.POST or None, prefix="lines", form_kwargs={"items": items}
    )
    if request.method == "POST" and form.is_valid() and lines.is_valid():
        try:
            created = services.service_request_submit(
                actor=request.user,
                kind=form.cleaned_data["kind"],
                title=form.cleaned_data["title"],
                content=form.cleaned_data["content"],
                urgent=form.cleaned_data["urgent"],
                lines=[line.as_line() for line in lines],
            )
        except SERVICE_ERRORS as exc:
            report_refusal(request, exc)
        else:
            messages.success(
                request, _("Request %(number)s sent.") % {"number": created.number}
            )
            return redirect(created)
    return render(
        request,
        "disclosure/request_form.html",
        {"form": form, "lines": lines, "kinds": kinds},
    )


def _detail_context(request, obj, **forms):
    user = request.user
    can_decide = user.has_perm("disclosure.decide_request", obj) and obj.state in (
        State.SUBMITTED,
        State.DEFERRED,
    )
    can_handle = user.has_perm("disclosure.handle_request", obj)
    context = {
        "obj": obj,
        "steps": list(obj.steps.all()),
        "can_amend": user.has_perm("disclosure.amend_request", obj),
        "decision_form": forms.get("decision_form") or DecisionForm()
        if can_decide
        else None,
        "purchase_form": forms.get("purchase_form") or NoteForm()
        if can_handle and obj.state == State.AWAITING_PURCHASE
        else None,
        "stock_in_form": forms.get("stock_in_form")
        or StockInForm(lines=list(obj.lines.all()))
        if can_handle and obj.state == State.AWAITING_STOCK_IN
        else None,
        "issue_form": forms.get("issue_form") or NoteForm()
        if can_handle and obj.state == State.AWAITING_ISSUE
        else None,
        "short_form": forms.get("short_form") or RequiredNoteForm()
        if can_handle and obj.state == State.AWAITING_ISSUE
        else None,
        "complete_form": forms.get("complete_form") or NoteForm()
        if can_handle and obj.state == State.AWAITING_HANDLING
        else None,
        "amend_form": forms.get("amend_form") or AmendmentForm(),
    }
    return context


def _load(request, pk, perm):
    obj = selectors.service_request_detail(user=request.user, pk=pk)
    require_perm(request.user, perm, obj)
    return obj


@permission_required("disclosure.view_board", raise_exception=True)
def request_detail(request, pk):
    obj = _load(request, pk, "disclosure.view_request")
    return render(
        request, "disclosure/request_detail.html", _detail_context(request, obj)
    )


def _act(request, pk, *, perm, form, form_name, call, done):
    """Run one action from the request page; on refusal show the page again."""
    obj = _load(request, pk, perm)
    if form.is_valid():
        try:
            call(obj, form)
        except SERVICE_ERRORS as exc:
            report_refusal(request, exc)
        else:
            messages.success(request, done)
            return redirect(obj)
    obj = selectors.service_request_detail(user=request.user, pk=pk)
    return render(
        request,
        "disclosure/request_detail.html",
        _detail_context(request, obj, **{form_name: form}),
    )


@require_POST
def request_decide(request, pk):
    form = DecisionForm(request.POST)
    return _act(
        request,
        pk,
        perm="disclosure.decide_request",
        form=form,
        form_name="decision_form",
        call=lambda obj, f: services.service_request_decide(
            actor=request.user,
            request=obj,
            decision=f.cleaned_data["decision"],
            reason=f.cleaned_data["reason"],
            same_day=f.cleaned_data["same_day"],
        ),
        done=_("Decision recorded and published."),
    )


@require_POST
def request_purchase(request, pk):
    return _act(
        request,
        pk,
        perm="disclosure.handle_request",
        form=NoteForm(request.POST),
        form_name="purchase_form",
        call=lambda obj, f: services.service_request_purchase(
            actor=request.user, request=obj, note=f.cleaned_data["note"]
        ),
        done=_("Purchase recorded."),
    )


@require_POST
def request_stock_in(request, pk):
    obj = _load(request, pk, "disclosure.handle_request")
    return _act(
        request,
        pk,
        perm="disclosure.handle_request",
        form=StockInForm(request.POST, lines=list(obj.lines.all())),
        form_name="stock_in_form",
        call=lambda obj, f: services.service_request_stock_in(
            actor=request.user, request=obj, quantities=f.quantities()
        ),
        done=_("Registered into the store."),
    )


@require_POST
def request_issue(request, pk):
    return _act(
        request,
        pk,
        perm="disclosure.handle_request",
        form=NoteForm(request.POST),
        form_name="issue_form",
        call=lambda obj, f: services.service_request_issue(
            actor=request.user, request=obj, note=f.cleaned_data["note"]
        ),
        done=_("Issued; the store's stock-out is registered."),
    )


@require_POST
def request_fall_short(request, pk):
    return _act(
        request,
        pk,
        perm="disclosure.handle_request",
        form=RequiredNoteForm(request.POST),
        form_name="short_form",
        call=lambda obj, f: services.service_request_fall_short(
            actor=request.user, request=obj, note=f.cleaned_data["note"]
        ),
        done=_("Sent to purchase."),
    )


@require_POST
def request_complete(request, pk):
    return _act(
        request,
        pk,
        perm="disclosure.handle_request",
        form=NoteForm(request.POST),
        form_name="complete_form",
        call=lambda obj, f: services.service_request_complete(
            actor=request.user, request=obj, note=f.cleaned_data["note"]
        ),
        done=_("Recorded as handled."),
    )


@require_POST
def request_amend(request, pk):
    return _act(
        request,
        pk,
        perm="disclosure.amend_request",
        form=AmendmentForm(request.POST),
        form_name="amend_form",
        call=lambda obj, f: services.service_request_amend(
            actor=request.user, request=obj, text=f.cleaned_data["text"]
        ),
        done=_("Amendment added."),
    )
