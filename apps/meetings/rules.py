"""Who may do what in the three meetings, as named predicates (django-rules).

Object-level predicates accept a Body or anything that hangs off one (topic,
meeting, agenda item, resolution, minutes, supervision) and find the body.
"""

import rules
from django.db.models import Q
from django.utils import timezone

from apps.core.models import Role
from apps.core.rules import (
    is_any_admin,
    is_committee_office,
    is_department_head,
    is_leadership,
    is_procurator_general,
    is_staff_member,
    oversees_department,
    same_procuratorate,
    staff_of,
)

from .models import (
    AgendaItem,
    Body,
    BodyKind,
    Meeting,
    Membership,
    Minutes,
    MonthlyReport,
    Resolution,
    Supervision,
    SupervisionAssignment,
    Topic,
)


def body_of(obj):
    """The body an object belongs to (None for anything else)."""
    if isinstance(obj, Body):
        return obj
    if isinstance(obj, Topic | Meeting):
        return obj.body
    if isinstance(obj, AgendaItem | Minutes | MonthlyReport):
        return obj.meeting.body
    if isinstance(obj, Resolution):
        return obj.item.meeting.body
    if isinstance(obj, Supervision):
        return obj.resolution.item.meeting.body
    if isinstance(obj, SupervisionAssignment):
        return obj.supervision.resolution.item.meeting.body
    return None


def is_secretary_of(user, body):
    """The body's secretaries; for the committee, the committee office as well."""
    staff = staff_of(user)
    if not staff or body is None or staff.procuratorate_id != body.procuratorate_id:
        return False
    if body.kind == BodyKind.COMMITTEE and staff.has_role(Role.COMMITTEE_OFFICE):
        return True
    return body.secretaries.filter(pk=staff.pk).exists()


def is_reviewer_of(user, body):
    """Who checks topics for the body: committee office, or the party group's
    pre-reviewers (the PG stands in while none is designated)."""
    staff = staff_of(user)
    if not staff or body is None or staff.procuratorate_id != body.procuratorate_id:
        return False
    if body.kind == BodyKind.COMMITTEE:
        return staff.has_role(Role.COMMITTEE_OFFICE)
    if body.kind == BodyKind.PARTY_GROUP:
        reviewers = body.pre_reviewers.all()
        if reviewers.filter(pk=staff.pk).exists():
            return True
        return not reviewers.exists() and staff.has_role(Role.PROCURATOR_GENERAL)
    return False


def is_member_of(user, body, day=None):
    staff = staff_of(user)
    if not staff or body is None:
        return False
    day = day or timezone.localdate()
    return (
        Membership.objects.filter(body=body, staff=staff, start_date__lte=day)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
        .exists()
    )


@rules.predicate
def is_business_user(user):
    return is_staff_member(user) and not is_any_admin(user)


@rules.predicate
def in_procuratorate(user, obj):
    """Same procuratorate as the object (found through its body when it has none)."""
    if obj is None:
        return False
    if hasattr(obj, "procuratorate_id"):
        return same_procuratorate(user, obj)
    return same_procuratorate(user, body_of(obj))


def _of_its_body(check, name):
    """The predicate `check(user, body)` on the body the object belongs to."""
    return rules.predicate(lambda user, obj: check(user, body_of(obj)), name=name)


is_secretary = _of_its_body(is_secretary_of, "is_secretary")
is_reviewer = _of_its_body(is_reviewer_of, "is_reviewer")
is_member = _of_its_body(is_member_of, "is_member")


@rules.predicate
def is_filer(user, topic):
    return topic is not None and topic.filed_by_id == user.pk


@rules.predicate
def in_topic_department(user, topic):
    staff = staff_of(user)
    return bool(
        staff and topic is not None and staff.department_id == topic.department_id
    )


@rules.predicate
def has_department(user):
    staff = staff_of(user)
    return bool(staff and staff.department_id)


@rules.predicate
def runs_some_body(user):
    """Secretary of at least one body, or the committee office, or the PG."""
    staff = staff_of(user)
    if not staff:
        return False
    if staff.has_role(Role.PROCURATOR_GENERAL, Role.COMMITTEE_OFFICE):
        return True
    return Body.objects.filter(
        procuratorate_id=staff.procuratorate_id, secretaries=staff
    ).exists()


@rules.predicate
def is_committee_matter(user, obj):
    body = body_of(obj)
    return body is not None and body.kind == BodyKind.COMMITTEE


@rules.predicate
def is_party_group_matter(user, obj):
    body = body_of(obj)
    return body is not None and body.kind == BodyKind.PARTY_GROUP


@rules.predicate
def sees_a_meeting_of(user, topic):
    """Someone who may see a meeting that has the topic on its agenda."""
    return topic is not None and any(
        user.has_perm("meetings.view_meeting", item.meeting)
        for item in topic.agenda_items.select_related("meeting__body")
    )


@rules.predicate
def in_responsible_department(user, obj):
    """Staff of a department responsible for carrying out a resolution."""
    staff = staff_of(user)
    if not staff or not staff.department_id:
        return False
    if isinstance(obj, SupervisionAssignment):
        return obj.department_id == staff.department_id
    if isinstance(obj, Resolution):
        supervision = getattr(obj, "supervision", None)
        if supervision is None:
            return False
        obj = supervision
    if isinstance(obj, Supervision):
        return obj.assignments.filter(department_id=staff.department_id).exists()
    return False


@rules.predicate
def reports_for_department(user, obj):
    """Head or clerk of the object's department (assignment or monthly report)."""
    staff = staff_of(user)
    return bool(
        staff
        and obj is not None
        and staff.department_id == obj.department_id
        and staff.has_role(Role.DEPARTMENT_HEAD, Role.DEPARTMENT_CLERK)
    )


@rules.predicate
def oversees_report_department(user, report):
    return report is not None and oversees_department(user, report.department)


is_official = is_procurator_general | is_secretary

rules.add_perm("meetings.use", is_business_user)
rules.add_perm(
    "meetings.file_topic", is_business_user & (has_department | is_leadership)
)
sees_topic = (
    is_leadership
    | is_filer
    | in_topic_department
    | is_secretary
    | is_reviewer
    | is_member
)
rules.add_perm("meetings.view_topic", is_business_user & in_procuratorate & sees_topic)
rules.add_perm(
    "meetings.review_topic",
    is_business_user & in_procuratorate & is_reviewer & ~is_filer,
)
rules.add_perm(
    "meetings.route_topic",
    is_business_user
    & in_procuratorate
    & is_reviewer
    & ~is_filer
    & is_party_group_matter,
)
# A topic's materials: whoever sees the topic, or a meeting that discusses it.
rules.add_perm(
    "meetings.view_material",
    is_business_user & in_procuratorate & (sees_topic | sees_a_meeting_of),
)
rules.add_perm(
    "meetings.add_material",
    is_business_user & in_procuratorate & (is_filer | is_reviewer),
)
rules.add_perm(
    "meetings.approve_topic",
    is_business_user & in_procuratorate & is_procurator_general,
)
rules.add_perm(
    "meetings.withdraw_topic", is_business_user & in_procuratorate & is_filer
)
rules.add_perm(
    "meetings.resubmit_topic", is_business_user & in_procuratorate & is_filer
)

rules.add_perm("meetings.add_meeting", is_business_user & runs_some_body)
rules.add_perm(
    "meetings.manage_meeting", is_business_user & in_procuratorate & is_official
)
rules.add_perm(
    "meetings.view_meeting",
    is_business_user
    & in_procuratorate
    & (is_leadership | is_secretary | is_member | is_department_head),
)
rules.add_perm(
    "meetings.decide_sitting_in",
    is_business_user & in_procuratorate & is_procurator_general,
)
rules.add_perm(
    "meetings.decide_office_item",
    is_business_user & in_procuratorate & is_procurator_general,
)
rules.add_perm(
    "meetings.report_upward",
    is_business_user & in_procuratorate & is_procurator_general & is_committee_matter,
)
rules.add_perm(
    "meetings.record_upper_decision",
    is_business_user & in_procuratorate & is_committee_office & is_committee_matter,
)
rules.add_perm(
    "meetings.approve_minutes",
    is_business_user & in_procuratorate & is_procurator_general,
)
rules.add_perm(
    "meetings.view_resolution",
    is_business_user
    & in_procuratorate
    & (
        is_leadership
        | is_secretary
        | is_member
        | is_department_head
        | in_responsible_department
    ),
)
rules.add_perm("meetings.supervise", is_business_user & in_procuratorate & is_official)
rules.add_perm(
    "meetings.view_supervision",
    is_business_user
    & in_procuratorate
    & (is_leadership | is_secretary | in_responsible_department),
)
rules.add_perm(
    "meetings.report_execution",
    is_business_user & in_procuratorate & reports_for_department,
)
rules.add_perm(
    "meetings.manage_roster", is_business_user & in_procuratorate & is_official
)
rules.add_perm(
    "meetings.submit_monthly_report",
    is_business_user & in_procuratorate & reports_for_department,
)
rules.add_perm(
    "meetings.comment_monthly_report",
    is_business_user
    & in_procuratorate
    & (oversees_report_department | is_procurator_general),
)
rules.add_perm("meetings.view_board", is_business_user & is_leadership)
rules.add_perm(
    "meetings.view_review", is_business_user & (is_leadership | is_committee_office)
)
