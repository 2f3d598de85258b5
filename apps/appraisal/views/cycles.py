"""The appraisal office's pages: cycles, goals, checkpoints, indicators."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import selectors
from ..forms import CycleForm, CycleRulesForm, DecisionForm, GoalForm, IndicatorForm
from ..models import Target
from ..services import cycles as cycle_services
from ..services import plans as plan_services
from ..services import progress as progress_services
from ..services import scoring as scoring_services
from .common import act, attempt, check, post_action, use_appraisal


@use_appraisal
def index(request):
    """Cycles of the procuratorate, and the user's own approved results."""
    return render(
        request,
        "appraisal/index.html",
        {
            "cycles": selectors.cycle_list(user=request.user),
            "my_results": selectors.my_results(user=request.user),
        },
    )


@use_appraisal
def cycle_create(request):
    check(request.user, "appraisal.manage_cycles")
    form = CycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cycle = attempt(
            request,
            form,
            lambda: cycle_services.cycle_create(
                actor=request.user, **form.cleaned_data
            ),
        )
        if cycle:
            messages.success(
                request, _("The cycle is open with quarterly checkpoints.")
            )
            return redirect(cycle)
    return render(
        request,
        "appraisal/form.html",
        {
            "form": form,
            "title": _("Open an appraisal cycle"),
            "back": reverse("appraisal:index"),
        },
    )


@use_appraisal
def cycle_detail(request, pk):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    return render(
        request,
        "appraisal/cycle_detail.html",
        {
            "cycle": cycle,
            **selectors.cycle_overview(cycle=cycle),
            "decision_form": DecisionForm(),
            "can_manage": request.user.has_perm("appraisal.manage_cycle", cycle),
            "can_approve": request.user.has_perm("appraisal.approve_plans", cycle),
            "can_rank": request.user.has_perm("appraisal.view_rankings"),
        },
    )


@use_appraisal
def cycle_rules(request, pk):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    check(request.user, "appraisal.manage_cycle", cycle)
    form = CycleRulesForm(request.POST or None, instance=cycle)
    if request.method == "POST" and form.is_valid():
        rules = {k: form.cleaned_data[k] for k in form.fields}
        cycle.refresh_from_db()  # the form wrote into the instance; the service saves
        if attempt(
            request,
            form,
            lambda: cycle_services.cycle_update_rules(
                actor=request.user, cycle=cycle, **rules
            ),
        ):
            messages.success(request, _("The scoring rules are saved."))
            return redirect(cycle)
    return render(
        request,
        "appraisal/form.html",
        {"form": form, "title": _("Scoring rules"), "back": cycle.get_absolute_url()},
    )


@post_action
def cycle_launch(request, pk):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    check(request.user, "appraisal.manage_cycle", cycle)
    act(
        request,
        lambda: cycle_services.cycle_launch(actor=request.user, cycle=cycle),
        _("The departments have been asked to propose their targets."),
    )
    return cycle


@post_action
def cycle_close(request, pk):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    check(request.user, "appraisal.manage_cycle", cycle)
    act(
        request,
        lambda: cycle_services.cycle_close(actor=request.user, cycle=cycle),
        _("The cycle is closed and locked."),
    )
    return cycle


@use_appraisal
def goal_edit(request, pk, goal_pk=None):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    check(request.user, "appraisal.manage_cycle", cycle)
    goal = None
    if goal_pk is not None:
        goal = selectors.target_get(user=request.user, pk=goal_pk)
        if goal.cycle_id != cycle.pk or goal.level != Target.Level.PROCURATORATE:
            raise Http404
    initial = (
        {
            "code": goal.code,
            "title": goal.title,
            "weight": goal.weight,
            "description": goal.description,
        }
        if goal
        else {}
    )
    form = GoalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            request,
            form,
            lambda: cycle_services.goal_save(
                actor=request.user, cycle=cycle, goal=goal, **form.cleaned_data
            ),
        )
        if saved:
            messages.success(request, _("The goal is saved."))
            return redirect(cycle)
    return render(
        request,
        "appraisal/form.html",
        {
            "form": form,
            "title": _("Procuratorate goal"),
            "back": cycle.get_absolute_url(),
        },
    )


@post_action
def checkpoint_open(request, pk, checkpoint_pk):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    checkpoint = selectors.checkpoint_get(cycle=cycle, pk=checkpoint_pk)
    check(request.user, "appraisal.manage_cycle", cycle)
    act(
        request,
        lambda: progress_services.checkpoint_open_reporting(
            actor=request.user, checkpoint=checkpoint
        ),
        _("The departments have been asked to report their progress."),
    )
    return cycle


@post_action
def plans_submit(request, pk):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    check(request.user, "appraisal.submit_plans", cycle)
    act(
        request,
        lambda: plan_services.plans_submit(actor=request.user, cycle=cycle),
        _("The reviewed targets are before the party group."),
    )
    return cycle


@post_action
def plans_approve(request, pk):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    check(request.user, "appraisal.approve_plans", cycle)
    form = DecisionForm(request.POST)
    reference = form.data.get("decision_reference", "")
    act(
        request,
        lambda: plan_services.plans_approve(
            actor=request.user, cycle=cycle, decision_reference=reference
        ),
        _("The party group's approval is recorded; the targets are frozen."),
    )
    return cycle


@post_action
def grading_open(request, pk):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    check(request.user, "appraisal.manage_cycle", cycle)
    act(
        request,
        lambda: scoring_services.grading_open(actor=request.user, cycle=cycle),
        _("The reviewers have the qualitative targets in their to-dos."),
    )
    return cycle


@post_action
def compute(request, pk):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    check(request.user, "appraisal.compute_scores", cycle)
    run = act(
        request,
        lambda: scoring_services.score_run_start(actor=request.user, cycle=cycle),
        _("The scores are being computed."),
    )
    return run if run else cycle


@use_appraisal
def tree(request, pk):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    run = selectors.ranking_run(cycle=cycle)
    return render(
        request,
        "appraisal/tree.html",
        {"cycle": cycle, "run": run, "goals": selectors.tree(cycle=cycle, run=run)},
    )


@use_appraisal
def indicator_list(request):
    return render(
        request,
        "appraisal/indicator_list.html",
        {
            "indicators": selectors.indicator_list(user=request.user),
            "can_manage": request.user.has_perm("appraisal.manage_cycles"),
        },
    )


@use_appraisal
def indicator_edit(request, pk=None):
    check(request.user, "appraisal.manage_cycles")
    indicator = selectors.indicator_get(user=request.user, pk=pk) if pk else None
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in form.fields}
        if indicator is not None:
            indicator.refresh_from_db()
        if attempt(
            request,
            form,
            lambda: cycle_services.indicator_save(
                actor=request.user, indicator=indicator, **data
            ),
        ):
            messages.success(request, _("The indicator is saved."))
            return redirect("appraisal:indicator_list")
    return render(
        request,
        "appraisal/form.html",
        {
            "form": form,
            "title": _("Indicator"),
            "back": reverse("appraisal:indicator_list"),
        },
    )
