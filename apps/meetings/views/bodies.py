"""Pages for the bodies: rosters over time, the overlap between bodies, and who
keeps each body's meetings."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.rules import staff_of
from apps.core.selectors import staff_list

from .. import selectors, services
from ..forms import OfficialsForm, RosterChangeForm
from ..models import Body, BodyKind, Membership
from ..roster import house_overlaps, memberships_on
from ..services import Joining
from ._common import attempt, check, load


@permission_required("meetings.use", raise_exception=True)
def body_list(request):
    staff = staff_of(request.user)
    services.bodies_ensure(procuratorate=staff.procuratorate)
    today = timezone.localdate()
    bodies = list(selectors.body_list(user=request.user))
    for body in bodies:
        body.current = memberships_on(body, today)
    return render(
        request,
        "meetings/body_list.html",
        {
            "bodies": bodies,
            "overlaps": house_overlaps(staff.procuratorate_id, today),
            "today": today,
        },
    )


def body_detail(request, pk):
    body = load(Body, request, pk)
    check(request, "meetings.use")
    user = request.user
    can_manage = user.has_perm("meetings.manage_roster", body)
    today = timezone.localdate()
    current = memberships_on(body, today)
    staff = staff_list(user=user)
    roster_form = officials_form = None
    if can_manage:
        roster_form = RosterChangeForm(
            request.POST if request.POST.get("action") == "roster" else None,
            prefix="roster",
            staff=staff,
            members=staff.filter(pk__in=[m.staff_id for m in current]),
        )
        officials_form = OfficialsForm(
            request.POST if request.POST.get("action") == "officials" else None,
            prefix="officials",
            staff=staff,
            body=body,
            initial={
                "secretaries": body.secretaries.all(),
                "pre_reviewers": body.pre_reviewers.all(),
            },
        )
    if request.method == "POST":
        check(request, "meetings.manage_roster", body)
        action = request.POST.get("action")
        if action == "roster" and roster_form.is_valid():
            d = roster_form.cleaned_data
            joining = [
                Joining(s, seat=d["seat"], is_full_time=d["is_full_time"])
                for s in d["joining"]
            ]
            ok = attempt(
                request,
                lambda: services.roster_change(
                    actor=user,
                    body=body,
                    effective_date=d["effective_date"],
                    joining=joining,
                    leaving=list(d["leaving"]),
                ),
                roster_form,
            )
            if ok:
                messages.success(request, _("The roster was changed."))
                return redirect(body)
        elif action == "sync" and body.kind == BodyKind.OFFICE:
            if attempt(
                request,
                lambda: services.office_roster_sync(actor=user, body=body),
            ):
                messages.success(
                    request,
                    _(
                        "The office meeting now has the party group and the "
                        "department heads."
                    ),
                )
                return redirect(body)
        elif action == "officials" and officials_form.is_valid():
            d = officials_form.cleaned_data
            if attempt(
                request,
                lambda: services.body_set_officials(
                    actor=user,
                    body=body,
                    secretaries=list(d["secretaries"]),
                    pre_reviewers=list(d.get("pre_reviewers") or []),
                ),
                officials_form,
            ):
                messages.success(request, _("Saved."))
                return redirect(body)
    history = (
        Membership.objects.filter(body=body)
        .select_related("staff__department")
        .order_by("-start_date", "sort_order")
    )
    return render(
        request,
        "meetings/body_detail.html",
        {
            "body": body,
            "current": current,
            "history": history,
            "today": today,
            "can_manage": can_manage,
            "roster_form": roster_form,
            "officials_form": officials_form,
            "secretaries": body.secretaries.select_related("department"),
            "pre_reviewers": body.pre_reviewers.select_related("department"),
        },
    )
