"""Service request pages: list, new request, the request with its steps and actions.

The request's steps are the actions of `request_actions`: each is offered when
the model's transition is open to the user, and posts to one service.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from apps.core.actions import Action, ActionSet, apply_errors
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
        except ValidationError as exc:
            apply_errors(form, exc)
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


def _request(request, pk):
    return selectors.service_request_detail(user=request.user, pk=pk)


request_actions = ActionSet(
    "disclosure:request_act",
    load=_request,
    actions=[
        # Deciding is open while the request may be approved (the model's
        # `approve` transition: submitted or deferred, by the director).
        Action(
            "decide",
            gettext_lazy("Record decision"),
            title=gettext_lazy("Decision of the office director"),
            transition="approve",
            form=DecisionForm,
            run=lambda user, obj, d: services.service_request_decide(
                actor=user,
                request=obj,
                decision=d["decision"],
                reason=d["reason"],
                same_day=d["same_day"],
            ),
            done=gettext_lazy("Decision recorded and published."),
        ),
        Action(
            "purchase",
            gettext_lazy("Record as purchased"),
            title=gettext_lazy("Purchase"),
            transition="purchase",
            form=NoteForm,
            run=lambda user, obj, d: services.service_request_purchase(
                actor=user, request=obj, note=d["note"]
            ),
            done=gettext_lazy("Purchase recorded."),
        ),
        Action(
            "stock_in",
            gettext_lazy("Register into the store"),
            title=gettext_lazy("Stock-in registration"),
            transition="stock_in",
            form=StockInForm,
            form_kwargs=lambda request, obj: {"lines": list(obj.lines.all())},
            run=lambda user, obj, d: services.service_request_stock_in(
                actor=user, request=obj, quantities=d["quantities"]
            ),
            done=gettext_lazy("Registered into the store."),
        ),
        Action(
            "issue",
            pgettext_lazy("disclosure", "Issue"),
            title=gettext_lazy("Issue with stock-out"),
            transition="issue",
            form=NoteForm,
            run=lambda user, obj, d: services.service_request_issue(
                actor=user, request=obj, note=d["note"]
            ),
            done=gettext_lazy("Issued; the store's stock-out is registered."),
        ),
        Action(
            "fall_short",
            gettext_lazy("Store is short: send to purchase"),
            transition="fall_short",
            form=RequiredNoteForm,
            style="outline-warning",
            run=lambda user, obj, d: services.service_request_fall_short(
                actor=user, request=obj, note=d["note"]
            ),
            done=gettext_lazy("Sent to purchase."),
        ),
        Action(
            "complete",
            gettext_lazy("Record as handled"),
            title=gettext_lazy("Handling"),
            transition="complete",
            form=NoteForm,
            run=lambda user, obj, d: services.service_request_complete(
                actor=user, request=obj, note=d["note"]
            ),
            done=gettext_lazy("Recorded as handled."),
        ),
        Action(
            "amend",
            gettext_lazy("Add amendment"),
            perm="disclosure.amend_request",
            form=AmendmentForm,
            style="outline-secondary",
            run=lambda user, obj, d: services.service_request_amend(
                actor=user, request=obj, text=d["text"]
            ),
            done=gettext_lazy("Amendment added."),
        ),
    ],
)


@permission_required("disclosure.view_board", raise_exception=True)
def request_detail(request, pk):
    obj = _request(request, pk)
    if not request.user.has_perm("disclosure.view_request", obj):
        raise PermissionDenied
    offers = request_actions.offered(request, obj)
    return render(
        request,
        "disclosure/request_detail.html",
        {
            "obj": obj,
            "steps": list(obj.steps.all()),
            # The amendment form sits with the amendments, the steps aside.
            "amend": next((o for o in offers if o.name == "amend"), None),
            "offers": [o for o in offers if o.name != "amend"],
        },
    )
