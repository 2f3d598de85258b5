"""Service request pages: list, new request, the request with its steps and actions.

The request's steps are the actions of `request_actions`: each is offered when
the model's transition is open to the user, and posts to one service.
"""

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from apps.core.actions import Action, ActionSet
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
from ._common import form_saved

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
    created = form_saved(
        request,
        form,
        lambda d: services.service_request_submit(
            actor=request.user,
            kind=d["kind"],
            title=d["title"],
            content=d["content"],
            urgent=d["urgent"],
            lines=[line.as_line() for line in lines],
        ),
        lambda created: _("Request %(number)s sent.") % {"number": created.number},
        formsets=[lines],
    )
    if created:
        return redirect(created)
    return render(
        request,
        "disclosure/request_form.html",
        {"form": form, "lines": lines, "kinds": kinds},
    )


def _request(request, pk):
    return selectors.service_request_detail(user=request.user, pk=pk)


def _note_action(name, label, service, *, form=NoteForm, **options):
    """A step of the request taken with a note: its transition has the same name."""
    return Action(
        name,
        label,
        transition=name,
        form=form,
        run=lambda user, obj, d: service(actor=user, request=obj, note=d["note"]),
        **options,
    )


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
        _note_action(
            "purchase",
            gettext_lazy("Record as purchased"),
            services.service_request_purchase,
            title=gettext_lazy("Purchase"),
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
        _note_action(
            "issue",
            pgettext_lazy("disclosure", "Issue"),
            services.service_request_issue,
            title=gettext_lazy("Issue with stock-out"),
            done=gettext_lazy("Issued; the store's stock-out is registered."),
        ),
        _note_action(
            "fall_short",
            gettext_lazy("Store is short: send to purchase"),
            services.service_request_fall_short,
            form=RequiredNoteForm,
            style="outline-warning",
            done=gettext_lazy("Sent to purchase."),
        ),
        _note_action(
            "complete",
            gettext_lazy("Record as handled"),
            services.service_request_complete,
            title=gettext_lazy("Handling"),
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
