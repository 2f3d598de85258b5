"""The annual plan, its campaigns and activities; sign-up and attendance."""

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.actions import (
    Action,
    ActionSet,
    transition_available,
)

from .. import services
from ..forms import (
    ActivityForm,
    AttendanceForm,
    CampaignForm,
    CampaignRemoveForm,
    CancelActivityForm,
    PlanDecisionForm,
    PlanForm,
)
from ..models import IntegrityPlan
from ..selectors import (
    activity_detail,
    activity_list,
    activity_participants,
    plan_detail,
    plan_list,
    plan_overload,
)
from .common import editable, form_saved, visible


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
    plan = editable(request, plan_detail, pk, "integrity.manage_plan")
    form = PlanForm(request.POST or None, instance=plan)
    saved = form_saved(
        request,
        form,
        lambda data: services.plan_save(actor=request.user, fields=data, plan=plan),
        _("The plan is saved."),
    )
    if saved:
        return redirect(saved)
    return render(request, "integrity/plan_form.html", {"form": form, "plan": plan})


def _load_plan(request, pk):
    if not request.user.has_perm("integrity.view"):
        raise PermissionDenied
    return plan_detail(user=request.user, pk=pk)


def _decided(plan):
    if plan.state == IntegrityPlan.State.APPROVED:
        return _("The plan is approved.")
    return _("The plan is returned.")


plan_actions = ActionSet(
    "integrity:plan_act",
    load=_load_plan,
    actions=[
        Action(
            "add_campaign",
            gettext_lazy("Add"),
            transition="revise",
            form=CampaignForm,
            run=lambda user, plan, data: services.campaign_save(
                actor=user, plan=plan, fields=data
            ),
            done=gettext_lazy("The campaign is added."),
            style="outline-primary",
        ),
        Action(
            "remove_campaign",
            gettext_lazy("Remove"),
            transition="revise",
            form=CampaignRemoveForm,
            form_kwargs=lambda request, plan: {"plan": plan},
            run=lambda user, plan, data: services.campaign_delete(
                actor=user, campaign=data["campaign"]
            ),
            confirm=gettext_lazy("Remove this campaign?"),
            style="link text-danger p-0",
        ),
        Action(
            "submit",
            gettext_lazy("Submit to the procurator-general"),
            transition="submit",
            run=lambda user, plan, data: services.plan_submit(actor=user, plan=plan),
            done=gettext_lazy("The plan is sent to the procurator-general."),
        ),
        # One form, two buttons: approve or return (same step, same approver).
        Action(
            "decide",
            gettext_lazy("Approve"),
            transition="approve",
            form=PlanDecisionForm,
            run=lambda user, plan, data: services.plan_decide(
                actor=user,
                plan=plan,
                approve=data["decision"] == "approve",
                note=data["note"],
            ),
            done=_decided,
            style="success",
        ),
    ],
)


def plan_view(request, pk):
    plan = _load_plan(request, pk)
    offers = plan_actions.offered(request, plan)
    context = {
        "plan": plan,
        "overload": plan_overload(plan),
        "can_manage": request.user.has_perm("integrity.manage_plan", plan),
        "actions": {offer.name: offer for offer in offers},
    }
    return render(request, "integrity/plan_detail.html", context)


# ---------------------------------------------------------------- activities
@permission_required("integrity.organise", raise_exception=True)
def activity_edit(request, pk, activity_pk=None):
    plan = editable(request, plan_detail, pk, "integrity.manage_plan")
    activity = (
        activity_detail(user=request.user, pk=activity_pk) if activity_pk else None
    )
    if activity and activity.plan_id != plan.pk:
        raise Http404
    form = ActivityForm(
        request.POST or None, instance=activity, plan=plan, user=request.user
    )
    saved = form_saved(
        request,
        form,
        lambda data: services.activity_save(
            actor=request.user,
            plan=plan,
            fields={k: v for k, v in data.items() if k != "audience"},
            audience=data["audience"],
            activity=activity,
        ),
        _("The activity is saved."),
    )
    if saved:
        return redirect(saved)
    return render(
        request,
        "integrity/activity_form.html",
        {"form": form, "plan": plan, "activity": activity},
    )


_load_activity = visible(activity_detail, "integrity.take_part")


def _expected_user_ids(request, activity):
    """Everyone the attendance form may tick: the audience and who signed up."""
    ids = {s.user_id for s in services.audience_staff(activity)}
    ids |= {p.user_id for p in activity_participants(activity)}
    return {"expected_user_ids": sorted(ids)}


activity_actions = ActionSet(
    "integrity:activity_act",
    load=_load_activity,
    actions=[
        Action(
            "signup",
            gettext_lazy("Sign up"),
            transition="sign_up",
            run=lambda user, activity, data: services.activity_signup(
                actor=user, activity=activity
            ),
            done=gettext_lazy("You are signed up."),
        ),
        Action(
            "withdraw",
            gettext_lazy("Withdraw my sign-up"),
            transition="sign_up",
            run=lambda user, activity, data: services.activity_withdraw(
                actor=user, activity=activity
            ),
            done=gettext_lazy("Your sign-up is withdrawn."),
            style="outline-secondary",
        ),
        Action(
            "attendance",
            gettext_lazy("Record the attendance"),
            transition="record_attendance",
            form=AttendanceForm,
            form_kwargs=_expected_user_ids,
            run=lambda user, activity, data: services.activity_record_attendance(
                actor=user, activity=activity, present_user_ids=data["present"]
            ),
            done=gettext_lazy("The attendance is recorded."),
        ),
        Action(
            "cancel",
            gettext_lazy("Cancel the activity"),
            transition="cancel",
            form=CancelActivityForm,
            run=lambda user, activity, data: services.activity_cancel(
                actor=user, activity=activity, reason=data["reason"]
            ),
            done=gettext_lazy("The activity is cancelled."),
            style="outline-danger",
        ),
    ],
)


def activity_view(request, pk):
    activity = _load_activity(request, pk)
    user = request.user
    participants = activity_participants(activity)
    own = next((p for p in participants if p.user_id == user.pk), None)
    signed_up = bool(own and own.signed_up_at)
    offers = activity_actions.offered(
        request,
        activity,
        only={"withdraw" if signed_up else "signup", "attendance", "cancel"},
    )
    actions = {offer.name: offer for offer in offers}
    expected = None
    if "attendance" in actions:
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
            "signed_up": signed_up,
            "can_manage": user.has_perm("integrity.manage_activity", activity),
            "can_edit": transition_available(user, activity, "revise"),
            "actions": actions,
            "expected": expected,
        },
    )
