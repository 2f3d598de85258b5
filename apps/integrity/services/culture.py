"""The annual plan, its campaigns and activities, sign-up and attendance."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import Refused, authorize, locked, transition_check
from apps.core.models import Role, Staff
from apps.core.selectors import users_with_role
from apps.todos.services import todo_close, todo_open
from apps.workdays.clock import due_for_step

from ..models import Activity, Campaign, IntegrityPlan, Participation
from ._common import assign_fields, new_or_locked, save_audited, step_taken

PLAN_FIELDS = ["year", "title", "goals"]
CAMPAIGN_FIELDS = ["title", "source", "starts_on", "ends_on", "description"]
ACTIVITY_FIELDS = [
    "kind",
    "campaign",
    "title",
    "held_on",
    "place",
    "organiser",
    "education_hours",
    "signup_required",
    "capacity",
    "quiz",
    "description",
]

PLAN_FIXED = gettext_lazy(
    "The plan is submitted or approved: its campaigns can no longer change."
)
ACTIVITY_OVER = gettext_lazy("The activity has been held or cancelled.")


# ------------------------------------------------------------------- the plan
@transaction.atomic
def plan_save(*, actor, fields, plan=None):
    """Draft the year's plan, or change it while it is a draft."""
    plan = new_or_locked(
        actor,
        plan,
        IntegrityPlan,
        creator="drafted_by",
        check=lambda p: transition_check(actor, p.revise, wrong_step=PLAN_FIXED),
    )
    before = model_snapshot(plan, fields=PLAN_FIELDS) if plan.pk else None
    assign_fields(plan, fields, PLAN_FIELDS)
    return save_audited(
        plan,
        actor=actor,
        action="integrity.plan.save",
        names=PLAN_FIELDS,
        before=before,
        message=gettext_noop("Saved the integrity-culture plan"),
    )


@transaction.atomic
def campaign_save(*, actor, plan, fields, campaign=None):
    """Add or change a campaign the plan has to carry (draft plans only)."""
    plan = locked(plan)
    transition_check(actor, plan.revise, wrong_step=PLAN_FIXED)
    if campaign is None:
        campaign = Campaign(plan=plan)
    elif campaign.plan_id != plan.pk:
        raise Refused()
    assign_fields(campaign, fields, CAMPAIGN_FIELDS)
    if (
        campaign.starts_on
        and campaign.ends_on
        and campaign.ends_on < campaign.starts_on
    ):
        raise ValidationError({"ends_on": _("The campaign ends before it starts.")})
    return save_audited(
        campaign,
        actor=actor,
        action="integrity.campaign.save",
        names=CAMPAIGN_FIELDS,
        target=plan,
        message=gettext_noop("Saved a campaign of the plan"),
    )


@transaction.atomic
def campaign_delete(*, actor, campaign):
    """Take a campaign out of a draft plan."""
    plan = locked(campaign.plan)
    transition_check(actor, plan.revise, wrong_step=PLAN_FIXED)
    audit_record(
        actor=actor,
        action="integrity.campaign.delete",
        target=plan,
        before=model_snapshot(campaign, fields=CAMPAIGN_FIELDS),
        message=gettext_noop("Removed a campaign from the plan"),
    )
    campaign.delete()


def _approvers(plan):
    return [
        u
        for u in users_with_role(
            procuratorate_id=plan.procuratorate_id, role=Role.PROCURATOR_GENERAL
        )
        if u.pk != plan.drafted_by_id
    ]


@transaction.atomic
def plan_submit(*, actor, plan):
    """Send the plan to the procurator-general, overload and all."""
    plan = locked(plan)
    transition_check(actor, plan.submit)
    if not plan.campaigns.exists() and not plan.activities.exists():
        raise ValidationError(_("Add the year's campaigns and activities first."))
    approvers = _approvers(plan)
    if not approvers:
        raise ValidationError(_("There is no procurator-general to approve it."))
    moment = timezone.now()
    plan.submit()
    plan.submitted_at = moment
    plan.save(update_fields=["state", "submitted_at", "updated_at"])
    todo_open(
        target=plan,
        step_code="integrity.plan_approval",
        label=gettext_noop("Approve the integrity-culture plan"),
        assignees=approvers,
        url=plan.get_absolute_url(),
        due_at=due_for_step("integrity.plan_approval", moment),
    )
    audit_record(
        actor=actor,
        action="integrity.plan.submit",
        target=plan,
        message=gettext_noop("Submitted the integrity-culture plan"),
    )
    return plan


@transaction.atomic
def plan_decide(*, actor, plan, approve, note=""):
    """Approve the plan or return it.

    When campaigns of different sources pile up in some weeks, approving needs
    a note on how those weeks will be handled: the approver has seen them.
    """
    from ..selectors import plan_overload

    plan = locked(plan)
    transition_check(actor, plan.approve if approve else plan.return_to_draft)
    note = (note or "").strip()
    if approve:
        overload = plan_overload(plan)
        if overload["weeks"] and not note:
            raise ValidationError(
                {
                    "note": _(
                        "%(n)d weeks carry campaigns of different sources at once: "
                        "say how they will be combined or spread before approving."
                    )
                    % {"n": len(overload["weeks"])}
                }
            )
        plan.approve()
        plan.approved_by = actor
        plan.approved_at = timezone.now()
        plan.overload_note = note
        plan.return_reason = ""
    else:
        if not note:
            raise ValidationError({"note": _("Give the reason for returning it.")})
        plan.return_to_draft()
        plan.return_reason = note
    plan.full_clean()
    plan.save()
    todo_close(target=plan, step_code="integrity.plan_approval", actor=actor)
    audit_record(
        actor=actor,
        action="integrity.plan." + ("approve" if approve else "return"),
        target=plan,
        after={"state": plan.state, "note": note},
        message=gettext_noop("Approved the integrity-culture plan")
        if approve
        else gettext_noop("Returned the integrity-culture plan"),
    )
    return plan


# ---------------------------------------------------------------- activities
@transaction.atomic
def activity_save(*, actor, plan, fields, audience=(), activity=None):
    """Add or change an activity of the plan (campaigns belong to the same plan)."""
    plan = locked(plan)
    authorize(actor, "integrity.manage_plan", plan)
    if activity is None:
        activity = Activity(plan=plan, procuratorate_id=plan.procuratorate_id)
    else:
        activity = locked(activity)
        if activity.plan_id != plan.pk:
            raise Refused()
        transition_check(actor, activity.revise, wrong_step=ACTIVITY_OVER)
    assign_fields(activity, fields, ACTIVITY_FIELDS)
    if activity.campaign_id and activity.campaign.plan_id != plan.pk:
        raise ValidationError({"campaign": _("The campaign belongs to another plan.")})
    if activity.held_on and activity.held_on.year != plan.year:
        raise ValidationError({"held_on": _("The date is outside the plan's year.")})
    departments = list(audience)
    if activity.organiser_id and activity.organiser.procuratorate_id != (
        plan.procuratorate_id
    ):
        raise ValidationError({"organiser": _("Choose a department of ours.")})
    if any(d.procuratorate_id != plan.procuratorate_id for d in departments):
        raise ValidationError({"audience": _("Choose departments of ours.")})
    activity.full_clean()
    activity.save()
    activity.audience.set(departments)
    audit_record(
        actor=actor,
        action="integrity.activity.save",
        target=activity,
        after={
            **model_snapshot(activity, fields=ACTIVITY_FIELDS),
            "audience": [d.pk for d in departments],
        },
        message=gettext_noop("Saved an integrity-culture activity"),
    )
    return activity


def _in_audience(activity, user):
    staff = getattr(user, "staff", None)
    if staff is None or staff.procuratorate_id != activity.procuratorate_id:
        return False
    audience = set(activity.audience.values_list("pk", flat=True))
    return not audience or staff.department_id in audience


@transaction.atomic
def activity_signup(*, actor, activity):
    """Sign up for an activity; places are counted under a row lock."""
    activity = locked(activity)
    transition_check(
        actor, activity.sign_up, wrong_step=_("This activity takes no sign-ups.")
    )
    if activity.held_on < timezone.localdate():
        raise ValidationError(_("The activity has already taken place."))
    if not _in_audience(activity, actor):
        raise ValidationError(_("The activity is for other departments."))
    existing = Participation.objects.filter(activity=activity, user=actor).first()
    if existing and existing.signed_up_at:
        return existing
    taken = Participation.objects.filter(
        activity=activity, signed_up_at__isnull=False
    ).count()
    if activity.capacity is not None and taken >= activity.capacity:
        raise ValidationError(_("All places are taken."))
    participation, _created = Participation.objects.update_or_create(
        activity=activity,
        user=actor,
        defaults={
            "department_id": actor.staff.department_id,
            "signed_up_at": timezone.now(),
        },
    )
    audit_record(
        actor=actor,
        action="integrity.activity.signup",
        target=activity,
        message=gettext_noop("Signed up for an activity"),
    )
    return participation


@transaction.atomic
def activity_withdraw(*, actor, activity):
    """Withdraw the actor's sign-up while the activity is still to come."""
    activity = locked(activity)
    transition_check(actor, activity.sign_up, wrong_step=ACTIVITY_OVER)
    deleted, _rows = Participation.objects.filter(
        activity=activity, user=actor, attended__isnull=True
    ).delete()
    if deleted:
        audit_record(
            actor=actor,
            action="integrity.activity.withdraw",
            target=activity,
            message=gettext_noop("Withdrew from an activity"),
        )
    return deleted


def audience_staff(activity):
    """Active staff the activity expects: its audience departments, or everyone."""
    qs = Staff.objects.filter(
        procuratorate_id=activity.procuratorate_id, user__is_active=True
    ).select_related("user", "department")
    audience = list(activity.audience.values_list("pk", flat=True))
    if audience:
        qs = qs.filter(department_id__in=audience)
    return qs.order_by("department__sort_order", "name")


@transaction.atomic
def activity_record_attendance(*, actor, activity, present_user_ids):
    """Record who attended: everyone expected gets a yes or a no."""
    activity = locked(activity)
    transition_check(actor, activity.record_attendance)
    if activity.held_on > timezone.localdate():
        raise ValidationError(_("Attendance is recorded on or after the day."))
    expected = {s.user_id: s for s in audience_staff(activity)}
    # People from outside the audience who signed up and came count too.
    signed = set(
        Participation.objects.filter(activity=activity).values_list(
            "user_id", flat=True
        )
    )
    present = {int(pk) for pk in present_user_ids}
    unknown = present - set(expected) - signed
    if unknown:
        raise ValidationError(_("Some of the people marked are not expected here."))
    activity.record_attendance()
    activity.attendance_recorded_at = timezone.now()
    activity.save(update_fields=["state", "attendance_recorded_at", "updated_at"])
    staff_by_user = {
        s.user_id: s for s in Staff.objects.filter(user_id__in=set(expected) | signed)
    }
    for user_id in set(expected) | signed:
        Participation.objects.update_or_create(
            activity=activity,
            user_id=user_id,
            defaults={
                "department_id": staff_by_user[user_id].department_id,
                "attended": user_id in present,
            },
        )
    audit_record(
        actor=actor,
        action="integrity.activity.attendance",
        target=activity,
        after={"present": sorted(present), "expected": len(expected)},
        message=gettext_noop("Recorded the attendance of an activity"),
    )
    return activity


@transaction.atomic
def activity_cancel(*, actor, activity, reason):
    """Call the activity off, saying why."""
    activity = locked(activity)
    transition_check(actor, activity.cancel)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for cancelling.")})
    activity.description = (
        activity.description + "\n" + _("Cancelled: %(reason)s") % {"reason": reason}
    ).strip()
    return step_taken(
        activity,
        activity.cancel,
        actor=actor,
        action="integrity.activity.cancel",
        message=gettext_noop("Cancelled an activity"),
        update_fields=["description"],
        after={"reason": reason},
    )
