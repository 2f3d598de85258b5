"""Building bodies, topics and meetings for the meeting tests, through the services."""

import datetime
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.meetings import services
from apps.meetings.models import Attendance, BodyKind, Seat, Topic
from apps.meetings.services import Joining
from tests.factories import make_user

ROSTER_START = datetime.date(2020, 1, 1)


def extra_members(department, count, prefix):
    return [
        make_user(department=department, username=f"{prefix}{i}") for i in range(count)
    ]


def seat(body, chair=None, deputies=(), members=(), full_time=()):
    """Put people on a body from ROSTER_START (as the system, no permission)."""
    joining = []
    if chair is not None:
        joining.append(Joining(chair.staff, seat=Seat.CHAIR))
    joining += [Joining(u.staff, seat=Seat.DEPUTY) for u in deputies]
    joining += [
        Joining(u.staff, seat=Seat.MEMBER, sort_order=i) for i, u in enumerate(members)
    ]
    joining += [
        Joining(u.staff, seat=Seat.MEMBER, is_full_time=True, sort_order=90)
        for u in full_time
    ]
    services.roster_change(
        actor=None, body=body, effective_date=ROSTER_START, joining=joining
    )
    return body


def committee_of_nine(procuratorate, people):
    """PG (chair), the deputy, six members and a full-time member: 9 in all."""
    body = services.bodies_ensure(procuratorate=procuratorate)[BodyKind.COMMITTEE]
    others = extra_members(people["head"].staff.department, 6, "cm")
    full_time = make_user(department=people["head"].staff.department, username="cmft")
    seat(
        body,
        chair=people["pg"],
        deputies=[people["deputy"]],
        members=others,
        full_time=[full_time],
    )
    return body, [*others, full_time, people["deputy"], people["pg"]]


def party_group_of(procuratorate, people, size=7):
    """PG (chair), the deputy and `size - 2` members; pre-reviewed by office_head."""
    body = services.bodies_ensure(procuratorate=procuratorate)[BodyKind.PARTY_GROUP]
    others = extra_members(people["office_head"].staff.department, size - 2, "pg")
    seat(body, chair=people["pg"], deputies=[people["deputy"]], members=others)
    services.body_set_officials(
        actor=people["pg"],
        body=body,
        secretaries=[people["office_head"].staff],
        pre_reviewers=[people["office_head"].staff],
    )
    return body, [*others, people["deputy"], people["pg"]]


def approved_topic(
    people, body, *, category=None, title="关于张某故意杀人案是否起诉的议题"
):
    """File, review and approve a topic of `body` (filed by the prosecution head)."""
    category = (
        category
        or {
            BodyKind.COMMITTEE: "cm_major_case",
            BodyKind.PARTY_GROUP: "pg_reform",
            BodyKind.OFFICE: "of_adjustment",
        }[body.kind]
    )
    topic = services.topic_file(
        actor=people["head"],
        body=body,
        title=title,
        scope_category=category,
        summary="承办部门意见：建议起诉。",
        department=people["head"].staff.department,
    )
    if topic.state == Topic.State.SUBMITTED:
        reviewer = (
            people["committee_office"]
            if body.kind == BodyKind.COMMITTEE
            else people["office_head"]
        )
        topic = services.topic_review_pass(actor=reviewer, topic=topic)
    return services.topic_approve(actor=people["pg"], topic=topic)


def secretary_for(people, body):
    return (
        people["committee_office"]
        if body.kind == BodyKind.COMMITTEE
        else people["office_head"]
    )


def meeting_with(people, body, topics, *, when=None):
    secretary = secretary_for(people, body)
    meeting = services.meeting_create(
        actor=secretary,
        body=body,
        title=f"{body.name}第1次会议",
        scheduled_at=when or timezone.now(),
        location="第一会议室",
    )
    items = [
        services.agenda_add(actor=secretary, meeting=meeting, topic=t) for t in topics
    ]
    return meeting, items


def attend(people, meeting, members, present):
    """Mark `present` (Users) present and the other `members` absent."""
    present_ids = {u.pk for u in present}
    entries = [
        (
            u.staff,
            Attendance.Status.PRESENT
            if u.pk in present_ids
            else Attendance.Status.ABSENT,
            "" if u.pk in present_ids else "出差",
        )
        for u in members
    ]
    services.attendance_record(
        actor=secretary_for(people, meeting.body), meeting=meeting, entries=entries
    )


def speak_all(people, item, text="同意承办部门意见。"):
    """Every member taking part states a view, in the fixed order."""
    secretary = secretary_for(people, item.meeting.body)
    spoken = []
    while (speaker := services.next_speaker(item)) is not None:
        services.opinion_record(
            actor=secretary, item=item, speaker=speaker.staff, text=text
        )
        spoken.append(speaker.staff)
    return spoken


def named_vote(people, item, choices):
    """Open a named vote and record `choices` {User: choice}."""
    secretary = secretary_for(people, item.meeting.body)
    services.voting_open(actor=secretary, item=item, ballot="named")
    services.vote_record(
        actor=secretary, item=item, votes={u.staff: c for u, c in choices.items()}
    )


def docx_file(name="material.docx"):
    """A minimal Word document that passes core's upload check."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def pdf_file(name="material.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4\n%test\n")


# What must never be accepted as a material: pages and scripts a browser runs.
HOSTILE_FILES = {
    "page.html": b"<html><script>alert(1)</script></html>",
    "script.js": b"alert(document.cookie)",
    "image.svg": b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    "disguised.pdf": b"<html><script>alert(1)</script></html>",
}
