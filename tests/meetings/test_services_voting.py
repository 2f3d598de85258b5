"""Meetings: attendance, sitting in, recusal, opinions in order, the quorum gate
and the vote counts, at and around each boundary."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.meetings import services
from apps.meetings.models import (
    AgendaItem,
    Attendance,
    BodyKind,
    Opinion,
    Resolution,
    Topic,
    VoteChoice,
)
from apps.meetings.roster import item_roll
from apps.todos.models import TodoItem
from tests.factories import make_user

from .factories import (
    approved_topic,
    attend,
    committee_of_nine,
    meeting_with,
    named_vote,
    party_group_of,
    seat,
    speak_all,
)

pytestmark = pytest.mark.django_db

A, D, AB, P = (
    VoteChoice.AGREE,
    VoteChoice.DISAGREE,
    VoteChoice.ABSTAIN,
    VoteChoice.POSTPONE,
)


@pytest.fixture
def committee(procuratorate, people):
    body, members = committee_of_nine(procuratorate, people)
    return body, members


def open_committee_item(people, committee, present_count, topics=1):
    """A committee meeting in session with the first `present_count` members
    present (the chair always among them)."""
    body, members = committee
    ordinary = [m for m in members if m not in (people["pg"], people["deputy"])]
    present = [people["pg"], people["deputy"], *ordinary][:present_count]
    topic_list = [
        approved_topic(people, body, title=f"重大案件议题{i}") for i in range(topics)
    ]
    meeting, items = meeting_with(people, body, topic_list)
    attend(people, meeting, members, present)
    services.meeting_open(actor=people["committee_office"], meeting=meeting)
    return meeting, items, present


# ------------------------------------------------------------------ quorum gate


def test_committee_below_quorum_cannot_vote_4_of_9(people, committee):
    _meeting, [item], _present = open_committee_item(people, committee, 4)
    speak_all(people, item)
    with pytest.raises(ValidationError, match="Below quorum: 4 of 9"):
        services.voting_open(actor=people["committee_office"], item=item)
    item.refresh_from_db()
    assert item.status == AgendaItem.Status.PENDING


def test_committee_at_quorum_votes_5_of_9(people, committee):
    _meeting, [item], present = open_committee_item(people, committee, 5)
    speak_all(people, item)
    named_vote(people, item, dict.fromkeys(present, A))
    resolution = services.voting_close(
        actor=people["committee_office"], item=item, decision_text="决定起诉。"
    )
    assert resolution.result == Resolution.Result.PASSED
    item.refresh_from_db()
    assert (item.members_total, item.present_count, item.agree_count) == (9, 5, 5)


def test_a_recusal_can_take_the_topic_below_quorum(people, committee):
    _meeting, [item], present = open_committee_item(people, committee, 5)
    services.recusal_record(
        actor=people["committee_office"],
        item=item,
        staff=present[-1].staff,
        reason="与案件当事人有近亲属关系",
    )
    speak_all(people, item)
    with pytest.raises(ValidationError, match="Below quorum: 4 of 9"):
        services.voting_open(actor=people["committee_office"], item=item)


# ------------------------------------------------------- two majorities (两个过半数)


def test_committee_5_of_9_agreeing_passes_with_only_5_present(people, committee):
    _meeting, [item], present = open_committee_item(people, committee, 5)
    speak_all(people, item)
    named_vote(people, item, dict.fromkeys(present, A))
    resolution = services.voting_close(
        actor=people["committee_office"], item=item, decision_text="同意起诉。"
    )
    assert resolution.result == Resolution.Result.PASSED
    assert resolution.doc_seq == 1


def test_committee_4_of_9_fails_even_with_4_of_7_present_agreeing(people, committee):
    _meeting, [item], present = open_committee_item(people, committee, 7)
    speak_all(people, item)
    # The chair (last) agrees with three others; three disagree.
    agree = [present[0], *present[3:6]]
    disagree = [p for p in present if p not in agree]
    assert len(agree) == 4 and len(disagree) == 3
    named_vote(people, item, {**dict.fromkeys(agree, A), **dict.fromkeys(disagree, D)})
    resolution = services.voting_close(
        actor=people["committee_office"], item=item, decision_text="未获通过。"
    )
    assert resolution.result == Resolution.Result.FAILED
    assert resolution.doc_seq is None
    topic = Topic.objects.get(pk=item.topic_id)
    assert topic.state == Topic.State.DECIDED


def test_committee_secret_ballot_counts_and_boundaries(people, committee):
    _meeting, [item, second], _present = open_committee_item(
        people, committee, 7, topics=2
    )
    speak_all(people, item)
    services.voting_open(actor=people["committee_office"], item=item, ballot="secret")
    with pytest.raises(ValidationError, match="8 ballots, but only 7"):
        services.ballot_count_record(
            actor=people["committee_office"], item=item, agree=5, disagree=2, abstain=1
        )
    with pytest.raises(ValidationError, match="counts, not names"):
        services.vote_record(
            actor=people["committee_office"], item=item, votes={people["pg"].staff: A}
        )
    services.ballot_count_record(
        actor=people["committee_office"], item=item, agree=5, disagree=1, abstain=1
    )
    assert (
        services.voting_close(
            actor=people["committee_office"], item=item, decision_text="通过"
        ).result
        == Resolution.Result.PASSED
    )
    speak_all(people, second)
    services.voting_open(actor=people["committee_office"], item=second, ballot="secret")
    services.ballot_count_record(
        actor=people["committee_office"], item=second, agree=4, disagree=2, abstain=1
    )
    assert (
        services.voting_close(
            actor=people["committee_office"], item=second, decision_text="未通过"
        ).result
        == Resolution.Result.FAILED
    )


def test_decision_documents_are_numbered_in_sequence(people, committee):
    _meeting, items, present = open_committee_item(people, committee, 9, topics=3)
    results = []
    for item, agreeing in zip(items, [9, 4, 6], strict=True):
        speak_all(people, item)
        named_vote(
            people,
            item,
            {p: (A if i < agreeing else D) for i, p in enumerate(present)},
        )
        results.append(
            services.voting_close(
                actor=people["committee_office"], item=item, decision_text="决定"
            )
        )
    assert [r.doc_seq for r in results] == [1, None, 2]
    assert results[2].document_number.endswith(f"〔{results[2].doc_year}〕2号")


# ------------------------------------------------------------- party group


@pytest.fixture
def party_group(procuratorate, people):
    return party_group_of(procuratorate, people, size=7)


def open_party_group_item(people, party_group, present_count, category="pg_reform"):
    body, members = party_group
    present = [people["pg"], *[m for m in members if m != people["pg"]]][:present_count]
    topic = approved_topic(people, body, category=category, title="党组议题")
    meeting, [item] = meeting_with(people, body, [topic])
    attend(people, meeting, members, present)
    services.meeting_open(actor=people["office_head"], meeting=meeting)
    return item, present


@pytest.mark.parametrize(("present", "ok"), [(3, False), (4, True)])
def test_party_group_quorum_more_than_half_of_7(people, party_group, present, ok):
    item, _ = open_party_group_item(people, party_group, present)
    speak_all(people, item)
    if ok:
        services.voting_open(actor=people["office_head"], item=item)
    else:
        with pytest.raises(ValidationError, match="Below quorum"):
            services.voting_open(actor=people["office_head"], item=item)


@pytest.mark.parametrize(("present", "ok"), [(4, False), (5, True), (6, True)])
def test_party_group_personnel_needs_two_thirds_of_7(people, party_group, present, ok):
    item, _ = open_party_group_item(people, party_group, present, "pg_personnel")
    speak_all(people, item)
    if ok:
        services.voting_open(actor=people["office_head"], item=item)
    else:
        with pytest.raises(ValidationError, match=f"Below quorum: {present} of 7"):
            services.voting_open(actor=people["office_head"], item=item)


def test_party_group_personnel_two_thirds_of_9_exactly(procuratorate, people):
    body, members = party_group_of(procuratorate, people, size=9)
    item, _ = open_party_group_item(people, (body, members), 6, "pg_personnel")
    speak_all(people, item)
    services.voting_open(actor=people["office_head"], item=item)
    roll = item_roll(item)
    assert (roll.members_total, roll.participating, roll.quorum_needed) == (9, 6, 6)


@pytest.mark.parametrize(("agreeing", "passed"), [(3, False), (4, True)])
def test_party_group_more_than_half_of_those_who_should_attend(
    people, party_group, agreeing, passed
):
    item, present = open_party_group_item(people, party_group, 6)
    speak_all(people, item)
    named_vote(
        people, item, {p: (A if i < agreeing else AB) for i, p in enumerate(present)}
    )
    resolution = services.voting_close(
        actor=people["office_head"], item=item, decision_text="党组决定"
    )
    assert (resolution.result == Resolution.Result.PASSED) is passed
    assert resolution.doc_seq is None  # only committee decisions are numbered


def test_party_group_recused_member_does_not_count_as_should_attend(
    people, party_group
):
    """Seven members, one recused: six should attend; 4 agree passes, 3 do not."""
    item, present = open_party_group_item(people, party_group, 7)
    services.recusal_record(
        actor=people["office_head"], item=item, staff=present[-1].staff, reason="回避"
    )
    speak_all(people, item)
    voters = present[:-1]
    named_vote(people, item, {p: (A if i < 3 else D) for i, p in enumerate(voters)})
    resolution = services.voting_close(
        actor=people["office_head"], item=item, decision_text="未通过"
    )
    assert resolution.result == Resolution.Result.FAILED
    item.refresh_from_db()
    assert item.present_count == 6


def test_personnel_topic_may_be_postponed_and_returns_to_the_pool(people, party_group):
    item, present = open_party_group_item(people, party_group, 6, "pg_personnel")
    speak_all(people, item)
    choices = [A, A, D, P, P, P]
    named_vote(people, item, dict(zip(present, choices, strict=True)))
    resolution = services.voting_close(
        actor=people["office_head"], item=item, decision_text="暂缓决定，进一步考察。"
    )
    assert resolution.result == Resolution.Result.POSTPONED
    topic = Topic.objects.get(pk=item.topic_id)
    assert topic.state == Topic.State.APPROVED and topic.carried_count == 1


def test_postpone_is_only_for_personnel_topics(people, party_group):
    item, present = open_party_group_item(people, party_group, 6)
    speak_all(people, item)
    services.voting_open(actor=people["office_head"], item=item)
    with pytest.raises(ValidationError, match="not available"):
        services.vote_record(
            actor=people["office_head"], item=item, votes={present[0].staff: P}
        )


# ------------------------------------------------ opinions, sitting in, recusal


def test_opinions_follow_the_fixed_order_chair_last(people, committee):
    _meeting, [item], _present = open_committee_item(people, committee, 7)
    chair = people["pg"].staff
    with pytest.raises(ValidationError, match="turn to speak"):
        services.opinion_record(
            actor=people["committee_office"], item=item, speaker=chair, text="同意"
        )
    spoken = speak_all(people, item)
    assert spoken[-1] == chair
    assert spoken[-2] == people["deputy"].staff
    positions = list(
        Opinion.objects.filter(item=item).values_list("staff_id", "position")
    )
    assert [p for _s, p in positions] == list(range(1, 8))
    with pytest.raises(ValidationError, match="already spoken"):
        services.opinion_record(
            actor=people["committee_office"], item=item, speaker=chair, text="再说"
        )


def test_voting_waits_until_everyone_has_spoken(people, committee):
    _meeting, [item], _present = open_committee_item(people, committee, 5)
    secretary = people["committee_office"]
    first = services.next_speaker(item)
    services.opinion_record(
        actor=secretary, item=item, speaker=first.staff, text="同意"
    )
    with pytest.raises(ValidationError, match="has not stated an opinion"):
        services.voting_open(actor=secretary, item=item)


def test_a_recused_member_neither_speaks_nor_votes(people, committee):
    _meeting, [item], present = open_committee_item(people, committee, 7)
    recused = present[3]
    services.recusal_record(
        actor=people["committee_office"], item=item, staff=recused.staff, reason="回避"
    )
    spoken = speak_all(people, item)
    assert recused.staff not in spoken and len(spoken) == 6
    services.voting_open(actor=people["committee_office"], item=item)
    with pytest.raises(ValidationError, match="not entitled"):
        services.vote_record(
            actor=people["committee_office"], item=item, votes={recused.staff: A}
        )


def test_recusal_refusals(people, committee):
    _meeting, [item], present = open_committee_item(people, committee, 7)
    with pytest.raises(ValidationError, match="not one"):
        services.recusal_record(
            actor=people["committee_office"],
            item=item,
            staff=people["staff"].staff,
            reason="回避",
        )
    first = services.next_speaker(item)
    services.opinion_record(
        actor=people["committee_office"], item=item, speaker=first.staff, text="同意"
    )
    with pytest.raises(ValidationError, match="already spoken"):
        services.recusal_record(
            actor=people["committee_office"],
            item=item,
            staff=first.staff,
            reason="回避",
        )
    with pytest.raises(PermissionDenied):
        services.recusal_record(
            actor=people["head"], item=item, staff=present[2].staff, reason="回避"
        )


def test_only_the_pg_lets_non_members_sit_in_without_a_vote(people, committee):
    _meeting, [item], _present = open_committee_item(people, committee, 7)
    with pytest.raises(PermissionDenied):
        services.sitting_in_allow(
            actor=people["committee_office"], item=item, staff=people["head"].staff
        )
    services.sitting_in_allow(actor=people["pg"], item=item, staff=people["head"].staff)
    with pytest.raises(ValidationError, match="only non-members"):
        services.sitting_in_allow(
            actor=people["pg"], item=item, staff=people["deputy"].staff
        )
    speak_all(people, item)
    services.voting_open(actor=people["committee_office"], item=item)
    with pytest.raises(ValidationError, match="not entitled"):
        services.vote_record(
            actor=people["committee_office"], item=item, votes={people["head"].staff: A}
        )


def test_absence_needs_a_reason_and_only_members_attend(people, committee):
    body, members = committee
    topic = approved_topic(people, body)
    meeting, _ = meeting_with(people, body, [topic])
    with pytest.raises(ValidationError, match="reason"):
        services.attendance_record(
            actor=people["committee_office"],
            meeting=meeting,
            entries=[(members[0].staff, Attendance.Status.ABSENT, "")],
        )
    with pytest.raises(ValidationError, match="not a member"):
        services.attendance_record(
            actor=people["committee_office"],
            meeting=meeting,
            entries=[(people["staff"].staff, Attendance.Status.PRESENT, "")],
        )


# --------------------------------------------------------- frozen voter list


def test_the_voter_list_is_frozen_when_voting_closes(people, committee):
    meeting, [item, later], present = open_committee_item(
        people, committee, 7, topics=2
    )
    speak_all(people, item)
    named_vote(people, item, dict.fromkeys(present, A))
    services.voting_close(
        actor=people["committee_office"], item=item, decision_text="通过"
    )
    frozen = set(item.frozen_voters.values_list("pk", flat=True))
    assert frozen == {u.staff.pk for u in present}
    # Someone leaves the meeting afterwards: the closed item keeps its list.
    services.attendance_record(
        actor=people["committee_office"],
        meeting=meeting,
        entries=[(present[1].staff, Attendance.Status.ABSENT, "提前离会")],
    )
    item.refresh_from_db()
    assert set(item.frozen_voters.values_list("pk", flat=True)) == frozen
    assert item.present_count == 7
    assert item_roll(later).participating == 6


def test_a_vote_by_someone_who_left_must_be_corrected_before_closing(people, committee):
    meeting, [item], present = open_committee_item(people, committee, 7)
    speak_all(people, item)
    named_vote(people, item, dict.fromkeys(present, A))
    services.attendance_record(
        actor=people["committee_office"],
        meeting=meeting,
        entries=[(present[1].staff, Attendance.Status.ABSENT, "提前离会")],
    )
    with pytest.raises(ValidationError, match="no longer takes part"):
        services.voting_close(
            actor=people["committee_office"], item=item, decision_text="通过"
        )


def test_leaving_during_the_vote_below_quorum_blocks_the_decision(people, committee):
    meeting, [item], present = open_committee_item(people, committee, 5)
    speak_all(people, item)
    services.voting_open(actor=people["committee_office"], item=item, ballot="secret")
    services.attendance_record(
        actor=people["committee_office"],
        meeting=meeting,
        entries=[(present[2].staff, Attendance.Status.ABSENT, "临时离会")],
    )
    with pytest.raises(ValidationError, match="No decision can be recorded"):
        services.voting_close(
            actor=people["committee_office"], item=item, decision_text="通过"
        )
    assert not Resolution.objects.filter(item=item).exists()


# ---------------------------------------------- PG against the committee majority


def test_pg_voting_against_a_passed_majority_is_reported_upward(people, committee):
    _meeting, [item], present = open_committee_item(people, committee, 7)
    speak_all(people, item)
    choices = dict.fromkeys(present, A)
    choices[people["pg"]] = D
    named_vote(people, item, choices)
    resolution = services.voting_close(
        actor=people["committee_office"], item=item, decision_text="多数同意起诉"
    )
    assert resolution.result == Resolution.Result.PASSED
    assert resolution.pg_disagrees
    assert resolution.status == Resolution.Status.REPORTED_UPWARD
    assert resolution.doc_seq is None and not resolution.carries_out
    todo = TodoItem.objects.get(
        object_id=str(resolution.pk), step_code="meetings.resolution.upper_decision"
    )
    assert todo.assignee == people["committee_office"]
    with pytest.raises(PermissionDenied):
        services.resolution_record_upper_decision(
            actor=people["pg"], resolution=resolution, passed=True, text="…"
        )
    resolution = services.resolution_record_upper_decision(
        actor=people["committee_office"],
        resolution=resolution,
        passed=True,
        text="上级院决定：同意起诉。",
    )
    assert resolution.status == Resolution.Status.EFFECTIVE
    assert resolution.doc_seq == 1 and resolution.carries_out


def test_pg_abstaining_is_not_a_disagreement(people, committee):
    _meeting, [item], present = open_committee_item(people, committee, 7)
    speak_all(people, item)
    choices = dict.fromkeys(present, A)
    choices[people["pg"]] = AB
    named_vote(people, item, choices)
    resolution = services.voting_close(
        actor=people["committee_office"], item=item, decision_text="通过"
    )
    assert not resolution.pg_disagrees
    assert resolution.status == Resolution.Status.EFFECTIVE


def test_pg_reports_a_secret_ballot_upward_himself(people, committee):
    _meeting, [item], _present = open_committee_item(people, committee, 7)
    speak_all(people, item)
    services.voting_open(actor=people["committee_office"], item=item, ballot="secret")
    services.ballot_count_record(
        actor=people["committee_office"], item=item, agree=6, disagree=1, abstain=0
    )
    resolution = services.voting_close(
        actor=people["committee_office"], item=item, decision_text="通过"
    )
    with pytest.raises(PermissionDenied):
        services.resolution_report_upward(
            actor=people["deputy"], resolution=resolution, reason="不同意"
        )
    resolution = services.resolution_report_upward(
        actor=people["pg"], resolution=resolution, reason="检察长不同意多数委员意见"
    )
    assert resolution.status == Resolution.Status.REPORTED_UPWARD
    assert not TodoItem.objects.filter(
        object_id=str(resolution.pk),
        step_code="meetings.resolution.supervise",
        status="open",
    ).exists()


# ------------------------------------------------------------ office meeting


def test_office_meeting_the_pg_decides_after_discussion(procuratorate, people):
    bodies = services.bodies_ensure(procuratorate=procuratorate)
    seat(bodies[BodyKind.PARTY_GROUP], chair=people["pg"], deputies=[people["deputy"]])
    services.office_roster_sync(
        actor=people["pg"], body=bodies[BodyKind.OFFICE], effective_date=None
    )
    services.body_set_officials(
        actor=people["pg"],
        body=bodies[BodyKind.OFFICE],
        secretaries=[people["office_head"].staff],
    )
    topic = approved_topic(people, bodies[BodyKind.OFFICE])
    meeting, [item] = meeting_with(people, bodies[BodyKind.OFFICE], [topic])
    roster = [people[k] for k in ("pg", "deputy", "head", "office_head")]
    attend(people, meeting, roster, roster[:3])
    services.meeting_open(actor=people["office_head"], meeting=meeting)
    with pytest.raises(ValidationError, match="does not vote"):
        services.voting_open(actor=people["office_head"], item=item)
    with pytest.raises(PermissionDenied):
        services.item_decide_by_pg(
            actor=people["deputy"], item=item, adopted=True, decision_text="同意"
        )
    spoken = speak_all(people, item, "建议调整。")
    # Department heads, then the deputy, the procurator-general last.
    assert spoken == [people["head"].staff, people["deputy"].staff, people["pg"].staff]
    resolution = services.item_decide_by_pg(
        actor=people["pg"], item=item, adopted=True, decision_text="同意调整工作计划。"
    )
    assert resolution.result == Resolution.Result.ADOPTED and resolution.carries_out


def test_only_members_of_the_body_run_its_meetings(people, committee):
    body, _members = committee
    with pytest.raises(PermissionDenied):
        services.meeting_create(
            actor=people["head"],
            body=body,
            title="检委会会议",
            scheduled_at="2026-03-02T09:00+08:00",
        )
    _meeting, [item], _present = open_committee_item(people, committee, 7)
    with pytest.raises(PermissionDenied):
        services.voting_open(actor=people["outsider"], item=item)


def test_outsider_member_of_another_procuratorate_is_refused(people, committee):
    stranger = make_user(department=people["outsider"].staff.department)
    body, _members = committee
    with pytest.raises(ValidationError):
        services.roster_change(
            actor=people["pg"],
            body=body,
            effective_date="2024-01-01",
            joining=[stranger.staff],
        )
