"""A department's plan: drafting targets, proposing, reviewing, staff targets."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from .. import selectors
from ..forms import (
    DepartmentTargetForm,
    IndividualTargetForm,
    ReasonForm,
    TemplateApplyForm,
    TemplateSaveForm,
)
from ..models import DepartmentPlan, Target, TargetTemplate
from ..services import plans as plan_services
from ..services import targets as target_services
from .common import act, attempt, check, post_action, use_appraisal


@use_appraisal
def plan_detail(request, pk):
    plan = selectors.plan_get(user=request.user, pk=pk)
    department_targets, staff_targets = selectors.plan_targets(
        plan=plan, user=request.user
    )
    user = request.user
    editable = user.has_perm("appraisal.edit_plan", plan) and (
        (
            plan.status == DepartmentPlan.Status.DRAFT
            and user.staff.department_id == plan.department_id
        )
        or (
            plan.status == DepartmentPlan.Status.PROPOSED
            and user.has_perm("appraisal.review_plan", plan)
        )
    )
    templates = TargetTemplate.objects.filter(department_id=plan.department_id)
    return render(
        request,
        "appraisal/plan_detail.html",
        {
            "plan": plan,
            "cycle": plan.cycle,
            "department_targets": department_targets,
            "staff_targets": staff_targets,
            "cooperating": selectors.cooperating_targets(plan=plan),
            "editable": editable and not plan.cycle.is_closed,
            "can_propose": user.has_perm("appraisal.propose_plan", plan)
            and plan.status == DepartmentPlan.Status.DRAFT,
            "can_review": user.has_perm("appraisal.review_plan", plan)
            and plan.status == DepartmentPlan.Status.PROPOSED,
            "can_set_staff": user.has_perm("appraisal.set_individual_targets", plan)
            and plan.status == DepartmentPlan.Status.APPROVED
            and not plan.cycle.is_closed,
            "can_keep_template": user.staff.department_id == plan.department_id
            and user.has_perm("appraisal.edit_plan", plan)
            and bool(department_targets),
            "template_form": TemplateApplyForm(templates=templates)
            if templates
            else None,
            "template_save_form": TemplateSaveForm(
                initial={"name": plan.department.name}
            ),
            "return_form": ReasonForm(),
        },
    )


def _target_form_page(request, plan, form, title):
    return render(
        request,
        "appraisal/form.html",
        {
            "form": form,
            "title": title,
            "subtitle": plan,
            "back": plan.get_absolute_url(),
        },
    )


@use_appraisal
def department_target_edit(request, pk, target_pk=None):
    plan = selectors.plan_get(user=request.user, pk=pk)
    check(request.user, "appraisal.edit_plan", plan)
    target = None
    if target_pk is not None:
        target = selectors.target_get(user=request.user, pk=target_pk)
        if target.plan_id != plan.pk or target.level != Target.Level.DEPARTMENT:
            raise Http404
    form = DepartmentTargetForm(
        request.POST or None,
        plan=plan,
        initial=DepartmentTargetForm.initial_for(target) if target else {},
    )
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            request,
            form,
            lambda: target_services.department_target_save(
                actor=request.user, plan=plan, target=target, **form.service_kwargs()
            ),
        )
        if saved:
            messages.success(request, _("The target is saved."))
            return redirect(plan)
    return _target_form_page(request, plan, form, _("Department target"))


@use_appraisal
def individual_target_edit(request, pk, target_pk=None):
    plan = selectors.plan_get(user=request.user, pk=pk)
    check(request.user, "appraisal.set_individual_targets", plan)
    target = None
    if target_pk is not None:
        target = selectors.target_get(user=request.user, pk=target_pk)
        if target.plan_id != plan.pk or target.level != Target.Level.INDIVIDUAL:
            raise Http404
    form = IndividualTargetForm(
        request.POST or None,
        plan=plan,
        initial=IndividualTargetForm.initial_for(target) if target else {},
    )
    if request.method == "POST" and form.is_valid():
        saved = attempt(
            request,
            form,
            lambda: target_services.individual_target_save(
                actor=request.user, plan=plan, target=target, **form.service_kwargs()
            ),
        )
        if saved:
            messages.success(request, _("The staff target is saved."))
            return redirect(plan)
    return _target_form_page(request, plan, form, _("Staff target"))


@post_action
def target_delete(request, pk):
    target = selectors.target_get(user=request.user, pk=pk)
    back = target.plan or target.cycle
    act(
        request,
        lambda: target_services.target_delete(actor=request.user, target=target),
        _("The draft target is deleted."),
    )
    return back


@post_action
def template_apply(request, pk):
    plan = selectors.plan_get(user=request.user, pk=pk)
    check(request.user, "appraisal.edit_plan", plan)
    form = TemplateApplyForm(
        request.POST,
        templates=TargetTemplate.objects.filter(department_id=plan.department_id),
    )
    if form.is_valid():
        act(
            request,
            lambda: target_services.targets_create_from_template(
                actor=request.user, plan=plan, template=form.cleaned_data["template"]
            ),
            _("The template's targets are drafted."),
        )
    else:
        messages.error(request, _("Choose a template."))
    return plan


@post_action
def template_save(request, pk):
    plan = selectors.plan_get(user=request.user, pk=pk)
    check(request.user, "appraisal.edit_plan", plan)
    form = TemplateSaveForm(request.POST)
    if form.is_valid():
        act(
            request,
            lambda: target_services.template_save_from_plan(
                actor=request.user, plan=plan, name=form.cleaned_data["name"]
            ),
            _("The targets are kept as a template for next year."),
        )
    else:
        messages.error(request, _("Name the template."))
    return plan


@post_action
def plan_propose(request, pk):
    plan = selectors.plan_get(user=request.user, pk=pk)
    check(request.user, "appraisal.propose_plan", plan)
    act(
        request,
        lambda: plan_services.plan_propose(actor=request.user, plan=plan),
        _("The targets are proposed to the appraisal office."),
    )
    return plan


@post_action
def plan_review(request, pk):
    plan = selectors.plan_get(user=request.user, pk=pk)
    check(request.user, "appraisal.review_plan", plan)
    act(
        request,
        lambda: plan_services.plan_review(actor=request.user, plan=plan),
        _("The targets are reviewed."),
    )
    return plan


@post_action
def plan_return(request, pk):
    plan = selectors.plan_get(user=request.user, pk=pk)
    check(
        request.user,
        "appraisal.approve_plans"
        if plan.status == DepartmentPlan.Status.SUBMITTED
        else "appraisal.review_plan",
        plan.cycle if plan.status == DepartmentPlan.Status.SUBMITTED else plan,
    )
    reason = request.POST.get("reason", "")
    act(
        request,
        lambda: plan_services.plan_return(actor=request.user, plan=plan, reason=reason),
        _("The targets went back to the department."),
    )
    return plan


@post_action
def individual_issue(request, pk):
    plan = selectors.plan_get(user=request.user, pk=pk)
    check(request.user, "appraisal.set_individual_targets", plan)
    act(
        request,
        lambda: plan_services.individual_targets_issue(actor=request.user, plan=plan),
        _("The staff targets are issued and frozen."),
    )
    return plan
