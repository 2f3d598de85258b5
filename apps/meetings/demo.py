"""Demo data for the three meetings, made by calling the services as the demo users.

Idempotent: the rosters are set up once (when the committee has no members
yet), and the demo topics and meetings are made only on that first run.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from apps.core.models import Staff

from . import services
from .models import Attendance, BodyKind, Membership, Seat, VoteChoice
from .services import Joining

ROSTER_START = datetime.date(2024, 1, 1)


def _staff(procuratorate, username):
    return Staff.objects.select_related("user").get(
        procuratorate=procuratorate, user__username=username
    )


def _user(procuratorate, username):
    return _staff(procuratorate, username).user


def seed_rosters(procuratorate):
    """The three bodies with their members from 2024: party group 7, committee 9
    (one full-time member), the office meeting = party group + department heads.
    Returns {kind: Body}."""
    bodies = services.bodies_ensure(procuratorate=procuratorate)
    committee = bodies[BodyKind.COMMITTEE]
    if Membership.objects.filter(body=committee).exists():
        return bodies
    pg = _user(procuratorate, "pg")

    def staff(name):
        return _staff(procuratorate, name)

    deputies = [staff(f"deputy{i}") for i in (1, 2, 3)]
    services.roster_change(
        actor=pg,
        body=bodies[BodyKind.PARTY_GROUP],
        effective_date=ROSTER_START,
        joining=[
            Joining(staff("pg"), seat=Seat.CHAIR),
            *[Joining(d, seat=Seat.DEPUTY) for d in deputies],
            Joining(staff("political.head"), sort_order=1),
            Joining(staff("discipline.head"), sort_order=2),
            Joining(staff("office.head"), sort_order=3),
        ],
    )
    services.roster_change(
        actor=pg,
        body=committee,
        effective_date=ROSTER_START,
        joining=[
            Joining(staff("pg"), seat=Seat.CHAIR),
            *[Joining(d, seat=Seat.DEPUTY) for d in deputies],
            Joining(staff("prosecution.head"), sort_order=1),
            Joining(staff("investigation_supervision.head"), sort_order=2),
            Joining(staff("anti_corruption.head"), sort_order=3),
            Joining(staff("civil_administrative.head"), sort_order=4),
            Joining(staff("research.head"), is_full_time=True, sort_order=5),
        ],
    )
    services.office_roster_sync(
        actor=pg, body=bodies[BodyKind.OFFICE], effective_date=ROSTER_START
    )
    services.body_set_officials(
        actor=pg,
        body=bodies[BodyKind.PARTY_GROUP],
        secretaries=[staff("office.head")],
        pre_reviewers=[staff("political.head")],
    )
    services.body_set_officials(
        actor=pg, body=bodies[BodyKind.OFFICE], secretaries=[staff("office.head")]
    )
    return bodies


def _held_committee_meeting(procuratorate, bodies):
    """Last month's committee meeting: one case decided and under supervision."""

    def user(name):
        return _user(procuratorate, name)

    committee = bodies[BodyKind.COMMITTEE]
    secretary = user("committee_office.head")
    topic = services.topic_file(
        actor=user("prosecution.head"),
        body=committee,
        title="关于张某故意伤害案是否提起公诉的议题",
        scope_category="cm_major_case",
        summary=(
            "犯罪嫌疑人张某因邻里纠纷持械伤人，致一人重伤。承办人认为事实清楚、"
            "证据确实充分，建议提起公诉；部门讨论中有意见认为可能构成防卫过当。"
        ),
        department=_staff(procuratorate, "prosecution.head").department,
    )
    services.topic_review_pass(
        actor=secretary, topic=topic, note="属于讨论决定重大案件范围。"
    )
    services.topic_approve(actor=user("pg"), topic=topic)
    meeting = services.meeting_create(
        actor=secretary,
        body=committee,
        title="2026年第1次检察委员会会议",
        scheduled_at=timezone.now() - datetime.timedelta(days=20),
        location="第一会议室",
    )
    item = services.agenda_add(actor=secretary, meeting=meeting, topic=topic)
    members = [m.staff for m in committee.memberships.all()]
    absent = _staff(procuratorate, "investigation_supervision.head")
    services.attendance_record(
        actor=secretary,
        meeting=meeting,
        entries=[
            (
                s,
                Attendance.Status.ABSENT if s == absent else Attendance.Status.PRESENT,
                "外出参加培训" if s == absent else "",
            )
            for s in members
        ],
    )
    services.meeting_open(actor=secretary, meeting=meeting)
    while (speaker := services.next_speaker(item)) is not None:
        services.opinion_record(
            actor=secretary,
            item=item,
            speaker=speaker.staff,
            text="同意承办部门意见，本案不构成防卫过当，应依法提起公诉。",
        )
    services.voting_open(actor=secretary, item=item, ballot="named")
    voters = [s for s in members if s != absent]
    services.vote_record(
        actor=secretary, item=item, votes=dict.fromkeys(voters, VoteChoice.AGREE)
    )
    resolution = services.voting_close(
        actor=secretary,
        item=item,
        decision_text="对犯罪嫌疑人张某以故意伤害罪提起公诉。",
    )
    services.meeting_close(actor=secretary, meeting=meeting)
    services.supervision_assign(
        actor=secretary,
        resolution=resolution,
        departments=[_staff(procuratorate, "prosecution.head").department],
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        requirement="依法提起公诉，并将起诉书副本报检委办备案。",
    )


def _waiting_topics(procuratorate, bodies):
    services.topic_file(
        actor=_user(procuratorate, "civil_administrative.head"),
        body=bodies[BodyKind.COMMITTEE],
        title="关于某建筑公司与李某劳务合同纠纷案是否提请抗诉的议题",
        scope_category="cm_major_case",
        summary="二审判决认定事实的主要证据不足，承办人建议提请上级院抗诉。",
        department=_staff(procuratorate, "civil_administrative.head").department,
    )
    services.topic_file(
        actor=_user(procuratorate, "finance.head"),
        body=bodies[BodyKind.PARTY_GROUP],
        title="关于2026年度办案装备采购经费安排的议题",
        scope_category="pg_reform",
        summary="拟采购同步录音录像设备一批，预算约四十万元，请党组研究。",
        department=_staff(procuratorate, "finance.head").department,
    )


@transaction.atomic
def seed(procuratorate):
    bodies = services.bodies_ensure(procuratorate=procuratorate)
    first_run = not Membership.objects.filter(body=bodies[BodyKind.COMMITTEE]).exists()
    bodies = seed_rosters(procuratorate)
    if first_run:
        _held_committee_meeting(procuratorate, bodies)
        _waiting_topics(procuratorate, bodies)
    # The next regular office meeting: this month's if its day is still ahead.
    today = timezone.localdate()
    month = (services.months_to_prepare(today) or [_next_month(today)])[0]
    services.office_meeting_ensure_monthly(procuratorate=procuratorate, month=month)


def _next_month(day):
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
