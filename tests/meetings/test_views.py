"""The pages: who may open what (the permission matrix), and that the main
actions work through the forms and show refusals in Chinese."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from apps.meetings import services
from apps.meetings.models import (
    Attendance,
    BodyKind,
    Meeting,
    MonthlyReport,
    Resolution,
    Topic,
    VoteChoice,
)
from tests.permissions import ANONYMOUS, assert_matrix

from .factories import (
    approved_topic,
    attend,
    committee_of_nine,
    meeting_with,
    named_vote,
    pdf_file,
    speak_all,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "pg",
    "deputy",
    "head",
    "staff",
    "committee_office",
    "office_reviewer",
    "outsider",
    "system_admin",
    "audit_admin",
    ANONYMOUS,
]


@pytest.fixture(autouse=True)
def chinese():
    """Pages are read in Chinese, as users read them."""
    with translation.override("zh-hans"):
        yield


@pytest.fixture
def scene(procuratorate, people, office):
    body, members = committee_of_nine(procuratorate, people)
    topic = approved_topic(people, body, title="关于孙某贪污案是否起诉的议题")
    material = services.topic_material_add(
        actor=people["head"], topic=topic, title="起诉意见书", file=pdf_file()
    )
    meeting, [item] = meeting_with(people, body, [topic])
    attend(people, meeting, members, members)
    services.meeting_open(actor=people["committee_office"], meeting=meeting)
    speak_all(people, item)
    named_vote(people, item, dict.fromkeys(members, VoteChoice.AGREE))
    resolution = services.voting_close(
        actor=people["committee_office"], item=item, decision_text="提起公诉。"
    )
    supervision = services.supervision_assign(
        actor=people["committee_office"],
        resolution=resolution,
        departments=[people["head"].staff.department],
        deadline=timezone.localdate() + datetime.timedelta(days=5),
        requirement="依法提起公诉",
    )
    regular, _ = services.office_meeting_ensure_monthly(
        procuratorate=procuratorate, month=timezone.localdate()
    )
    report = MonthlyReport.objects.get(meeting=regular, department__code="prosecution")
    return {
        "material": material,
        "body": body,
        "topic": topic,
        "meeting": meeting,
        "item": item,
        "resolution": resolution,
        "supervision": supervision,
        "report": report,
    }


def row(**cells):
    return {role: cells.get(role, cells.get("default")) for role in ROLES}


def test_list_pages_for_every_business_user(client, people, scene):
    everyone = row(default=200, system_admin=403, audit_admin=403, **{ANONYMOUS: 302})
    assert_matrix(
        client,
        people,
        {
            reverse("meetings:index"): everyone,
            reverse("meetings:topic_list"): everyone,
            reverse("meetings:meeting_list"): everyone,
            reverse("meetings:supervision_list"): everyone,
            reverse("meetings:body_list"): everyone,
            reverse("meetings:topic_create"): row(
                default=200,
                system_admin=403,
                audit_admin=403,
                deputy=200,
                **{ANONYMOUS: 302},
            ),
            reverse("meetings:half_year_review"): row(
                default=403,
                pg=200,
                deputy=200,
                committee_office=200,
                **{ANONYMOUS: 302},
            ),
            reverse("meetings:meeting_create"): row(
                default=403, pg=200, committee_office=200, **{ANONYMOUS: 302}
            ),
        },
    )


def test_detail_pages_matrix(client, people, scene):
    hidden = {"outsider": 404, ANONYMOUS: 302, "system_admin": 403, "audit_admin": 403}
    assert_matrix(
        client,
        people,
        {
            scene["topic"].get_absolute_url(): row(
                default=200, office_reviewer=403, **hidden
            ),
            scene["meeting"].get_absolute_url(): row(
                default=200, staff=403, office_reviewer=403, **hidden
            ),
            scene["item"].get_absolute_url(): row(
                default=200, staff=403, office_reviewer=403, **hidden
            ),
            scene["resolution"].get_absolute_url(): row(
                default=200, office_reviewer=403, **hidden
            ),
            reverse("meetings:decision_pdf", args=[scene["resolution"].pk]): row(
                default=200, office_reviewer=403, **hidden
            ),
            scene["supervision"].get_absolute_url(): row(
                default=200, head=200, staff=200, office_reviewer=403, **hidden
            ),
            reverse("meetings:monthly_report", args=[scene["report"].pk]): row(
                default=200,
                staff=403,
                office_reviewer=403,
                committee_office=403,
                **hidden,
            ),
            scene["body"].get_absolute_url(): row(default=200, **hidden),
            # Materials: whoever sees the topic (or a meeting discussing it).
            scene["material"].get_absolute_url(): row(
                default=200, office_reviewer=403, **hidden
            ),
        },
    )


def test_review_actions_are_refused_to_the_wrong_people(client, people, scene):
    topic = services.topic_file(
        actor=people["head"],
        body=scene["body"],
        title="关于规范不起诉案件审查程序的议题",
        scope_category="cm_guidance",
        summary="…",
        department=people["head"].staff.department,
    )
    url = reverse("meetings:topic_action", args=[topic.pk, "review"])
    assert_matrix(
        client,
        people,
        {
            url: row(
                default=403,
                outsider=404,
                **{ANONYMOUS: 302},
                committee_office=302,
            )
        },
        method="post",
        data={"review-note": ""},
    )
    topic.refresh_from_db()
    assert topic.state == Topic.State.AWAITING_APPROVAL


def test_filing_a_topic_through_the_form(client, people, procuratorate):
    bodies = services.bodies_ensure(procuratorate=procuratorate)
    client.force_login(people["head"])
    response = client.post(
        reverse("meetings:topic_create"),
        {
            "body": bodies[BodyKind.COMMITTEE].pk,
            "scope_category": "cm_major_case",
            "title": "关于周某涉黑案件的议题",
            "summary": "办案部门存在重大意见分歧。",
            "department": people["head"].staff.department_id,
        },
    )
    topic = Topic.objects.get(title="关于周某涉黑案件的议题")
    assert response.status_code == 302 and response.url == topic.get_absolute_url()
    assert topic.state == Topic.State.SUBMITTED


def test_a_wrong_scope_category_keeps_what_was_typed(client, people, procuratorate):
    bodies = services.bodies_ensure(procuratorate=procuratorate)
    client.force_login(people["head"])
    response = client.post(
        reverse("meetings:topic_create"),
        {
            "body": bodies[BodyKind.COMMITTEE].pk,
            "scope_category": "pg_personnel",
            "title": "人事议题放错了会议",
            "summary": "摘要保留",
            "department": people["head"].staff.department_id,
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "该议题范围不在本会议的议事范围目录内" in content
    assert "人事议题放错了会议" in content and "摘要保留" in content
    assert not Topic.objects.exists()


def test_below_quorum_is_shown_in_chinese_on_the_item_page(
    client, people, procuratorate
):
    body, members = committee_of_nine(procuratorate, people)
    topic = approved_topic(people, body)
    meeting, [item] = meeting_with(people, body, [topic])
    present = [people["pg"], people["deputy"], members[0], members[1]]
    attend(people, meeting, members, present)
    services.meeting_open(actor=people["committee_office"], meeting=meeting)
    speak_all(people, item)
    client.force_login(people["committee_office"])
    page = client.get(item.get_absolute_url()).content.decode()
    assert "不足法定人数" in page
    response = client.post(
        reverse("meetings:item_action", args=[item.pk, "voting_open"]),
        {"voting_open-ballot": "named"},
    )
    # Refused: back to the item page (never a page on the POST URL), the
    # reason on the form the user sent, with what was chosen.
    assert response.status_code == 302 and response.url == item.get_absolute_url()
    page = client.get(response.url).content.decode()
    assert "不足法定人数：全体9名组成人员中只有4名参加该议题" in page
    item.refresh_from_db()
    assert item.status == "pending"


def test_attendance_form_records_presence_and_absence(client, people, procuratorate):
    body, members = committee_of_nine(procuratorate, people)
    topic = approved_topic(people, body)
    meeting, _items = meeting_with(people, body, [topic])
    client.force_login(people["committee_office"])
    data = {f"attendance-status_{m.staff.pk}": "present" for m in members}
    data[f"attendance-status_{members[0].staff.pk}"] = "absent"
    data[f"attendance-reason_{members[0].staff.pk}"] = "病假"
    response = client.post(
        reverse("meetings:meeting_action", args=[meeting.pk, "attendance"]), data
    )
    assert response.status_code == 302
    absent = Attendance.objects.get(meeting=meeting, staff=members[0].staff)
    assert (absent.status, absent.absence_reason) == ("absent", "病假")
    assert Attendance.objects.filter(meeting=meeting, status="present").count() == 8


def test_pdfs_are_served(client, people, scene):
    client.force_login(people["pg"])
    for url in (
        reverse("meetings:minutes_pdf", args=[scene["meeting"].pk]),
        reverse("meetings:decision_pdf", args=[scene["resolution"].pk]),
        reverse("meetings:half_year_review_pdf") + "?year=2026&half=1",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")


def test_no_decision_document_without_a_number(client, people, procuratorate, scene):
    scene_meeting = Meeting.objects.get(pk=scene["meeting"].pk)
    assert scene_meeting.items.count() == 1
    failed = Resolution.objects.filter(doc_seq__isnull=True).first()
    assert failed is None
    client.force_login(people["pg"])
    scene["resolution"].doc_seq = None
    scene["resolution"].save()
    url = reverse("meetings:decision_pdf", args=[scene["resolution"].pk])
    assert client.get(url).status_code == 404


def test_execution_report_through_the_page(client, people, scene):
    supervision = scene["supervision"]
    assignment = supervision.assignments.get()
    client.force_login(people["clerk"])
    response = client.post(
        reverse("meetings:assignment_action", args=[assignment.pk, "report"]),
        {"report-text": "已向法院提起公诉。", "report-is_complete": "on"},
    )
    assert response.status_code == 302
    assert response.url == supervision.get_absolute_url()
    supervision.refresh_from_db()
    assert supervision.state == "reported"


def test_leadership_board_shows_the_meetings_panel(client, people, scene):
    client.force_login(people["pg"])
    page = client.get(reverse("dashboard:home")).content.decode()
    assert 'data-testid="meetings-board"' in page


def test_the_approved_minutes_are_served_as_a_confidential_attachment(
    client, people, scene
):
    office = people["committee_office"]
    services.meeting_close(actor=office, meeting=scene["meeting"])
    minutes = scene["meeting"].minutes
    services.minutes_update(actor=office, minutes=minutes, summary="会议决定起诉。")
    services.minutes_submit(actor=office, minutes=minutes)
    services.minutes_approve(actor=people["pg"], minutes=minutes)
    client.force_login(people["pg"])
    response = client.get(reverse("meetings:minutes_pdf", args=[scene["meeting"].pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
