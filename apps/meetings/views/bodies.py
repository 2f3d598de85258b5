"""Pages for the bodies: rosters over time, the overlap between bodies, and who
keeps each body's meetings."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.actions import Action, ActionSet, calls
from apps.core.rules import staff_of
from apps.core.selectors import staff_list

from .. import selectors, services
from ..forms import OfficialsForm, RosterChangeForm
from ..models import Body, BodyKind, Membership
from ..roster import house_overlaps, memberships_on
from ..services import Joining
from ._common import load, offer_cards, offers_by_name


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


def _load_body(request, pk):
    return load(Body, request, pk, perm="meetings.use")


def _roster_kwargs(request, body):
    staff = staff_list(user=request.user)
    current = memberships_on(body, timezone.localdate())
    return {
        "staff": staff,
        "members": staff.filter(pk__in=[m.staff_id for m in current]),
    }


def _roster_change(user, body, d):
    joining = [
        Joining(s, seat=d["seat"], is_full_time=d["is_full_time"]) for s in d["joining"]
    ]
    return services.roster_change(
        actor=user,
        body=body,
        effective_date=d["effective_date"],
        joining=joining,
        leaving=list(d["leaving"]),
    )


BODY_ACTIONS = ActionSet(
    "meetings:body_action",
    load=_load_body,
    actions=[
        Action(
            "sync",
            _("Bring the roster up to date"),
            perm="meetings.manage_roster",
            style="outline-primary",
            run=calls(services.office_roster_sync, "body"),
            done=_(
                "The office meeting now has the party group and the department heads."
            ),
        ),
        Action(
            "roster",
            _("Apply the change"),
            title=_("Change the roster"),
            perm="meetings.manage_roster",
            form=RosterChangeForm,
            form_kwargs=_roster_kwargs,
            run=_roster_change,
            done=_("The roster was changed."),
        ),
        Action(
            "officials",
            _("Save"),
            title=_("Secretaries and pre-reviewers"),
            perm="meetings.manage_roster",
            form=OfficialsForm,
            form_kwargs=lambda request, body: {
                "staff": staff_list(user=request.user),
                "body": body,
                "initial": {
                    "secretaries": body.secretaries.all(),
                    "pre_reviewers": body.pre_reviewers.all(),
                },
            },
            style="outline-primary",
            run=lambda user, body, d: services.body_set_officials(
                actor=user,
                body=body,
                secretaries=list(d["secretaries"]),
                pre_reviewers=list(d.get("pre_reviewers") or []),
            ),
            done=_("Saved."),
        ),
    ],
)


def body_detail(request, pk):
    body = _load_body(request, pk)
    today = timezone.localdate()
    # Only the office meeting's roster is derived from the others.
    only = None if body.kind == BodyKind.OFFICE else ["roster", "officials"]
    history = (
        Membership.objects.filter(body=body)
        .select_related("staff__department")
        .order_by("-start_date", "sort_order")
    )
    offers = BODY_ACTIONS.offered(request, body, only=only)
    return render(
        request,
        "meetings/body_detail.html",
        {
            "body": body,
            "current": memberships_on(body, today),
            "history": history,
            "today": today,
            "actions": offers_by_name(offers),
            "cards": offer_cards(offers, {"roster", "officials"}),
            "secretaries": body.secretaries.select_related("department"),
            "pre_reviewers": body.pre_reviewers.select_related("department"),
        },
    )
