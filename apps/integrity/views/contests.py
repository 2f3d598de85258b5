"""Essay, speech and photo contests: set-up, entries, judging, results."""

from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.actions import (
    Action,
    ActionSet,
    transition_available,
)
from apps.core.uploads import file_response

from .. import services
from ..forms import ContestForm, EntryForm, ScoreForm
from ..models import Entry
from ..selectors import contest_detail, contest_entries, contest_list, judge_sheet
from .common import editable, form_saved, visible


@permission_required("integrity.view", raise_exception=True)
def contest_index(request):
    return render(
        request,
        "integrity/contest_list.html",
        {"contests": contest_list(user=request.user)},
    )


@permission_required("integrity.organise", raise_exception=True)
def contest_edit(request, pk=None):
    contest = editable(request, contest_detail, pk, "integrity.manage_contest")
    form = ContestForm(request.POST or None, instance=contest, user=request.user)

    def save(data):
        data = dict(data)
        return services.contest_save(
            actor=request.user,
            fields=data,
            criteria=data.pop("criteria"),
            judges=data.pop("judges"),
            contest=contest,
        )

    saved = form_saved(request, form, save, _("The contest is saved."))
    if saved:
        return redirect(saved)
    return render(
        request, "integrity/contest_form.html", {"form": form, "contest": contest}
    )


_load = visible(contest_detail, "integrity.take_part")


def _own_entry(request, contest):
    own = Entry.objects.filter(contest=contest, author=request.user).first()
    return {"instance": own, "contest": contest}


def _scored(entry):
    return _("Scores saved for “%(title)s”.") % {"title": entry.title}


contest_actions = ActionSet(
    "integrity:contest_act",
    load=_load,
    actions=[
        Action(
            "enter",
            gettext_lazy("Hand in"),
            transition="hand_in",
            form=EntryForm,
            form_kwargs=_own_entry,
            run=lambda user, contest, data: services.entry_submit(
                actor=user, contest=contest, **data
            ),
            done=gettext_lazy("Your entry is handed in."),
        ),
        Action(
            "score",
            gettext_lazy("Save the scores"),
            transition="score",
            form=ScoreForm,
            form_kwargs=lambda request, contest: {"contest": contest},
            run=lambda user, contest, data: services.entry_score(
                actor=user,
                entry=data["entry"],
                scores={
                    int(name[2:]): value
                    for name, value in data.items()
                    if name.startswith("c_") and value is not None
                },
            ),
            done=_scored,
            style="outline-primary",
        ),
        Action(
            "judge",
            gettext_lazy("Close entries and start judging"),
            transition="start_judging",
            run=lambda user, contest, data: services.contest_start_judging(
                actor=user, contest=contest
            ),
            done=gettext_lazy("Judging has started."),
        ),
        Action(
            "publish",
            gettext_lazy("Publish the contest results"),
            transition="publish",
            run=lambda user, contest, data: services.contest_publish(
                actor=user, contest=contest
            ),
            done=gettext_lazy("Results published."),
        ),
    ],
)


def contest_view(request, pk):
    contest = _load(request, pk)
    user = request.user
    can_manage = user.has_perm("integrity.manage_contest", contest)
    is_judge = user.has_perm("integrity.judge_contest", contest)
    offers = contest_actions.offered(request, contest)
    actions = {offer.name: offer for offer in offers}
    entries = contest_entries(contest)
    context = {
        "contest": contest,
        "can_manage": can_manage,
        "can_edit": transition_available(user, contest, "revise"),
        "own": next((e for e in entries if e.author_id == user.pk), None),
        # Before the results, entries are for the organiser and the judges.
        "entries": entries
        if contest.state == contest.State.PUBLISHED or can_manage or is_judge
        else [],
        "actions": actions,
        "steps": [o for o in offers if o.name in ("judge", "publish")],
        "sheet": judge_sheet(contest, user) if "score" in actions else None,
    }
    return render(request, "integrity/contest_detail.html", context)


def entry_file(request, pk, entry_pk):
    """An entry's file, always downloaded: never shown inside our pages."""
    contest = contest_detail(user=request.user, pk=pk)
    entry = get_object_or_404(Entry, pk=entry_pk, contest=contest)
    user = request.user
    allowed = (
        entry.author_id == user.pk
        or user.has_perm("integrity.manage_contest", contest)
        or user.has_perm("integrity.judge_contest", contest)
        or (
            contest.state == contest.State.PUBLISHED
            and user.has_perm("integrity.take_part", contest)
        )
    )
    if not allowed or not entry.file:
        raise Http404
    return file_response(entry.file, filename=entry.file_name or None)
