"""Reads: visibility of topics and meetings, the half-year review, and pages
that cost the same number of queries whatever the data size."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from apps.meetings import selectors, services
from apps.meetings.models import (
    AgendaItem,
    BodyKind,
    Meeting,
    Resolution,
    Supervision,
    SupervisionAssignment,
    Topic,
    VoteChoice,
)
from apps.reports.models import ReportJob
from apps.reports.registry import ReportError, get_report

from .factories import (
    approved_topic,
    attend,
    committee_of_nine,
    meeting_with,
    named_vote,
    speak_all,
)

pytestmark = pytest.mark.django_db


def file_topics(people, count, body_kind=BodyKind.COMMITTEE):
    for i in range(count):
        services.topic_file(
            actor=people["head"],
            body=body_kind,
            title=f"议题{i}",
            scope_category="cm_major_case",
            summary="…",
            department=people["head"].staff.department,
        )


def supervised(procuratorate, people, count, overdue=False):
    """`count` supervised resolutions, made directly (only their reads matter)."""
    body = services.bodies_ensure(procuratorate=procuratorate)[BodyKind.COMMITTEE]
    meeting = Meeting.objects.create(
        procuratorate=procuratorate,
        body=body,
        title="会议",
        scheduled_at=timezone.now(),
        state=Meeting.State.CLOSED,
    )
    deadline = timezone.localdate() + datetime.timedelta(days=-3 if overdue else 3)
    for i in range(count):
        topic = Topic.objects.create(
            procuratorate=procuratorate,
            body=body,
            title=f"督办议题{meeting.pk}-{i}",
            scope_category="cm_major_case",
            summary="…",
            department=people["head"].staff.department,
            filed_by=people["head"],
            state=Topic.State.DECIDED,
        )
        item = AgendaItem.objects.create(
            meeting=meeting, topic=topic, position=i + 1, status="decided"
        )
        resolution = Resolution.objects.create(
            procuratorate=procuratorate,
            item=item,
            result=Resolution.Result.PASSED,
            text="决定",
            decided_at=timezone.now(),
            decided_by=people["committee_office"],
        )
        supervision = Supervision.objects.create(
            procuratorate=procuratorate,
            resolution=resolution,
            requirement="执行",
            deadline=deadline,
            created_by=people["committee_office"],
        )
        SupervisionAssignment.objects.create(
            supervision=supervision, department=people["head"].staff.department
        )


def query_count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("url_name", "grow"),
    [
        ("meetings:topic_list", lambda p, people: file_topics(people, 8)),
        ("meetings:supervision_list", lambda p, people: supervised(p, people, 8)),
        (
            "meetings:meeting_list",
            lambda p, people: [
                services.meeting_create(
                    actor=people["committee_office"],
                    body=services.bodies_ensure(procuratorate=p)[BodyKind.COMMITTEE],
                    title=f"会议{i}",
                    scheduled_at=timezone.now(),
                )
                for i in range(8)
            ],
        ),
    ],
)
def test_list_pages_run_a_fixed_number_of_queries(
    client, procuratorate, people, url_name, grow
):
    client.force_login(people["pg"])
    url = reverse(url_name)
    grow(procuratorate, people)
    small = query_count(client, url)
    grow(procuratorate, people)
    grow(procuratorate, people)
    assert query_count(client, url) == small


def test_board_panel_runs_a_fixed_number_of_queries(procuratorate, people):
    supervised(procuratorate, people, 2, overdue=True)
    with CaptureQueriesContext(connection) as small:
        summary = selectors.board_summary(user=people["pg"])
        list(summary["overdue"])
    supervised(procuratorate, people, 9, overdue=True)
    file_topics(people, 5)
    with CaptureQueriesContext(connection) as large:
        summary = selectors.board_summary(user=people["pg"])
        list(summary["overdue"])
    assert len(small.captured_queries) == len(large.captured_queries) <= 6
    assert len(summary["overdue"]) == 10  # the panel shows the ten most urgent
    assert summary["waiting_review"] == 5


def test_meeting_page_costs_the_same_with_more_topics(client, procuratorate, people):
    body, members = committee_of_nine(procuratorate, people)
    topics = [approved_topic(people, body, title=f"议题{i}") for i in range(4)]
    meeting, _items = meeting_with(people, body, topics[:1])
    attend(people, meeting, members, members)
    client.force_login(people["committee_office"])
    small = query_count(client, meeting.get_absolute_url())
    for topic in topics[1:]:
        services.agenda_add(
            actor=people["committee_office"], meeting=meeting, topic=topic
        )
    assert query_count(client, meeting.get_absolute_url()) == small


def test_topic_visibility(procuratorate, people):
    file_topics(people, 2)
    assert selectors.topic_list(user=people["staff"]).count() == 2  # same department
    assert selectors.topic_list(user=people["committee_office"]).count() == 2
    assert selectors.topic_list(user=people["office_reviewer"]).count() == 0
    assert selectors.topic_list(user=people["outsider"]).count() == 0
    assert selectors.topic_list(user=people["deputy"]).count() == 2


def test_half_year_review_counts(procuratorate, people):
    body, members = committee_of_nine(procuratorate, people)
    topics = [approved_topic(people, body, title=f"案件{i}") for i in range(2)]
    guidance = approved_topic(people, body, category="cm_guidance", title="规范议题")
    meeting, items = meeting_with(people, body, [*topics, guidance])
    attend(people, meeting, members, members)
    services.meeting_open(actor=people["committee_office"], meeting=meeting)
    for item, agreeing in zip(items, [9, 3, 6], strict=True):
        speak_all(people, item)
        named_vote(
            people,
            item,
            {
                m: VoteChoice.AGREE if i < agreeing else VoteChoice.DISAGREE
                for i, m in enumerate(members)
            },
        )
        services.voting_close(
            actor=people["committee_office"], item=item, decision_text="决定"
        )
    first = Resolution.objects.get(item=items[0])
    services.supervision_assign(
        actor=people["committee_office"],
        resolution=first,
        departments=[people["head"].staff.department],
        deadline=timezone.localdate(),
        requirement="执行",
    )
    year, half = selectors.current_half()
    review = selectors.half_year_review(
        procuratorate_id=procuratorate.pk, year=year, half=half
    )
    assert review["meetings"] == 1
    assert (review["topics_filed"], review["decided"], review["cases_decided"]) == (
        3,
        3,
        2,
    )
    assert (review["passed"], review["failed"]) == (2, 1)
    assert review["execution"]["in_progress"] == 1
    # The third passed against the chair's vote: reported to the upper procuratorate.
    assert review["execution"]["reported_upward"] == 1
    assert review["reported_upward"] == 1
    by_category = {row["category"]: row for row in review["categories"]}
    assert by_category["cm_major_case"]["decided"] == 2
    assert by_category["cm_guidance"]["filed"] == 1
    other_half = selectors.half_year_review(
        procuratorate_id=procuratorate.pk, year=year - 1, half=half
    )
    assert other_half["decided"] == 0


def test_half_year_review_report_producer(procuratorate, people):
    """The registered report kind writes Excel and PDF for the requester's house."""
    spec = get_report("meetings_half_year_review")
    assert spec.permission == "meetings.view_review"
    year, half = selectors.current_half()
    steps = []
    for fmt in ("xlsx", "pdf"):
        job = ReportJob.objects.create(
            procuratorate=procuratorate,
            requested_by=people["pg"],
            kind="meetings_half_year_review",
            format=fmt,
            params={"year": str(year), "half": str(half)},
        )
        filename, content = spec.producer(job, lambda p, m: steps.append(p))
        assert filename.endswith(f"-{year}-{half}.{fmt}")
        if fmt == "xlsx":
            sheet = load_workbook(io.BytesIO(content)).active
            values = [c for row in sheet.iter_rows(values_only=True) for c in row]
            assert "Topics filed" in values
        else:
            assert content.startswith(b"%PDF")
    assert steps[-1] == 100
    job.params = {"half": "3"}
    with pytest.raises(ReportError):
        spec.producer(job, lambda p, m: None)
