"""Bodies and rosters over time; the overlap of the essay's house."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.core.models import Department, Role
from apps.meetings import services
from apps.meetings.models import BodyKind, Membership, Seat
from apps.meetings.roster import house_overlaps, member_ids_on
from apps.meetings.services import Joining
from tests.factories import DepartmentFactory, ProcuratorateFactory, make_user

from .factories import ROSTER_START, committee_of_nine, seat

pytestmark = pytest.mark.django_db


def test_bodies_ensure_is_idempotent(procuratorate):
    first = services.bodies_ensure(procuratorate=procuratorate)
    again = services.bodies_ensure(procuratorate=procuratorate)
    assert set(first) == set(BodyKind)
    assert {b.pk for b in first.values()} == {b.pk for b in again.values()}


def test_committee_must_keep_an_odd_number_of_members(procuratorate, people):
    body, members = committee_of_nine(procuratorate, people)
    newcomer = make_user(department=people["head"].staff.department)
    day = datetime.date(2024, 1, 1)
    with pytest.raises(ValidationError, match="odd number"):
        services.roster_change(
            actor=people["committee_office"],
            body=body,
            effective_date=day,
            joining=[newcomer.staff],
        )
    # One joining and one leaving keeps nine.
    services.roster_change(
        actor=people["committee_office"],
        body=body,
        effective_date=day,
        joining=[newcomer.staff],
        leaving=[members[0].staff],
    )
    before = member_ids_on(body, day - datetime.timedelta(days=1))
    after = member_ids_on(body, day)
    assert len(before) == len(after) == 9
    assert members[0].staff.pk in before and members[0].staff.pk not in after
    assert newcomer.staff.pk in after and newcomer.staff.pk not in before
    ended = Membership.objects.get(body=body, staff=members[0].staff)
    assert ended.end_date == day - datetime.timedelta(days=1)


def test_roster_refuses_a_second_chair_and_full_time_outside_the_committee(
    procuratorate, people
):
    party_group = services.bodies_ensure(procuratorate=procuratorate)[
        BodyKind.PARTY_GROUP
    ]
    seat(party_group, chair=people["pg"])
    with pytest.raises(ValidationError, match="one chair"):
        services.roster_change(
            actor=people["pg"],
            body=party_group,
            effective_date=ROSTER_START,
            joining=[Joining(people["deputy"].staff, seat=Seat.CHAIR)],
        )
    with pytest.raises(ValidationError, match="full-time"):
        services.roster_change(
            actor=people["pg"],
            body=party_group,
            effective_date=ROSTER_START,
            joining=[Joining(people["deputy"].staff, is_full_time=True)],
        )


def test_roster_refuses_a_member_twice_and_strangers(procuratorate, people):
    body = services.bodies_ensure(procuratorate=procuratorate)[BodyKind.PARTY_GROUP]
    seat(body, chair=people["pg"])
    with pytest.raises(ValidationError, match="already a member"):
        services.roster_change(
            actor=people["pg"],
            body=body,
            effective_date=datetime.date(2024, 5, 1),
            joining=[people["pg"].staff],
        )
    with pytest.raises(ValidationError, match="this procuratorate"):
        services.roster_change(
            actor=people["pg"],
            body=body,
            effective_date=datetime.date(2024, 5, 1),
            joining=[people["outsider"].staff],
        )


@pytest.mark.parametrize("who", ["head", "staff", "deputy", "outsider", "system_admin"])
def test_only_pg_or_secretaries_change_a_roster(procuratorate, people, who):
    body = services.bodies_ensure(procuratorate=procuratorate)[BodyKind.COMMITTEE]
    with pytest.raises(PermissionDenied):
        services.roster_change(
            actor=people[who],
            body=body,
            effective_date=ROSTER_START,
            joining=[people["pg"].staff],
        )


def test_committee_office_manages_the_committee_roster(procuratorate, people):
    body = services.bodies_ensure(procuratorate=procuratorate)[BodyKind.COMMITTEE]
    services.roster_change(
        actor=people["committee_office"],
        body=body,
        effective_date=ROSTER_START,
        joining=[Joining(people["pg"].staff, seat=Seat.CHAIR)],
    )
    assert member_ids_on(body, ROSTER_START) == {people["pg"].staff.pk}


def test_the_essays_house_reproduces_its_overlap_figures():
    """党组 7, 专职检委 1, 内设机构负责人 18; 检委会 = 党组 + 专职委员 + 3 名部门负责人,
    院务会 = 党组 + 18 名部门负责人 → 63.7% (7/11, rounded up), 28%, 40%."""
    house = ProcuratorateFactory(code="essay-house", name="文章中的检察院")
    leadership = DepartmentFactory(procuratorate=house, code="leaders", name="院领导")
    party_group_members = [make_user(department=leadership) for _ in range(7)]
    party_group_members[0].staff.roles = [Role.PROCURATOR_GENERAL]
    party_group_members[0].staff.save()
    full_time = make_user(department=leadership)
    heads = []
    for i in range(18):
        department = DepartmentFactory(procuratorate=house, code=f"d{i}", sort_order=i)
        heads.append(make_user(department=department, roles=[Role.DEPARTMENT_HEAD]))
    bodies = services.bodies_ensure(procuratorate=house)
    seat(
        bodies[BodyKind.PARTY_GROUP],
        chair=party_group_members[0],
        members=party_group_members[1:],
    )
    seat(
        bodies[BodyKind.COMMITTEE],
        chair=party_group_members[0],
        members=party_group_members[1:] + heads[:3],
        full_time=[full_time],
    )
    joined, left = services.office_roster_sync(
        actor=None, body=bodies[BodyKind.OFFICE], effective_date=ROSTER_START
    )
    assert len(joined) == 25 and left == []
    chair = Membership.objects.get(
        body=bodies[BodyKind.OFFICE], staff=party_group_members[0].staff
    )
    assert chair.seat == Seat.CHAIR

    overlaps = house_overlaps(house.pk, ROSTER_START)
    figures = [(o.overlap.shared, o.overlap.larger) for o in overlaps]
    assert figures == [(7, 11), (7, 25), (10, 25)]
    assert [str(o.overlap.percent_rounded_up) for o in overlaps] == [
        "63.7",
        "28.0",
        "40.0",
    ]
    assert str(overlaps[0].overlap.percent) == "63.6"


def test_office_roster_follows_department_heads(procuratorate, people):
    bodies = services.bodies_ensure(procuratorate=procuratorate)
    seat(bodies[BodyKind.PARTY_GROUP], chair=people["pg"], deputies=[people["deputy"]])
    office = bodies[BodyKind.OFFICE]
    services.office_roster_sync(
        actor=people["pg"], body=office, effective_date=ROSTER_START
    )
    expected = {
        people["pg"].staff.pk,
        people["deputy"].staff.pk,
        people["head"].staff.pk,
        people["office_head"].staff.pk,
    }
    assert member_ids_on(office, ROSTER_START) == expected
    # The prosecution head steps down; a new head is appointed in a new department.
    people["head"].staff.roles = []
    people["head"].staff.save()
    new_dept = Department.objects.create(
        procuratorate=procuratorate, code="x", name="新科"
    )
    new_head = make_user(department=new_dept, roles=[Role.DEPARTMENT_HEAD])
    later = datetime.date(2025, 3, 1)
    joined, left = services.office_roster_sync(
        actor=people["pg"], body=office, effective_date=later
    )
    assert [s.pk for s in joined] == [new_head.staff.pk]
    assert [s.pk for s in left] == [people["head"].staff.pk]
    assert people["head"].staff.pk in member_ids_on(office, ROSTER_START)
    assert people["head"].staff.pk not in member_ids_on(office, later)


def test_body_officials_are_set_by_pg_and_pre_reviewers_only_for_party_group(
    procuratorate, people
):
    bodies = services.bodies_ensure(procuratorate=procuratorate)
    with pytest.raises(ValidationError):
        services.body_set_officials(
            actor=people["pg"],
            body=bodies[BodyKind.COMMITTEE],
            pre_reviewers=[people["office_head"].staff],
        )
    with pytest.raises(PermissionDenied):
        services.body_set_officials(
            actor=people["head"],
            body=bodies[BodyKind.PARTY_GROUP],
            pre_reviewers=[people["head"].staff],
        )
