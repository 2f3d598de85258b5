"""A department's plan: drafting targets, proposing, reviewing, staff targets."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from apps.core.actions import authorize, transition_available

from .. import selectors
from ..forms import DepartmentTargetForm, IndividualTargetForm
from ..models import Target, TargetTemplate
from ..services import targets as target_services
from .actions import offers_by_name, plan_actions, target_actions
from .common import form_page, use_appraisal


@use_appraisal
def plan_detail(request, pk):
    plan = selectors.plan_get(user=request.user, pk=pk)
    department_targets, staff_targets = selectors.plan_targets(
        plan=plan, user=request.user
    )
    user = request.user
    # The department drafts; the office corrects a proposal before accepting.
    editable = transition_available(user, plan, "draft") or transition_available(
        user, plan, "correct"
    )
    can_set_staff = transition_available(user, plan, "set_staff_targets")
    # Drafts may be deleted while the plan's step lets the user change them.
    for targets, may in (
        (department_targets, editable),
        (staff_targets, can_set_staff),
    ):
        for target in targets:
            target.delete_url = (
                target_actions.url(target, "delete")
                if may and transition_available(user, target, "discard")
                else None
            )
    offers = offers_by_name(plan_actions, request, plan)
    if not department_targets:
        offers.pop("keep_template", None)  # nothing to keep yet
    if not TargetTemplate.objects.filter(department_id=plan.department_id).exists():
        offers.pop("apply_template", None)
    return render(
        request,
        "appraisal/plan_detail.html",
        {
            "plan": plan,
            "cycle": plan.cycle,
            "department_targets": department_targets,
            "staff_targets": staff_targets,
            "cooperating": selectors.cooperating_targets(plan=plan),
            "editable": editable,
            "can_set_staff": can_set_staff,
            "offers": offers,
            "header_offers": _pick(offers, "propose", "review"),
            "return_offers": _pick(offers, "send_back", "send_back_from_party_group"),
            "template_offers": _pick(offers, "apply_template", "keep_template"),
            "staff_offers": _pick(offers, "issue_staff_targets"),
        },
    )


def _pick(offers, *names):
    return [offers[name] for name in names if name in offers]


def _target_edit(request, pk, target_pk, *, perm, level, form_class, service, **page):
    """Add or change one of a plan's targets (a department's or a staff member's)."""
    plan = selectors.plan_get(user=request.user, pk=pk)
    authorize(request.user, perm, plan)
    target = None
    if target_pk is not None:
        target = selectors.target_get(user=request.user, pk=target_pk)
        if target.plan_id != plan.pk or target.level != level:
            raise Http404
    form = form_class(
        request.POST or None,
        plan=plan,
        initial=form_class.initial_for(target) if target else {},
    )
    return form_page(
        request,
        form,
        lambda data: service(
            actor=request.user, plan=plan, target=target, **form.service_kwargs()
        ),
        to=plan,
        subtitle=plan,
        back=plan.get_absolute_url(),
        **page,
    )


@use_appraisal
def department_target_edit(request, pk, target_pk=None):
    return _target_edit(
        request,
        pk,
        target_pk,
        perm="appraisal.edit_plan",
        level=Target.Level.DEPARTMENT,
        form_class=DepartmentTargetForm,
        service=target_services.department_target_save,
        done=_("The target is saved."),
        title=_("Department target"),
    )


@use_appraisal
def individual_target_edit(request, pk, target_pk=None):
    return _target_edit(
        request,
        pk,
        target_pk,
        perm="appraisal.set_individual_targets",
        level=Target.Level.INDIVIDUAL,
        form_class=IndividualTargetForm,
        service=target_services.individual_target_save,
        done=_("The staff target is saved."),
        title=_("Staff target"),
    )
