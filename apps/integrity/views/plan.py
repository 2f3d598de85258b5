"""The annual plan, its campaigns and activities; sign-up and attendance."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_fsm import TransitionNotAllowed

from .. import services
from ..forms import ActivityForm, CampaignForm, PlanDecisionForm, PlanForm
from ..models import Campaign, IntegrityPlan
from ..selectors import (
    activity_detail,
    activity_list,
    activity_participants,
    plan_detail,
    plan_list,
    plan_overload,
)
from ._common import attach, refusal


@permission_required("integrity.view", raise_exception=True)
def plan_index(request):
    return render(
        request,
        "integrity/plan_list.html",
        {
            "plans": plan_list(user=request.user),
            "upcoming": activity_list(user=request.user, upcoming_only=True)[:20],
        },
    )


@permission_required("integrity.organise", raise_exception=True)
def plan_edit(request, pk=None):
    plan = plan_detail(user=request.user, pk=pk) if pk else None
    if plan and not request.user.has_perm("integrity.manage_plan", plan):
        raise PermissionDenied
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_save(
                actor=request.user, fields=form.cleaned_data, plan=plan
            )
        except ValidationError as exc:
            attach(form, exc)
        except TransitionNotAllowed as exc:
            refusal(request, exc)
        else:
            messages.success(request, _("The plan is saved."))
            return redirect(plan)
    return render(request, "integrity/plan_form.html", {"form": form, "plan": plan})


def _plan_page(request, plan, **forms):
    user = request.user
    can_manage = user.has_perm("integrity.manage_plan", plan)
    can_decide = plan.state == IntegrityPlan.State.SUBMITTED and user.has_perm(
        "integrity.approve_plan", plan
    )
    context = {
        "plan": plan,
        "overload": plan_overload(plan),
        "can_manage": can_manage,
        "can_decide": can_decide,
        "campaign_form": forms.get("campaign_form")
        or (CampaignForm() if can_manage and plan.is_editable else None),
        "decision_form": forms.get("decision_form")
        or (PlanDecisionForm() if can_decide else None),
    }
    return render(request, "integrity/plan_detail.html", context)


def plan_view(request, pk):
    plan = plan_detail(user=request.user, pk=pk)
    if not request.user.has_perm("integrity.view"):
        raise PermissionDenied
    return _plan_page(request, plan)


@require_POST
def campaign_add(request, pk):
    plan = plan_detail(user=request.user, pk=pk)
    if not request.user.has_perm("integrity.manage_plan", plan):
        raise PermissionDenied
    form = CampaignForm(request.POST)
    if form.is_valid():
        try:
            services.campaign_save(
                actor=request.user, plan=plan, fields=form.cleaned_data
            )
        except ValidationError as exc:
            attach(form, exc)
        except TransitionNotAllowed as exc:
            refusal(request, exc)
            return redirect(plan)
        else:
            messages.success(request, _("The campaign is added."))
            return redirect(plan)
    return _plan_page(request, plan, campaign_form=form)


@require_POST
def campaign_remove(request, pk, campaign_pk):
    plan = plan_detail(user=request.user, pk=pk)
    if not request.user.has_perm("integrity.manage_plan", plan):
        raise PermissionDenied
    campaign = get_object_or_404(Campaign, pk=campaign_pk, plan=plan)
    try:
        services.campaign_delete(actor=request.user, campaign=campaign)
    except TransitionNotAllowed as exc:
        refusal(request, exc)
    return redirect(plan)


@require_POST
def plan_submit(request, pk):
    plan = plan_detail(user=request.user, pk=pk)
    if not request.user.has_perm("integrity.manage_plan", plan):
        raise PermissionDenied
    try:
        services.plan_submit(actor=request.user, plan=plan)
    except (ValidationError, TransitionNotAllowed) as exc:
        refusal(request, exc)
    else:
        messages.success(request, _("The plan is sent to the procurator-general."))
    return redirect(plan)


@require_POST
def plan_decide(request, pk):
    plan = plan_detail(user=request.user, pk=pk)
    if not request.user.has_perm("integrity.approve_plan", plan):
        raise PermissionDenied
    form = PlanDecisionForm(request.POST)
    form.is_valid()
    approve = request.POST.get("decision") == "approve"
    try:
        services.plan_decide(
            actor=request.user,
            plan=plan,
            approve=approve,
            note=form.cleaned_data.get("note", ""),
        )
    except ValidationError as exc:
        attach(form, exc)
        return _plan_page(request, plan, decision_form=form)
    except TransitionNotAllowed as exc:
        refusal(request, exc)
    else:
        messages.success(
            request,
            _("The plan is approved.") if approve else _("The plan is returned."),
        )
    return redirect(plan)


# ---------------------------------------------------------------- activities
@permission_required("integrity.organise", raise_exception=True)
def activity_edit(request, pk, activity_pk=None):
    plan = plan_detail(user=request.user, pk=pk)
    if not request.user.has_perm("integrity.manage_plan", plan):
        raise PermissionDenied
    activity = (
        activity_detail(user=request.user, pk=activity_pk) if activity_pk else None
    )
    if activity and activity.plan_id != plan.pk:
        raise Http404
    form = ActivityForm(
        request.POST or None, instance=activity, plan=plan, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "audience"}
        try:
            activity = services.activity_save(
                actor=request.user,
                plan=plan,
                fields=fields,
                audience=form.cleaned_data["audience"],
                activity=activity,
            )
        except ValidationError as exc:
            attach(form, exc)
        except TransitionNotAllowed as exc:
            refusal(request, exc)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect(activity)
    return render(
        request,
        "integrity/activity_form.html",
        {"form": form, "plan": plan, "activity": activity},
    )


def activity_view(request, pk):
    activity = activity_detail(user=request.user, pk=pk)
    if not request.user.has_perm("integrity.take_part", activity):
        raise Http404
    participants = activity_participants(activity)
    own = next((p for p in participants if p.user_id == request.user.pk), None)
    can_manage = request.user.has_perm("integrity.manage_activity", activity)
    expected = None
    if can_manage and activity.state != activity.State.CANCELLED:
        present = {p.user_id for p in participants if p.attended}
        signed = {p.user_id for p in participants if p.signed_up_at}
        expected = [
            {
                "staff": staff,
                "checked": staff.user_id in present
                or (
                    activity.attendance_recorded_at is None and staff.user_id in signed
                ),
            }
            for staff in services.audience_staff(activity)
        ]
    return render(
        request,
        "integrity/activity_detail.html",
        {
            "activity": activity,
            "participants": participants,
            "own": own,
            "can_manage": can_manage,
            "expected": expected,
        },
    )


@require_POST
def activity_act(request, pk, action):
    activity = activity_detail(user=request.user, pk=pk)
    if not request.user.has_perm("integrity.take_part", activity):
        raise Http404
    user = request.user
    try:
        if action == "signup":
            services.activity_signup(actor=user, activity=activity)
            messages.success(request, _("You are signed up."))
        elif action == "withdraw":
            services.activity_withdraw(actor=user, activity=activity)
            messages.success(request, _("Your sign-up is withdrawn."))
        elif action == "attendance":
            if not user.has_perm("integrity.manage_activity", activity):
                raise PermissionDenied
            present = [v for v in request.POST.getlist("present") if v.isdigit()]
            services.activity_record_attendance(
                actor=user, activity=activity, present_user_ids=present
            )
            messages.success(request, _("The attendance is recorded."))
        elif action == "cancel":
            if not user.has_perm("integrity.manage_activity", activity):
                raise PermissionDenied
            services.activity_cancel(
                actor=user, activity=activity, reason=request.POST.get("reason", "")
            )
            messages.success(request, _("The activity is cancelled."))
        else:
            raise Http404
    except (ValidationError, TransitionNotAllowed) as exc:
        refusal(request, exc)
    return redirect(activity)
