"""The outside-supervision channel pages."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_fsm import TransitionNotAllowed

from .. import services
from ..forms import RemarkAnswerForm, RemarkAssignForm, RemarkCloseForm, RemarkForm
from ..models import Remark
from ..selectors import discipline_staff, remark_detail, remark_list, remark_statistics
from ._common import attach, refusal


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
    if request.method == "POST" and form.is_valid():
        try:
            remark = services.remark_record(
                actor=request.user, fields=form.cleaned_data
            )
        except ValidationError as exc:
            attach(form, exc)
        else:
            messages.success(
                request, _("Recorded; discipline inspection will assign it.")
            )
            return redirect(remark)
    return render(request, "integrity/remark_form.html", {"form": form})


def _page(request, remark, **forms):
    user = request.user
    context = {"remark": remark, "now": timezone.now()}
    if remark.state == Remark.State.RECEIVED and user.has_perm(
        "integrity.assign_remark", remark
    ):
        context["assign_form"] = forms.get("assign_form") or RemarkAssignForm(
            choices=discipline_staff(user=user)
        )
    if remark.state == Remark.State.ASSIGNED and user.has_perm(
        "integrity.answer_remark", remark
    ):
        context["answer_form"] = forms.get("answer_form") or RemarkAnswerForm()
    if remark.state == Remark.State.ANSWERED and user.has_perm(
        "integrity.close_remark", remark
    ):
        context["close_form"] = forms.get("close_form") or RemarkCloseForm()
    return render(request, "integrity/remark_detail.html", context)


def _load(request, pk):
    remark = remark_detail(user=request.user, pk=pk)
    if not request.user.has_perm("integrity.view_remark", remark):
        raise Http404
    return remark


def remark_view(request, pk):
    return _page(request, _load(request, pk))


@require_POST
def remark_act(request, pk, action):
    remark = _load(request, pk)
    user = request.user
    if action == "assign":
        if not user.has_perm("integrity.assign_remark", remark):
            raise PermissionDenied
        form = RemarkAssignForm(request.POST, choices=discipline_staff(user=user))
        key = "assign_form"
        call = lambda: services.remark_assign(  # noqa: E731
            actor=user, remark=remark, assignee=form.cleaned_data["assignee"]
        )
        done = _("Assigned.")
    elif action == "answer":
        if not user.has_perm("integrity.answer_remark", remark):
            raise PermissionDenied
        form = RemarkAnswerForm(request.POST)
        key = "answer_form"
        call = lambda: services.remark_answer(  # noqa: E731
            actor=user, remark=remark, **form.cleaned_data
        )
        done = _("The answer is recorded.")
    elif action in ("close", "reopen"):
        if not user.has_perm("integrity.close_remark", remark):
            raise PermissionDenied
        form = RemarkCloseForm(request.POST)
        key = "close_form"
        call = lambda: services.remark_close(  # noqa: E731
            actor=user,
            remark=remark,
            accept=action == "close",
            reason=form.cleaned_data.get("reason", ""),
        )
        done = _("Closed.") if action == "close" else _("Sent back to the assignee.")
    else:
        raise Http404
    if not form.is_valid():
        return _page(request, remark, **{key: form})
    try:
        call()
    except ValidationError as exc:
        attach(form, exc)
        return _page(request, remark, **{key: form})
    except TransitionNotAllowed as exc:
        refusal(request, exc)
    else:
        messages.success(request, done)
    return redirect(remark)
