"""The appraisal office's pages: cycles, goals, checkpoints, indicators."""

from functools import partial

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.actions import authorize, transition_available

from .. import selectors
from ..forms import CycleForm, CycleRulesForm, GoalForm, IndicatorForm
from ..models import Target
from ..services import cycles as cycle_services
from .actions import cycle_actions, offers_by_name
from .common import form_page, instance_service, use_appraisal


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
    authorize(request.user, "appraisal.manage_cycles")
    form = CycleForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda data: cycle_services.cycle_create(actor=request.user, **data),
        done=_("The cycle is open with quarterly checkpoints."),
        title=_("Open an appraisal cycle"),
        back=reverse("appraisal:index"),
    )


@use_appraisal
def cycle_detail(request, pk):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    offers = offers_by_name(cycle_actions, request, cycle)
    return render(
        request,
        "appraisal/cycle_detail.html",
        {
            "cycle": cycle,
            **selectors.cycle_overview(cycle=cycle),
            "offers": offers,
            "header_offers": [
                offers[name]
                for name in ("launch", "open_grading", "compute", "close")
                if name in offers
            ],
            "can_set_goals": transition_available(request.user, cycle, "set_goals"),
            "can_rank": request.user.has_perm("appraisal.view_rankings"),
        },
    )


@use_appraisal
def cycle_rules(request, pk):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    authorize(request.user, "appraisal.manage_cycle", cycle)
    form = CycleRulesForm(request.POST or None, instance=cycle)
    return form_page(
        request,
        form,
        instance_service(
            form,
            partial(cycle_services.cycle_update_rules, actor=request.user, cycle=cycle),
        ),
        done=_("The scoring rules are saved."),
        to=cycle,
        title=_("Scoring rules"),
        back=cycle.get_absolute_url(),
    )


@use_appraisal
def goal_edit(request, pk, goal_pk=None):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    authorize(request.user, "appraisal.manage_cycle", cycle)
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
    return form_page(
        request,
        form,
        lambda data: cycle_services.goal_save(
            actor=request.user, cycle=cycle, goal=goal, **data
        ),
        done=_("The goal is saved."),
        to=cycle,
        title=_("Procuratorate goal"),
        back=cycle.get_absolute_url(),
    )


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
    authorize(request.user, "appraisal.manage_cycles")
    indicator = selectors.indicator_get(user=request.user, pk=pk) if pk else None
    form = IndicatorForm(request.POST or None, instance=indicator)
    return form_page(
        request,
        form,
        instance_service(
            form,
            partial(
                cycle_services.indicator_save, actor=request.user, indicator=indicator
            ),
        ),
        done=_("The indicator is saved."),
        to="appraisal:indicator_list",
        title=_("Indicator"),
        back=reverse("appraisal:indicator_list"),
    )
