"""Scoped reads for the meeting pages, boards and documents.

List, board and record pages run a fixed number of queries whatever the data
size (tests pin the counts at two sizes).
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, Count, Prefetch, Q, When
from django.utils import timezone

from apps.core.models import Role
from apps.core.rules import staff_of
from apps.core.scoping import scope_to_procuratorate, user_procuratorate_id
from apps.todos.models import TodoItem

from .models import (
    AgendaItem,
    Body,
    BodyKind,
    ExecutionReport,
    Meeting,
    Membership,
    Minutes,
    MonthlyReport,
    Opinion,
    Recusal,
    Resolution,
    ScopeCategory,
    SittingIn,
    Supervision,
    SupervisionAssignment,
    Topic,
    TopicLog,
    TopicMaterial,
    Vote,
)
from .roster import (
    active_on,
    item_roll,
    meeting_attendance,
    meeting_day,
    memberships_on,
)

BODY_ORDER = Case(
    When(kind=BodyKind.PARTY_GROUP, then=0),
    When(kind=BodyKind.COMMITTEE, then=1),
    default=2,
)


def body_list(*, user):
    """The user's bodies in the essay's order: party group, committee, office."""
    return scope_to_procuratorate(Body.objects.all(), user).order_by(BODY_ORDER)


def _official_body_ids(user):
    staff = staff_of(user)
    if not staff:
        return set()
    bodies = Body.objects.filter(procuratorate_id=staff.procuratorate_id)
    ids = set(
        bodies.filter(Q(secretaries=staff) | Q(pre_reviewers=staff)).values_list(
            "pk", flat=True
        )
    )
    if staff.has_role(Role.COMMITTEE_OFFICE):
        ids |= set(bodies.filter(kind=BodyKind.COMMITTEE).values_list("pk", flat=True))
    return ids


def _member_body_ids(user):
    staff = staff_of(user)
    if not staff:
        return set()
    return set(
        Membership.objects.filter(active_on(timezone.localdate()), staff=staff)
        .values_list("body_id", flat=True)
        .distinct()
    )


def _sees_everything(staff):
    return staff.has_role(Role.PROCURATOR_GENERAL, Role.DEPUTY_PROCURATOR_GENERAL)


def topic_list(*, user, body_kind=None, state=None):
    """Topics the user may see: leadership all; others their own, their
    department's, and those of the bodies they sit on or serve."""
    staff = staff_of(user)
    qs = scope_to_procuratorate(Topic.objects.all(), user).select_related(
        "body", "department", "filed_by__staff"
    )
    if staff and not _sees_everything(staff):
        visible = Q(filed_by=user) | Q(
            body_id__in=_official_body_ids(user) | _member_body_ids(user)
        )
        if staff.department_id:
            visible |= Q(department_id=staff.department_id)
        qs = qs.filter(visible)
    if body_kind:
        qs = qs.filter(body__kind=body_kind)
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("-created_at", "-pk")


def topic_detail(*, topic):
    """The topic's materials, history and agenda items, loaded at once."""
    materials = list(
        TopicMaterial.objects.filter(topic=topic).select_related("uploaded_by__staff")
    )
    logs = list(TopicLog.objects.filter(topic=topic).select_related("actor__staff"))
    items = list(
        AgendaItem.objects.filter(topic=topic)
        .select_related("meeting", "resolution")
        .order_by("meeting__scheduled_at")
    )
    return {"materials": materials, "logs": logs, "agenda_items": items}


def topics_to_schedule(meeting):
    return Topic.objects.filter(
        body=meeting.body, state=Topic.State.APPROVED
    ).select_related("department")


def meeting_list(*, user, body_kind=None):
    """Meetings the user may see, with their agenda counts."""
    staff = staff_of(user)
    qs = scope_to_procuratorate(Meeting.objects.all(), user).select_related("body")
    if staff and not (_sees_everything(staff) or staff.has_role(Role.DEPARTMENT_HEAD)):
        qs = qs.filter(body_id__in=_official_body_ids(user) | _member_body_ids(user))
    if body_kind:
        qs = qs.filter(body__kind=body_kind)
    return qs.annotate(
        item_count=Count("items", distinct=True),
        decided_count=Count(
            "items", filter=Q(items__status=AgendaItem.Status.DECIDED), distinct=True
        ),
    ).order_by("-scheduled_at", "-pk")


def _items_with_record(meeting):
    return list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related(
            "topic", "topic__department", "topic__body", "resolution", "meeting__body"
        )
        .prefetch_related(
            Prefetch("opinions", queryset=Opinion.objects.select_related("staff")),
            Prefetch("recusals", queryset=Recusal.objects.select_related("staff")),
            Prefetch(
                "sitting_in",
                queryset=SittingIn.objects.select_related("staff__department"),
            ),
            Prefetch("votes", queryset=Vote.objects.select_related("voter")),
            "frozen_voters",
        )
        .order_by("position", "pk")
    )


@dataclass
class MemberRow:
    membership: Membership
    attendance: object  # Attendance or None

    @property
    def staff(self):
        return self.membership.staff


@dataclass
class MeetingRecord:
    meeting: Meeting
    members: list  # MemberRow, speaking order
    items: list  # AgendaItem with .roll
    monthly_reports: list
    minutes: object

    @property
    def present(self):
        return [
            r for r in self.members if r.attendance and r.attendance.status == "present"
        ]

    @property
    def absent(self):
        return [
            r for r in self.members if r.attendance and r.attendance.status == "absent"
        ]

    @property
    def unrecorded(self):
        return [r for r in self.members if r.attendance is None]


def meeting_record(meeting):
    """Everything said and decided at a meeting: for its page and its minutes."""
    memberships = memberships_on(meeting.body, meeting_day(meeting))
    attendance = meeting_attendance(meeting)
    items = _items_with_record(meeting)
    order = {m.staff_id: i for i, m in enumerate(memberships)}
    for item in items:
        item.roll = item_roll(item, memberships=memberships, attendance=attendance)
        item.named_votes = sorted(
            item.votes.all(), key=lambda v: order.get(v.voter_id, len(order))
        )
    reports = list(
        MonthlyReport.objects.filter(meeting=meeting)
        .select_related(
            "department__deputy", "submitted_by__staff", "commented_by__staff"
        )
        .order_by("position", "pk")
    )
    minutes = (
        Minutes.objects.filter(meeting=meeting)
        .select_related("approved_by__staff")
        .first()
    )
    return MeetingRecord(
        meeting=meeting,
        members=[MemberRow(m, attendance.get(m.staff_id)) for m in memberships],
        items=items,
        monthly_reports=reports,
        minutes=minutes,
    )


def item_record(item):
    """One agenda item with its roll (a fixed handful of queries)."""
    item = (
        AgendaItem.objects.select_related(
            "meeting__body", "topic__department", "topic__filed_by__staff"
        )
        .prefetch_related(
            Prefetch("opinions", queryset=Opinion.objects.select_related("staff")),
            Prefetch("recusals", queryset=Recusal.objects.select_related("staff")),
            Prefetch("sitting_in", queryset=SittingIn.objects.select_related("staff")),
            Prefetch("votes", queryset=Vote.objects.select_related("voter")),
            "frozen_voters",
            Prefetch("topic__materials"),
        )
        .get(pk=item.pk)
    )
    item.roll = item_roll(item)
    spoken = {o.staff_id for o in item.opinions.all()}
    item.next_speaker = next(
        (m for m in item.roll.participants if m.staff_id not in spoken), None
    )
    item.vote_by_voter = {v.voter_id: v for v in item.votes.all()}
    order = {m.staff_id: i for i, m in enumerate(item.roll.members)}
    item.named_votes = sorted(
        item.votes.all(), key=lambda v: order.get(v.voter_id, len(order))
    )
    return item


def resolution_detail(*, resolution):
    return (
        Resolution.objects.select_related(
            "item__meeting__body",
            "item__topic__department",
            "procuratorate",
            "decided_by__staff",
        )
        .prefetch_related(
            Prefetch(
                "supervision__assignments",
                queryset=SupervisionAssignment.objects.select_related("department"),
            )
        )
        .get(pk=resolution.pk)
    )


def supervision_list(*, user, state=None):
    """Supervised resolutions: officials and leadership see all; a department
    sees the ones it is responsible for."""
    staff = staff_of(user)
    qs = scope_to_procuratorate(Supervision.objects.all(), user).select_related(
        "resolution__item__topic", "resolution__item__meeting__body"
    )
    if staff and not (_sees_everything(staff) or staff.has_role(Role.COMMITTEE_OFFICE)):
        official = _official_body_ids(user)
        qs = qs.filter(
            Q(resolution__item__meeting__body_id__in=official)
            | Q(assignments__department_id=staff.department_id)
        ).distinct()
    if state == "overdue":
        qs = qs.filter(state=Supervision.State.OPEN, deadline__lt=timezone.localdate())
    elif state:
        qs = qs.filter(state=state)
    return qs.prefetch_related(
        Prefetch(
            "assignments",
            queryset=SupervisionAssignment.objects.select_related("department"),
        )
    ).order_by("deadline", "pk")


def supervision_detail(*, supervision):
    return (
        Supervision.objects.select_related(
            "resolution__item__topic__department",
            "resolution__item__meeting__body",
            "resolution__procuratorate",
            "created_by__staff",
        )
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=SupervisionAssignment.objects.select_related(
                    "department"
                ).prefetch_related(
                    Prefetch(
                        "reports",
                        queryset=ExecutionReport.objects.select_related(
                            "reported_by__staff"
                        ),
                    )
                ),
            ),
            "follow_ups__actor__staff",
        )
        .get(pk=supervision.pk)
    )


def board_summary(*, user):
    """The leadership panel: topics waiting, next meetings, overdue supervision.

    Five queries whatever the data size.
    """
    procuratorate_id = user_procuratorate_id(user)
    today = timezone.localdate()
    waiting = dict(
        Topic.objects.filter(
            procuratorate_id=procuratorate_id,
            state__in=[
                Topic.State.SUBMITTED,
                Topic.State.AWAITING_APPROVAL,
                Topic.State.APPROVED,
            ],
        )
        .values_list("state")
        .annotate(n=Count("pk"))
    )
    upcoming = list(
        Meeting.objects.filter(
            procuratorate_id=procuratorate_id,
            state__in=[Meeting.State.PLANNED, Meeting.State.IN_SESSION],
        )
        .select_related("body")
        .annotate(item_count=Count("items"))
        .order_by("scheduled_at")[:5]
    )
    overdue = list(
        Supervision.objects.filter(
            procuratorate_id=procuratorate_id,
            state=Supervision.State.OPEN,
            deadline__lt=today,
        )
        .select_related("resolution__item__topic", "resolution__item__meeting__body")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=SupervisionAssignment.objects.filter(
                    completed_at__isnull=True
                ).select_related("department"),
            )
        )
        .order_by("deadline")[:10]
    )
    open_count = Supervision.objects.filter(
        procuratorate_id=procuratorate_id,
        state__in=[Supervision.State.OPEN, Supervision.State.REPORTED],
    ).count()
    return {
        "waiting_review": waiting.get(Topic.State.SUBMITTED, 0),
        "waiting_approval": waiting.get(Topic.State.AWAITING_APPROVAL, 0),
        "waiting_meeting": waiting.get(Topic.State.APPROVED, 0),
        "upcoming": upcoming,
        "overdue": overdue,
        "open_supervisions": open_count,
        "today": today,
    }


def half_year_bounds(year, half):
    if half == 1:
        return datetime.date(year, 1, 1), datetime.date(year, 6, 30)
    return datetime.date(year, 7, 1), datetime.date(year, 12, 31)


def current_half(today=None):
    today = today or timezone.localdate()
    return today.year, 1 if today.month <= 6 else 2


def half_year_review(*, procuratorate_id, year, half):
    """The committee's half-year summary (半年总结) for reporting upwards:
    topics by scope category, cases decided, outcomes and execution status."""
    start, end = half_year_bounds(year, half)
    tz = timezone.get_current_timezone()
    start_at = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    end_at = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    committee = Q(procuratorate_id=procuratorate_id, body__kind=BodyKind.COMMITTEE)
    meetings = Meeting.objects.filter(
        committee, scheduled_at__gte=start_at, scheduled_at__lt=end_at
    ).count()
    filed = Counter(
        dict(
            Topic.objects.filter(
                committee, created_at__gte=start_at, created_at__lt=end_at
            )
            .values_list("scope_category")
            .annotate(n=Count("pk"))
        )
    )
    resolutions = list(
        Resolution.objects.filter(
            procuratorate_id=procuratorate_id,
            item__meeting__body__kind=BodyKind.COMMITTEE,
            decided_at__gte=start_at,
            decided_at__lt=end_at,
        )
        .select_related("item__topic", "item__meeting", "supervision")
        .order_by("decided_at")
    )
    decided = Counter(r.item.topic.scope_category for r in resolutions)
    results = Counter(r.result for r in resolutions)
    today = timezone.localdate()
    execution = Counter()
    for r in resolutions:
        supervision = getattr(r, "supervision", None)
        if r.status == Resolution.Status.REPORTED_UPWARD:
            execution["reported_upward"] += 1
        elif not r.carries_out:
            continue
        elif supervision is None:
            execution["unassigned"] += 1
        elif supervision.state == Supervision.State.CLOSED:
            execution["completed"] += 1
        elif supervision.deadline < today:
            execution["overdue"] += 1
        else:
            execution["in_progress"] += 1
    categories = [
        {
            "category": c,
            "label": c.label,
            "filed": filed.get(c.value, 0),
            "decided": decided.get(c.value, 0),
        }
        for c in ScopeCategory
        if c.value.startswith("cm_")
    ]
    return {
        "year": year,
        "half": half,
        "start": start,
        "end": end,
        "meetings": meetings,
        "categories": categories,
        "topics_filed": sum(filed.values()),
        "decided": len(resolutions),
        "cases_decided": decided.get(ScopeCategory.CM_MAJOR_CASE.value, 0),
        "passed": results.get(Resolution.Result.PASSED, 0),
        "failed": results.get(Resolution.Result.FAILED, 0),
        "reported_upward": sum(1 for r in resolutions if r.pg_disagrees),
        "execution": {
            key: execution.get(key, 0)
            for key in (
                "completed",
                "in_progress",
                "overdue",
                "unassigned",
                "reported_upward",
            )
        },
        "resolutions": resolutions,
    }


def my_meeting_todos(*, user):
    """The user's open to-dos from the three meetings, most urgent first."""
    return TodoItem.objects.filter(
        assignee=user, status=TodoItem.Status.OPEN, step_code__startswith="meetings."
    ).order_by("due_at", "created_at")
