"""Essay, speech and photo contests: set-up, entries, judging, results."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_fsm import TransitionNotAllowed

from .. import services
from ..forms import ContestForm, EntryForm
from ..models import Entry
from ..selectors import contest_detail, contest_entries, contest_list, judge_sheet
from ._common import attach, refusal


@permission_required("integrity.view", raise_exception=True)
def contest_index(request):
    return render(
        request,
        "integrity/contest_list.html",
        {"contests": contest_list(user=request.user)},
    )


@permission_required("integrity.organise", raise_exception=True)
def contest_edit(request, pk=None):
    contest = contest_detail(user=request.user, pk=pk) if pk else None
    if contest and not request.user.has_perm("integrity.manage_contest", contest):
        raise PermissionDenied
    form = ContestForm(request.POST or None, instance=contest, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            contest = services.contest_save(
                actor=request.user,
                fields=data,
                criteria=data.pop("criteria"),
                judges=data.pop("judges"),
                contest=contest,
            )
        except ValidationError as exc:
            attach(form, exc)
        except TransitionNotAllowed as exc:
            refusal(request, exc)
        else:
            messages.success(request, _("The contest is saved."))
            return redirect(contest)
    return render(
        request, "integrity/contest_form.html", {"form": form, "contest": contest}
    )


def contest_view(request, pk):
    contest = contest_detail(user=request.user, pk=pk)
    user = request.user
    if not user.has_perm("integrity.take_part", contest):
        raise Http404
    can_manage = user.has_perm("integrity.manage_contest", contest)
    is_judge = user.has_perm("integrity.judge_contest", contest)
    entries = contest_entries(contest)
    own = next((e for e in entries if e.author_id == user.pk), None)
    context = {
        "contest": contest,
        "can_manage": can_manage,
        "is_judge": is_judge,
        "own": own,
        # Before the results, entries are for the organiser and the judges.
        "entries": entries
        if contest.state == contest.State.PUBLISHED or can_manage or is_judge
        else [],
        "entry_form": EntryForm(instance=own)
        if contest.state == contest.State.ENTRIES and not is_judge
        else None,
        "sheet": judge_sheet(contest, user)
        if is_judge and contest.state == contest.State.JUDGING
        else None,
    }
    return render(request, "integrity/contest_detail.html", context)


@require_POST
def entry_submit(request, pk):
    contest = contest_detail(user=request.user, pk=pk)
    if not request.user.has_perm("integrity.take_part", contest):
        raise Http404
    form = EntryForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.entry_submit(
                actor=request.user, contest=contest, **form.cleaned_data
            )
        except (ValidationError, TransitionNotAllowed) as exc:
            refusal(request, exc)
        else:
            messages.success(request, _("Your entry is handed in."))
    else:
        messages.error(request, " ".join(str(e) for e in form.errors.values()))
    return redirect(contest)


@require_POST
def entry_score(request, pk, entry_pk):
    contest = contest_detail(user=request.user, pk=pk)
    if not request.user.has_perm("integrity.judge_contest", contest):
        raise PermissionDenied
    entry = get_object_or_404(Entry, pk=entry_pk, contest=contest)
    scores = {}
    for criterion in contest.criteria.all():
        value = request.POST.get(f"c_{criterion.pk}", "").strip()
        if value:
            scores[criterion.pk] = value
    try:
        services.entry_score(actor=request.user, entry=entry, scores=scores)
    except (ValidationError, TransitionNotAllowed) as exc:
        refusal(request, exc)
    except ArithmeticError:
        messages.error(request, _("Scores are numbers."))
    else:
        messages.success(
            request, _("Scores saved for “%(title)s”.") % {"title": entry.title}
        )
    return redirect(contest)


@require_POST
def contest_act(request, pk, action):
    contest = contest_detail(user=request.user, pk=pk)
    if not request.user.has_perm("integrity.manage_contest", contest):
        raise PermissionDenied
    service = {
        "judge": services.contest_start_judging,
        "publish": services.contest_publish,
    }.get(action)
    if service is None:
        raise Http404
    try:
        service(actor=request.user, contest=contest)
    except (ValidationError, TransitionNotAllowed) as exc:
        refusal(request, exc)
    else:
        messages.success(
            request,
            _("Judging has started.") if action == "judge" else _("Results published."),
        )
    return redirect(contest)


def entry_file(request, pk, entry_pk):
    contest = contest_detail(user=request.user, pk=pk)
    entry = get_object_or_404(Entry, pk=entry_pk, contest=contest)
    user = request.user
    allowed = (
        entry.author_id == user.pk
        or user.has_perm("integrity.manage_contest", contest)
        or user.has_perm("integrity.judge_contest", contest)
        or (
            contest.state == contest.State.PUBLISHED and user.has_perm("integrity.view")
        )
    )
    if not allowed or not entry.file:
        raise Http404
    return FileResponse(entry.file.open("rb"))
