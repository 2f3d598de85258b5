"""Who sits on a body on a given day, and who takes part in one agenda item.

Reads shared by the services (which decide with them) and the pages (which
show them); a handful of queries each, whatever the size of the body.
"""

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from . import thresholds
from .models import Attendance, Body, BodyKind, Membership


def active_on(day):
    return Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gte=day))


def memberships_on(body, day):
    """The body's memberships active on `day`, in speaking order."""
    rows = list(
        Membership.objects.filter(active_on(day), body=body).select_related(
            "staff", "staff__department", "staff__user"
        )
    )
    return sorted(rows, key=speaking_key)


def speaking_key(membership):
    # Members first, then deputies, the chair last; within a seat, roster order.
    return (membership.speaking_rank, membership.sort_order, membership.pk)


def member_ids_on(body, day):
    return set(
        Membership.objects.filter(active_on(day), body=body).values_list(
            "staff_id", flat=True
        )
    )


def meeting_day(meeting):
    return timezone.localdate(meeting.scheduled_at)


@dataclass
class Roll:
    """Who takes part in one agenda item, and whether that is a quorum."""

    kind: str
    members: list  # Membership rows active on the meeting day, speaking order
    present_ids: set
    recused_ids: set
    personnel: bool
    absent: dict = field(default_factory=dict)  # staff id -> reason

    @property
    def members_total(self):
        return len(self.members)

    @property
    def participants(self):
        """Present members who have not recused, in speaking order."""
        return [
            m
            for m in self.members
            if m.staff_id in self.present_ids and m.staff_id not in self.recused_ids
        ]

    @property
    def participant_ids(self):
        return [m.staff_id for m in self.participants]

    @property
    def participating(self):
        return len(self.participants)

    @property
    def quorum_met(self):
        return thresholds.quorum_met(
            kind=self.kind,
            members_total=self.members_total,
            present=self.participating,
            personnel=self.personnel,
        )

    @property
    def quorum_needed(self):
        return thresholds.quorum_needed(
            kind=self.kind, members_total=self.members_total, personnel=self.personnel
        )

    @property
    def votes_needed(self):
        denominator = self.members_total
        if self.kind == BodyKind.PARTY_GROUP:
            denominator -= len(self.recused_ids & {m.staff_id for m in self.members})
        return thresholds.votes_needed(members_total=denominator)


def meeting_attendance(meeting):
    """{staff id: Attendance} for a meeting."""
    return {a.staff_id: a for a in Attendance.objects.filter(meeting=meeting)}


def item_roll(item, *, memberships=None, attendance=None):
    """The roll of one agenda item; pass `memberships`/`attendance` to reuse them."""
    meeting = item.meeting
    body = meeting.body
    if memberships is None:
        memberships = memberships_on(body, meeting_day(meeting))
    if attendance is None:
        attendance = meeting_attendance(meeting)
    present = {
        sid for sid, a in attendance.items() if a.status == Attendance.Status.PRESENT
    }
    absent = {
        sid: a.absence_reason
        for sid, a in attendance.items()
        if a.status == Attendance.Status.ABSENT
    }
    # .all() so that a prefetched list is reused (fixed queries on pages).
    recused = {r.staff_id for r in item.recusals.all()}
    return Roll(
        kind=body.kind,
        members=memberships,
        present_ids=present,
        recused_ids=recused,
        personnel=item.topic.is_personnel,
        absent=absent,
    )


def body_for(procuratorate_id, kind):
    return Body.objects.filter(procuratorate_id=procuratorate_id, kind=kind).first()


@dataclass(frozen=True)
class BodyOverlap:
    first: Body
    second: Body
    overlap: thresholds.Overlap


def house_overlaps(procuratorate_id, day=None):
    """The overlap of each pair of bodies on `day`, in the essay's order:
    party group–committee, party group–office meeting, committee–office meeting."""
    day = day or timezone.localdate()
    bodies = {b.kind: b for b in Body.objects.filter(procuratorate_id=procuratorate_id)}
    members = {kind: set() for kind in bodies}
    rows = Membership.objects.filter(
        active_on(day), body__procuratorate_id=procuratorate_id
    ).values_list("body__kind", "staff_id")
    for kind, staff_id in rows:
        members[kind].add(staff_id)
    pairs = [
        (BodyKind.PARTY_GROUP, BodyKind.COMMITTEE),
        (BodyKind.PARTY_GROUP, BodyKind.OFFICE),
        (BodyKind.COMMITTEE, BodyKind.OFFICE),
    ]
    return [
        BodyOverlap(bodies[a], bodies[b], thresholds.overlap(members[a], members[b]))
        for a, b in pairs
        if a in bodies and b in bodies
    ]
