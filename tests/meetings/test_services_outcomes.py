"""Outcomes: minutes approved then locked, decision documents, supervision of
execution with overdue flags, and the regular monthly office meeting."""

import datetime

import pypdfium2
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.meetings import services
from apps.meetings.documents import decision_pdf, minutes_pdf
from apps.meetings.models import (
    Attendance,
    BodyKind,
    Meeting,
    Minutes,
    MonthlyReport,
    Resolution,
    Supervision,
    VoteChoice,
)
from apps.todos.models import TodoItem
from tests.factories import make_user

from .factories import (
    approved_topic,
    attend,
    committee_of_nine,
    meeting_with,
    named_vote,
    seat,
    speak_all,
)

pytestmark = pytest.mark.django_db


def pdf_text(content):
    pdf = pypdfium2.PdfDocument(content)
    return "".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def open_todo_users(target, step):
    return set(
        TodoItem.objects.filter(
            object_id=str(target.pk), step_code=step, status="open"
        ).values_list("assignee__username", flat=True)
    )


@pytest.fixture
def decided(procuratorate, people):
    """A committee meeting with one passed decision, in session."""
    body, members = committee_of_nine(procuratorate, people)
    topic = approved_topic(people, body, title="关于赵某受贿案是否起诉的议题")
    meeting, [item] = meeting_with(people, body, [topic])
    attend(people, meeting, members, members[1:])
    services.meeting_open(actor=people["committee_office"], meeting=meeting)
    speak_all(people, item, "同意承办部门意见，建议起诉。")
    named_vote(people, item, dict.fromkeys(members[1:], VoteChoice.AGREE))
    resolution = services.voting_close(
        actor=people["committee_office"],
        item=item,
        decision_text="对赵某以受贿罪提起公诉。",
    )
    return meeting, item, resolution


# ---------------------------------------------------------------- minutes


def test_minutes_drafted_submitted_approved_then_locked(people, decided):
    meeting, _item, resolution = decided
    secretary = people["committee_office"]
    services.meeting_close(actor=secretary, meeting=meeting)
    minutes = Minutes.objects.get(meeting=meeting)
    assert open_todo_users(minutes, "meetings.minutes.draft") == {"t.committee"}
    with pytest.raises(ValidationError):
        services.minutes_submit(actor=secretary, minutes=minutes)
    services.minutes_update(
        actor=secretary, minutes=minutes, summary="会议审议了1件案件。"
    )
    services.minutes_submit(actor=secretary, minutes=minutes)
    assert open_todo_users(minutes, "meetings.minutes.approve") == {"t.pg"}
    with pytest.raises(PermissionDenied):
        services.minutes_approve(actor=secretary, minutes=minutes)
    with pytest.raises(ValidationError, match="Only draft"):
        services.minutes_update(actor=secretary, minutes=minutes, summary="改")
    services.minutes_return(actor=people["pg"], minutes=minutes, reason="补充表决情况")
    services.minutes_submit(actor=secretary, minutes=minutes)
    minutes = services.minutes_approve(actor=people["pg"], minutes=minutes)
    assert minutes.state == Minutes.State.APPROVED and minutes.pdf
    text = pdf_text(minutes.pdf.read())
    assert "关于赵某受贿案是否起诉的议题" in text and "会议审议了1件案件" in text
    # Locked: nothing about the meeting changes any more.
    with pytest.raises(ValidationError, match="locked"):
        services.attendance_record(
            actor=secretary,
            meeting=meeting,
            entries=[(people["pg"].staff, Attendance.Status.ABSENT, "补记")],
        )
    with pytest.raises(ValidationError, match="locked"):
        services.resolution_report_upward(
            actor=people["pg"], resolution=resolution, reason="不同意"
        )
    assert not TodoItem.objects.filter(
        object_id=str(minutes.pk), status="open"
    ).exists()


def test_a_meeting_closes_only_when_every_item_is_settled(people, procuratorate):
    body, members = committee_of_nine(procuratorate, people)
    topic = approved_topic(people, body)
    meeting, [item] = meeting_with(people, body, [topic])
    attend(people, meeting, members, members)
    services.meeting_open(actor=people["committee_office"], meeting=meeting)
    with pytest.raises(ValidationError, match="carry over"):
        services.meeting_close(actor=people["committee_office"], meeting=meeting)
    services.item_carry_over(actor=people["committee_office"], item=item, reason="延期")
    services.meeting_close(actor=people["committee_office"], meeting=meeting)
    assert Meeting.objects.get(pk=meeting.pk).state == Meeting.State.CLOSED


def test_minutes_pdf_lists_attendance_opinions_and_votes(people, decided):
    meeting, _item, _resolution = decided
    text = pdf_text(minutes_pdf(meeting))
    assert "出差" in text  # the absent member's reason
    assert "同意承办部门意见，建议起诉" in text
    assert "对赵某以受贿罪提起公诉" in text
    assert people["pg"].staff.name in text


def test_decision_document_is_numbered_and_draws_chinese(people, decided):
    _meeting, _item, resolution = decided
    content = decision_pdf(resolution)
    text = pdf_text(content)
    assert resolution.document_number in text
    assert "对赵某以受贿罪提起公诉" in text
    # The text layer can read right while the glyphs are wrong: draw the page
    # and check that ink is on it (the glyphs were looked at by eye once).
    page = pypdfium2.PdfDocument(content)[0]
    image = page.render(scale=1).to_pil().convert("L")
    dark = sum(image.histogram()[:128])
    assert dark > 2000


# ------------------------------------------------------------- supervision


def test_supervision_assign_report_follow_up_confirm(people, decided, office):
    _meeting, _item, resolution = decided
    prosecution = people["head"].staff.department
    assert open_todo_users(resolution, "meetings.resolution.supervise") == {
        "t.committee"
    }
    deadline = timezone.localdate() + datetime.timedelta(days=10)
    with pytest.raises(PermissionDenied):
        services.supervision_assign(
            actor=people["head"],
            resolution=resolution,
            departments=[prosecution],
            deadline=deadline,
            requirement="按决定提起公诉",
        )
    supervision = services.supervision_assign(
        actor=people["committee_office"],
        resolution=resolution,
        departments=[prosecution, office],
        deadline=deadline,
        requirement="按决定提起公诉，并报送起诉书副本。",
    )
    assert not open_todo_users(resolution, "meetings.resolution.supervise")
    prosecution_assignment, office_assignment = supervision.assignments.order_by("pk")
    assert open_todo_users(prosecution_assignment, "meetings.execution.report") == {
        "t.head",
        "t.clerk",
    }
    with pytest.raises(PermissionDenied):
        services.execution_report(
            actor=people["head"],
            assignment=office_assignment,
            text="已完成",
            is_complete=True,
        )
    services.execution_report(
        actor=people["clerk"],
        assignment=prosecution_assignment,
        text="起诉书已送达法院。",
        is_complete=True,
    )
    supervision.refresh_from_db()
    assert supervision.state == Supervision.State.OPEN
    services.supervision_follow_up(
        actor=people["committee_office"],
        supervision=supervision,
        note="已电话催办办公室。",
    )
    services.execution_report(
        actor=people["office_head"],
        assignment=office_assignment,
        text="副本已归档。",
        is_complete=True,
    )
    supervision.refresh_from_db()
    assert supervision.state == Supervision.State.REPORTED
    assert open_todo_users(supervision, "meetings.supervision.confirm") == {
        "t.committee"
    }
    services.supervision_confirm(
        actor=people["committee_office"], supervision=supervision
    )
    supervision.refresh_from_db()
    assert supervision.state == Supervision.State.CLOSED
    assert not TodoItem.objects.filter(
        object_id=str(supervision.pk), status="open"
    ).exists()


def test_a_failed_resolution_is_not_supervised(people, procuratorate):
    body, members = committee_of_nine(procuratorate, people)
    topic = approved_topic(people, body)
    meeting, [item] = meeting_with(people, body, [topic])
    attend(people, meeting, members, members)
    services.meeting_open(actor=people["committee_office"], meeting=meeting)
    speak_all(people, item)
    named_vote(
        people,
        item,
        {
            m: VoteChoice.AGREE if i < 4 else VoteChoice.DISAGREE
            for i, m in enumerate(members)
        },
    )
    resolution = services.voting_close(
        actor=people["committee_office"], item=item, decision_text="不起诉"
    )
    assert resolution.result == Resolution.Result.FAILED
    with pytest.raises(ValidationError, match="passed"):
        services.supervision_assign(
            actor=people["committee_office"],
            resolution=resolution,
            departments=[people["head"].staff.department],
            deadline=timezone.localdate(),
            requirement="…",
        )


def test_sending_back_reopens_every_department(people, decided):
    _meeting, _item, resolution = decided
    supervision = services.supervision_assign(
        actor=people["committee_office"],
        resolution=resolution,
        departments=[people["head"].staff.department],
        deadline=timezone.localdate(),
        requirement="起诉",
    )
    assignment = supervision.assignments.get()
    services.execution_report(
        actor=people["head"], assignment=assignment, text="已起诉", is_complete=True
    )
    services.supervision_send_back(
        actor=people["committee_office"], supervision=supervision, reason="未附材料"
    )
    assignment.refresh_from_db()
    assert assignment.completed_at is None
    assert open_todo_users(assignment, "meetings.execution.report") == {
        "t.head",
        "t.clerk",
    }


def test_overdue_supervision_is_flagged_once_with_a_follow_up_todo(people, decided):
    _meeting, _item, resolution = decided
    supervision = services.supervision_assign(
        actor=people["committee_office"],
        resolution=resolution,
        departments=[people["head"].staff.department],
        deadline=timezone.localdate(),
        requirement="起诉",
    )
    assert services.supervisions_flag_overdue() == 0
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert services.supervisions_flag_overdue(today=tomorrow) == 1
    assert services.supervisions_flag_overdue(today=tomorrow) == 0
    assert open_todo_users(supervision, "meetings.supervision.follow_up") == {
        "t.committee"
    }
    services.supervision_follow_up(
        actor=people["committee_office"], supervision=supervision, note="已催办"
    )
    assert not open_todo_users(supervision, "meetings.supervision.follow_up")


# ------------------------------------------------------ regular office meeting


def test_first_working_day_skips_holidays():
    # 2025: National Day holidays run 1–8 October; the 9th is a working day.
    assert services.first_working_day(datetime.date(2025, 10, 15)) == datetime.date(
        2025, 10, 9
    )
    # June 2025 starts on a Sunday (and the Dragon Boat holiday Monday 2 June).
    assert services.first_working_day(datetime.date(2025, 6, 1)) == datetime.date(
        2025, 6, 3
    )


def test_the_monthly_office_meeting_is_created_once(procuratorate, people):
    bodies = services.bodies_ensure(procuratorate=procuratorate)
    seat(bodies[BodyKind.PARTY_GROUP], chair=people["pg"], deputies=[people["deputy"]])
    month = datetime.date(2025, 10, 1)
    meeting, created = services.office_meeting_ensure_monthly(
        procuratorate=procuratorate, month=month
    )
    again, created_again = services.office_meeting_ensure_monthly(
        procuratorate=procuratorate, month=month
    )
    assert created and not created_again and again == meeting
    assert timezone.localdate(meeting.scheduled_at) == datetime.date(2025, 10, 9)
    assert meeting.title == "2025年10月院务会例会"
    reports = MonthlyReport.objects.filter(meeting=meeting)
    assert {r.department.code for r in reports} == {"office", "prosecution"}
    prosecution_report = reports.get(department__code="prosecution")
    assert open_todo_users(prosecution_report, "meetings.monthly.report") == {
        "t.head",
        "t.clerk",
    }
    # Roster: the party group plus the department heads.
    assert meeting.body.memberships.count() == 4


def test_monthly_report_then_the_overseeing_deputy_comments(procuratorate, people):
    meeting, _ = services.office_meeting_ensure_monthly(
        procuratorate=procuratorate, month=timezone.localdate()
    )
    report = MonthlyReport.objects.get(meeting=meeting, department__code="prosecution")
    with pytest.raises(ValidationError):
        services.monthly_report_comment(
            actor=people["deputy"], report=report, comment="好"
        )
    with pytest.raises(PermissionDenied):
        services.monthly_report_submit(
            actor=people["staff"], report=report, content="…"
        )
    services.monthly_report_submit(
        actor=people["head"], report=report, content="上月受理审查起诉案件12件。"
    )
    assert open_todo_users(report, "meetings.monthly.comment") == {"t.deputy"}
    other_deputy = make_user(
        department=people["office_head"].staff.department,
        roles=["deputy_procurator_general"],
    )
    with pytest.raises(PermissionDenied):
        services.monthly_report_comment(actor=other_deputy, report=report, comment="…")
    services.monthly_report_comment(
        actor=people["deputy"], report=report, comment="办案质量较好，注意结案率。"
    )
    report.refresh_from_db()
    assert report.commented_by == people["deputy"]
    assert not TodoItem.objects.filter(object_id=str(report.pk), status="open").exists()
    with pytest.raises(ValidationError, match="final"):
        services.monthly_report_submit(
            actor=people["head"], report=report, content="改"
        )


def test_office_meetings_ensure_prepares_next_month_from_the_25th(office):
    # 28 August 2025: August's first working day has passed; September's is
    # prepared from the 25th.
    assert services.months_to_prepare(datetime.date(2025, 8, 28)) == [
        datetime.date(2025, 9, 1)
    ]
    assert services.office_meetings_ensure(today=datetime.date(2025, 8, 28)) == 1
    # 1 September 2025 is a Monday, the first working day: nothing new.
    assert services.office_meetings_ensure(today=datetime.date(2025, 9, 1)) == 0
    assert services.office_meetings_ensure(today=datetime.date(2025, 9, 10)) == 0
    assert services.office_meetings_ensure(today=datetime.date(2025, 9, 26)) == 1
    # October 2025 starts with the National Day holidays: on 3 October its
    # first working day (the 9th) is still ahead; it exists already.
    assert services.months_to_prepare(datetime.date(2025, 10, 3)) == [
        datetime.date(2025, 10, 1)
    ]
    assert services.office_meetings_ensure(today=datetime.date(2025, 10, 3)) == 0
    months = set(
        Meeting.objects.filter(regular_month__isnull=False).values_list(
            "regular_month", flat=True
        )
    )
    assert months == {datetime.date(2025, 9, 1), datetime.date(2025, 10, 1)}
