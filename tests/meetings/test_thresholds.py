"""The counting rules with bare numbers, at and around every boundary."""

import pytest

from apps.meetings.models import BodyKind
from apps.meetings.thresholds import (
    overlap,
    quorum_met,
    quorum_needed,
    vote_outcome,
)

CM, PG, OF = BodyKind.COMMITTEE, BodyKind.PARTY_GROUP, BodyKind.OFFICE


@pytest.mark.parametrize(
    ("total", "present", "met"),
    [
        (9, 4, False),
        (9, 5, True),
        (9, 6, True),
        (11, 5, False),
        (11, 6, True),
        (7, 3, False),
        (7, 4, True),
        (3, 1, False),
        (3, 2, True),
        (0, 0, False),
    ],
)
def test_committee_needs_more_than_half_of_all_members_present(total, present, met):
    assert quorum_met(kind=CM, members_total=total, present=present) is met


@pytest.mark.parametrize(
    ("total", "present", "personnel", "met"),
    [
        # Ordinary topics: more than half.
        (7, 3, False, False),
        (7, 4, False, True),
        (8, 4, False, False),
        (8, 5, False, True),
        # Personnel topics: at least two thirds (7 × 2/3 = 4.67 → 5).
        (7, 4, True, False),
        (7, 5, True, True),
        (9, 5, True, False),
        (9, 6, True, True),  # exactly two thirds is enough
        (6, 3, True, False),
        (6, 4, True, True),
    ],
)
def test_party_group_quorum_and_the_two_thirds_rule(total, present, personnel, met):
    assert (
        quorum_met(kind=PG, members_total=total, present=present, personnel=personnel)
        is met
    )


def test_quorum_needed_is_the_smallest_number_that_meets_it():
    for total in range(1, 16):
        for kind, personnel in [(CM, False), (PG, False), (PG, True)]:
            needed = quorum_needed(kind=kind, members_total=total, personnel=personnel)
            assert quorum_met(
                kind=kind, members_total=total, present=needed, personnel=personnel
            )
            assert not quorum_met(
                kind=kind, members_total=total, present=needed - 1, personnel=personnel
            )


def test_the_office_meeting_has_no_quorum():
    assert quorum_met(kind=OF, members_total=25, present=1)
    with pytest.raises(ValueError):
        vote_outcome(kind=OF, members_total=25, agree=25)


@pytest.mark.parametrize(
    ("total", "agree", "passed"),
    [
        (9, 4, False),
        (9, 5, True),
        (11, 5, False),
        (11, 6, True),
        (7, 3, False),
        (7, 4, True),
    ],
)
def test_committee_passes_only_with_more_than_half_of_all_members(total, agree, passed):
    outcome = vote_outcome(kind=CM, members_total=total, agree=agree)
    assert outcome.passed is passed
    assert outcome.denominator == total


def test_committee_four_of_seven_present_is_still_four_of_nine():
    """A majority of those present is not enough: 4 of 9 fails even when only 7
    attend and 4 of those 7 agree."""
    outcome = vote_outcome(kind=CM, members_total=9, agree=4, disagree=3)
    assert not outcome.passed
    assert outcome.needed == 5


def test_committee_recusal_does_not_lower_the_bar():
    outcome = vote_outcome(kind=CM, members_total=9, recused=2, agree=4)
    assert not outcome.passed and outcome.denominator == 9


@pytest.mark.parametrize(
    ("total", "recused", "agree", "passed"),
    [
        (7, 0, 3, False),
        (7, 0, 4, True),
        # One recused: six should attend, so 3 is half, not more than half.
        (7, 1, 3, False),
        (7, 1, 4, True),
        (8, 1, 4, True),  # seven should attend: 4 > 3.5
        (8, 0, 4, False),
    ],
)
def test_party_group_more_than_half_of_those_who_should_attend(
    total, recused, agree, passed
):
    outcome = vote_outcome(kind=PG, members_total=total, recused=recused, agree=agree)
    assert outcome.passed is passed
    assert outcome.denominator == total - recused


def test_personnel_topic_is_postponed_when_postpone_outweighs_disagree():
    postponed = vote_outcome(
        kind=PG, members_total=7, agree=2, disagree=1, postpone=2, personnel=True
    )
    assert not postponed.passed and postponed.postponed
    tie = vote_outcome(
        kind=PG, members_total=7, agree=2, disagree=2, postpone=2, personnel=True
    )
    assert not tie.passed and not tie.postponed
    passed = vote_outcome(
        kind=PG, members_total=7, agree=4, disagree=0, postpone=3, personnel=True
    )
    assert passed.passed and not passed.postponed


def test_overlap_is_shared_over_the_larger_body():
    """The essay's house: party group 7, committee = 7 + 1 + 3 = 11, office
    meeting = 7 + 18 = 25."""
    party_group = set(range(7))
    committee = party_group | {"full-time"} | {"head0", "head1", "head2"}
    office = party_group | {f"head{i}" for i in range(18)}
    pg_cm = overlap(party_group, committee)
    assert (pg_cm.shared, pg_cm.larger) == (7, 11)
    assert str(pg_cm.percent) == "63.6"  # 7/11 = 63.636…%
    assert str(pg_cm.percent_rounded_up) == "63.7"  # the essay's figure
    pg_of = overlap(party_group, office)
    assert (pg_of.shared, pg_of.larger, str(pg_of.percent)) == (7, 25, "28.0")
    cm_of = overlap(committee, office)
    assert (cm_of.shared, cm_of.larger, str(cm_of.percent)) == (10, 25, "40.0")
    assert str(cm_of.percent_rounded_up) == "40.0"


def test_overlap_of_empty_bodies_is_zero():
    assert overlap([], []).ratio == 0
