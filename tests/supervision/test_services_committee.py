"""Sending a major case to the procuratorial committee as a meetings topic."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.audit.models import AuditEvent
from apps.meetings import services as meeting_services
from apps.meetings.models import BodyKind, Seat, Topic
from apps.supervision import selectors, services
from apps.supervision.models import AccessGrant, Outcome
from apps.todos.models import TodoItem
from tests.factories import make_user

from .factories import issued, proposed, wrong_step

pytestmark = pytest.mark.django_db
K = Outcome.Kind


@pytest.fixture
def committee(procuratorate, sv):
    """The committee: PG chairs, the deputy and one member of another department."""
    body = meeting_services.bodies_ensure(procuratorate=procuratorate)[
        BodyKind.COMMITTEE
    ]
    member = make_user(
        department=sv["other_staff"].staff.department, username="t.cm.member"
    )
    meeting_services.roster_change(
        actor=None,
        body=body,
        effective_date=body.created_at.date().replace(year=2020),
        joining=[
            meeting_services.Joining(sv["pg"].staff, seat=Seat.CHAIR),
            meeting_services.Joining(sv["deputy"].staff, seat=Seat.DEPUTY),
            meeting_services.Joining(member.staff, seat=Seat.MEMBER),
        ],
    )
    return body, member


@pytest.mark.parametrize(
    ("key", "allowed"),
    [
        ("head", True),
        ("pg", True),
        ("handler", False),
        ("clerk", False),
        ("deputy", False),
        ("other_head", False),
        ("committee_office", False),
        ("outsider_head", False),
        ("system_admin", False),
    ],
)
def test_who_may_send(sv, committee, key, allowed):
    outcome = proposed(sv, K.PROTEST_REQUEST)
    if not allowed:
        with pytest.raises(PermissionDenied):
            services.outcome_send_to_committee(actor=sv[key], outcome=outcome)
        outcome.refresh_from_db()
        assert outcome.committee_topic_id is None
        assert not Topic.objects.exists()
        return
    topic = services.outcome_send_to_committee(actor=sv[key], outcome=outcome)
    outcome.refresh_from_db()
    assert outcome.committee_topic_id == topic.pk


def test_topic_is_filed_with_the_committee_from_the_case(sv, committee):
    body, _member = committee
    outcome = proposed(sv, K.RETRIAL_SUGGESTION)
    petition = outcome.petition
    topic = services.outcome_send_to_committee(actor=sv["head"], outcome=outcome)
    topic.refresh_from_db()
    assert topic.body == body
    assert topic.body.kind == BodyKind.COMMITTEE
    assert topic.scope_category == "cm_major_case"
    assert topic.source == petition
    assert topic.department == petition.department
    assert topic.filed_by == sv["head"]
    assert topic.state == Topic.State.SUBMITTED
    assert str(petition) in topic.title
    assert outcome.opinion in topic.summary
    # The committee office has the scope review in its to-dos.
    assert TodoItem.objects.filter(
        object_id=str(topic.pk),
        step_code="meetings.topic.review",
        status="open",
        assignee=sv["committee_office"],
    ).exists()
    # A case the committee discusses is major: the procurator-general signs.
    outcome.refresh_from_db()
    assert outcome.is_major
    outcome = services.outcome_approve(actor=sv["head"], outcome=outcome)
    assert outcome.state == Outcome.State.AWAITING_PG


def test_sent_twice_is_refused(sv, committee):
    outcome = proposed(sv, K.PROTEST_REQUEST)
    stale = Outcome.objects.get(pk=outcome.pk)
    services.outcome_send_to_committee(actor=sv["head"], outcome=outcome)
    # Acting on a stale copy: the locked row says it was sent already.
    with pytest.raises(ValidationError):
        services.outcome_send_to_committee(actor=sv["pg"], outcome=stale)
    assert Topic.objects.count() == 1


def test_issued_outcome_is_not_sent(sv, committee):
    outcome = issued(sv, K.SETTLEMENT, opinion="双方达成和解。", recipient="")
    with wrong_step():
        services.outcome_send_to_committee(actor=sv["head"], outcome=outcome)
    assert not Topic.objects.exists()


def test_audit_event_is_written(sv, committee):
    outcome = proposed(sv, K.PROTEST_REQUEST)
    topic = services.outcome_send_to_committee(actor=sv["head"], outcome=outcome)
    event = AuditEvent.objects.get(action="supervision.outcome.send_to_committee")
    assert event.actor == sv["head"]
    assert event.object_id == str(outcome.petition.pk)
    assert event.after["committee_topic_id"] == topic.pk


def test_committee_office_and_members_may_read_the_case(sv, committee):
    _body, member = committee
    outcome = proposed(sv, K.PROTEST_REQUEST)
    petition = outcome.petition
    for key in ("committee_office",):
        assert not sv[key].has_perm("supervision.view_petition", petition)
    assert not member.has_perm("supervision.view_petition", petition)
    services.outcome_send_to_committee(actor=sv["head"], outcome=outcome)
    assert sv["committee_office"].has_perm("supervision.view_petition", petition)
    assert member.has_perm("supervision.view_petition", petition)
    assert petition in selectors.petitions_visible_to(member)
    # Who saw the case already gets no grant; reading is all a grant gives.
    granted = set(
        AccessGrant.objects.filter(petition=petition).values_list(
            "grantee_id", flat=True
        )
    )
    assert granted == {sv["committee_office"].pk, member.pk}
    assert not member.has_perm("supervision.change_petition", petition)
    # Someone of another department who is not on the committee still sees nothing.
    assert not sv["other_staff"].has_perm("supervision.view_petition", petition)


def test_revised_proposal_stays_major(sv, committee):
    outcome = proposed(sv, K.RETRIAL_SUGGESTION)
    services.outcome_send_to_committee(actor=sv["head"], outcome=outcome)
    outcome = services.outcome_return(
        actor=sv["head"], outcome=outcome, note="请补充证据分析"
    )
    outcome = services.outcome_propose(
        actor=sv["handler"],
        petition=outcome.petition,
        kind=K.RETRIAL_SUGGESTION,
        opinion="补充后的意见",
        recipient="梧州市长洲区人民法院",
        is_major=False,
    )
    assert outcome.is_major
    assert outcome.committee_topic_id is not None


def test_case_page_reads_the_topic_through_meetings(sv, committee):
    outcome = proposed(sv, K.PROTEST_REQUEST)
    topic = services.outcome_send_to_committee(actor=sv["head"], outcome=outcome)
    outcome.refresh_from_db()
    assert selectors.committee_topic_for(user=sv["handler"], outcome=outcome) == topic
    assert selectors.committee_topic_for(user=sv["pg"], outcome=outcome) == topic
    assert (
        selectors.committee_topic_for(user=sv["outsider_head"], outcome=outcome) is None
    )
