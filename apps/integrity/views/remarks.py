"""The outside-supervision channel pages."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.actions import Action, ActionSet

from .. import services
from ..forms import RemarkAnswerForm, RemarkAssignForm, RemarkCloseForm, RemarkForm
from ..models import Remark
from ..selectors import discipline_staff, remark_detail, remark_list, remark_statistics
from .common import form_saved, visible


@permission_required("integrity.view_remark_list", raise_exception=True)
def remark_index(request):
    state = request.GET.get("state", "open")
    if state not in {"", "open", *Remark.State.values}:
        state = "open"
    year = timezone.localdate().year
    return render(
        request,
        "integrity/remark_list.html",
        {
            "remarks": remark_list(user=request.user, state=state)[:300],
            "state": state,
            "states": Remark.State.choices,
            "stats": remark_statistics(user=request.user, year=year),
            "year": year,
            "now": timezone.now(),
        },
    )


@permission_required("integrity.record_remark", raise_exception=True)
def remark_create(request):
    form = RemarkForm(
        request.POST or None,
        user=request.user,
        initial={"received_on": timezone.localdate()},
    )
    saved = form_saved(
        request,
        form,
        lambda data: services.remark_record(actor=request.user, fields=data),
        _("Recorded; discipline inspection will assign it."),
    )
    if saved:
        return redirect(saved)
    return render(request, "integrity/remark_form.html", {"form": form})


_load = visible(remark_detail, "integrity.view_remark")


remark_actions = ActionSet(
    "integrity:remark_act",
    load=_load,
    actions=[
        Action(
            "assign",
            gettext_lazy("Assign it"),
            transition="assign",
            form=RemarkAssignForm,
            form_kwargs=lambda request, remark: {
                "choices": discipline_staff(user=request.user)
            },
            run=lambda user, remark, data: services.remark_assign(
                actor=user, remark=remark, assignee=data["assignee"]
            ),
            done=gettext_lazy("Assigned."),
        ),
        Action(
            "answer",
            gettext_lazy("Record the answer"),
            transition="record_answer",
            form=RemarkAnswerForm,
            run=lambda user, remark, data: services.remark_answer(
                actor=user, remark=remark, **data
            ),
            done=gettext_lazy("The answer is recorded."),
        ),
        Action(
            "close",
            gettext_lazy("Close the remark"),
            transition="close",
            run=lambda user, remark, data: services.remark_close(
                actor=user, remark=remark
            ),
            done=gettext_lazy("Closed."),
            style="success",
        ),
        Action(
            "reopen",
            gettext_lazy("Send back to the assignee"),
            transition="reopen",
            form=RemarkCloseForm,
            run=lambda user, remark, data: services.remark_close(
                actor=user, remark=remark, accept=False, reason=data["reason"]
            ),
            done=gettext_lazy("Sent back to the assignee."),
            style="outline-danger",
        ),
    ],
)


def remark_view(request, pk):
    remark = _load(request, pk)
    return render(
        request,
        "integrity/remark_detail.html",
        {
            "remark": remark,
            "now": timezone.now(),
            "offers": remark_actions.offered(request, remark),
        },
    )
