"""The three bodies and their rosters over time."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record
from apps.core.actions import authorize, locked
from apps.core.models import Role, Staff

from ..models import Body, BodyKind, Membership, Seat
from ..roster import active_on
from ._common import authorize_locked

BODY_NAMES = {
    BodyKind.PARTY_GROUP: "党组会",
    BodyKind.COMMITTEE: "检察委员会",
    BodyKind.OFFICE: "院务会",
}


@transaction.atomic
def bodies_ensure(*, procuratorate):
    """Create the three bodies of a procuratorate if missing; return {kind: Body}."""
    bodies = {}
    for kind in BodyKind:
        bodies[kind], _created = Body.objects.get_or_create(
            procuratorate=procuratorate,
            kind=kind,
            defaults={"name": BODY_NAMES[kind]},
        )
    return bodies


@dataclass(frozen=True)
class Joining:
    staff: Staff
    seat: str = Seat.MEMBER
    is_full_time: bool = False
    sort_order: int = 0


def _validate_roster(body, rows, day):
    """The roster in force on `day` after a change: one chair, committee odd."""
    active = [m for m in rows if m.is_active_on(day)]
    if sum(1 for m in active if m.seat == Seat.CHAIR) > 1:
        raise ValidationError(_("A body has one chair at a time."))
    if body.kind == BodyKind.COMMITTEE and active and len(active) % 2 == 0:
        raise ValidationError(
            _(
                "The procuratorial committee must have an odd number of members; "
                "this change would leave %(count)s."
            )
            % {"count": len(active)}
        )
    if body.kind != BodyKind.COMMITTEE and any(m.is_full_time for m in active):
        raise ValidationError(_("Only the committee has full-time members."))


@transaction.atomic
def roster_change(*, actor, body, effective_date, joining=(), leaving=()):
    """Change a body's roster from `effective_date`: some join, some leave.

    Changes come as one batch because the committee must have an odd number
    of members after every change (one joining and one leaving keeps it odd).
    `actor` None is the system (the monthly office-meeting job).
    """
    if actor is not None:
        authorize(actor, "meetings.manage_roster", body)
    body = locked(body)
    joining = [j if isinstance(j, Joining) else Joining(j) for j in joining]
    leaving = list(leaving)
    for person in [j.staff for j in joining] + leaving:
        if person.procuratorate_id != body.procuratorate_id:
            raise ValidationError(_("Members must belong to this procuratorate."))
    rows = list(Membership.objects.filter(body=body).select_related("staff"))
    current = {m.staff_id: m for m in rows if m.is_active_on(effective_date)}
    ended, started = [], []
    for person in leaving:
        membership = current.get(person.pk)
        if membership is None:
            raise ValidationError(
                _("%(name)s is not a member on that date.") % {"name": person.name}
            )
        if membership.start_date >= effective_date:
            # A term that had not begun yet is simply taken back.
            rows.remove(membership)
            membership.delete()
        else:
            membership.end_date = effective_date - datetime.timedelta(days=1)
            ended.append(membership)
        current.pop(person.pk)
    for j in joining:
        if j.staff.pk in current:
            raise ValidationError(
                _("%(name)s is already a member on that date.") % {"name": j.staff.name}
            )
        later = [
            m
            for m in rows
            if m.staff_id == j.staff.pk and m.start_date > effective_date
        ]
        if later:
            raise ValidationError(
                _("%(name)s already has a later term on this body.")
                % {"name": j.staff.name}
            )
        membership = Membership(
            body=body,
            staff=j.staff,
            seat=j.seat,
            is_full_time=j.is_full_time,
            start_date=effective_date,
            sort_order=j.sort_order,
        )
        rows.append(membership)
        started.append(membership)
        current[j.staff.pk] = membership
    _validate_roster(body, rows, effective_date)
    for membership in ended:
        membership.full_clean()
        membership.save(update_fields=["end_date", "updated_at"])
    for membership in started:
        membership.full_clean()
        membership.save()
    audit_record(
        actor=actor,
        action="meetings.body.roster_change",
        target=body,
        procuratorate=body.procuratorate,
        after={
            "effective_date": effective_date,
            "joining": [m.staff_id for m in started],
            "leaving": [m.staff_id for m in ended],
        },
        message=gettext_noop("Changed the body's roster"),
    )
    return started, ended


def _seat_for(staff):
    if staff.has_role(Role.PROCURATOR_GENERAL):
        return Seat.CHAIR
    if staff.has_role(Role.DEPUTY_PROCURATOR_GENERAL):
        return Seat.DEPUTY
    return Seat.MEMBER


@transaction.atomic
def office_roster_sync(*, actor, body, effective_date=None):
    """Make the office meeting's roster the party group plus the department heads.

    The office meeting has no roster of its own in the essay: it is "all
    party group members and the heads of the internal departments". Returns
    (joined, left) as lists of Staff.
    """
    if body.kind != BodyKind.OFFICE:
        raise ValidationError(_("Only the office meeting's roster is derived."))
    effective_date = effective_date or timezone.localdate()
    party_group = Body.objects.filter(
        procuratorate_id=body.procuratorate_id, kind=BodyKind.PARTY_GROUP
    ).first()
    wanted = {}
    if party_group is not None:
        for m in Membership.objects.filter(
            active_on(effective_date), body=party_group
        ).select_related("staff"):
            wanted[m.staff_id] = m.staff
    heads = Staff.objects.filter(
        procuratorate_id=body.procuratorate_id,
        roles__contains=[str(Role.DEPARTMENT_HEAD)],
        user__is_active=True,
        department__is_active=True,
    ).select_related("department")
    for staff in heads:
        wanted.setdefault(staff.pk, staff)
    current = {
        m.staff_id: m
        for m in Membership.objects.filter(
            active_on(effective_date), body=body
        ).select_related("staff")
    }
    joining = [
        Joining(
            staff,
            seat=_seat_for(staff),
            sort_order=staff.department.sort_order if staff.department_id else 0,
        )
        for pk, staff in wanted.items()
        if pk not in current
    ]
    leaving = [m.staff for pk, m in current.items() if pk not in wanted]
    if joining or leaving:
        roster_change(
            actor=actor,
            body=body,
            effective_date=effective_date,
            joining=joining,
            leaving=leaving,
        )
    return [j.staff for j in joining], leaving


@transaction.atomic
def body_set_officials(*, actor, body, secretaries=None, pre_reviewers=None):
    """Name who keep the body's meetings and who pre-review its topics."""
    body = authorize_locked(actor, "meetings.manage_roster", body)
    for people in (secretaries or [], pre_reviewers or []):
        for person in people:
            if person.procuratorate_id != body.procuratorate_id:
                raise ValidationError(_("Officials must belong to this procuratorate."))
    before = {
        "secretaries": list(body.secretaries.values_list("pk", flat=True)),
        "pre_reviewers": list(body.pre_reviewers.values_list("pk", flat=True)),
    }
    if secretaries is not None:
        body.secretaries.set(secretaries)
    if pre_reviewers is not None:
        if body.kind != BodyKind.PARTY_GROUP and pre_reviewers:
            raise ValidationError(_("Only party group topics are pre-reviewed."))
        body.pre_reviewers.set(pre_reviewers)
    audit_record(
        actor=actor,
        action="meetings.body.officials",
        target=body,
        before=before,
        after={
            "secretaries": list(body.secretaries.values_list("pk", flat=True)),
            "pre_reviewers": list(body.pre_reviewers.values_list("pk", flat=True)),
        },
        message=gettext_noop("Named the body's secretaries and pre-reviewers"),
    )
    return body
