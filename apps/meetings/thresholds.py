"""The counting rules of the three meetings, as plain arithmetic on whole numbers.

Kept free of the ORM so that every boundary can be tested with bare numbers;
the services feed them the counts of one agenda item. Integers only: "more than
half" is `2 * n > total`, "at least two thirds" is `3 * n >= 2 * total`, so no
rounding ever decides a vote.
"""

from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from .models import BodyKind


def more_than_half(count, total):
    return 2 * count > total


def at_least_two_thirds(count, total):
    return 3 * count >= 2 * total


def quorum_met(*, kind, members_total, present, personnel=False):
    """Whether enough members take part for the body to decide this topic.

    Committee: more than half of ALL members present. Party group: more than
    half, and at least two thirds for a personnel topic. The office meeting has
    no quorum: the procurator-general decides after discussion.
    """
    if kind == BodyKind.OFFICE:
        return True
    if members_total <= 0:
        return False
    if kind == BodyKind.PARTY_GROUP and personnel:
        return at_least_two_thirds(present, members_total)
    return more_than_half(present, members_total)


def quorum_needed(*, kind, members_total, personnel=False):
    """The smallest number of members taking part that meets the quorum."""
    if kind == BodyKind.OFFICE:
        return 0
    if kind == BodyKind.PARTY_GROUP and personnel:
        return -(-2 * members_total // 3)  # ceil(2n/3)
    return members_total // 2 + 1


def votes_needed(*, members_total):
    """Agreeing votes needed: more than half of the denominator."""
    return members_total // 2 + 1


@dataclass(frozen=True)
class Outcome:
    passed: bool
    postponed: bool
    denominator: int
    needed: int


def vote_outcome(
    *,
    kind,
    members_total,
    recused=0,
    agree,
    disagree=0,
    postpone=0,
    personnel=False,
):
    """Count a vote.

    Committee ("两个过半数"): passes only with more than half of ALL members
    agreeing — those absent or recused count against it. Party group: more than
    half of the members who should attend, i.e. all members except those who
    recused on this topic. A personnel topic that does not pass is postponed
    when more members voted to postpone than to disagree.
    """
    if kind == BodyKind.COMMITTEE:
        denominator = members_total
    elif kind == BodyKind.PARTY_GROUP:
        denominator = members_total - recused
    else:
        raise ValueError("The office meeting does not vote.")
    passed = denominator > 0 and more_than_half(agree, denominator)
    postponed = (
        not passed
        and kind == BodyKind.PARTY_GROUP
        and personnel
        and postpone > disagree
    )
    return Outcome(
        passed=passed,
        postponed=postponed,
        denominator=denominator,
        needed=votes_needed(members_total=denominator),
    )


@dataclass(frozen=True)
class Overlap:
    """How far two bodies share members: shared ÷ members of the larger body."""

    shared: int
    larger: int

    @property
    def ratio(self):
        if not self.larger:
            return Decimal(0)
        return Decimal(self.shared) / Decimal(self.larger)

    @property
    def percent(self):
        """Percentage to one decimal, rounded half up (7/11 → 63.6)."""
        return (self.ratio * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def percent_rounded_up(self):
        """Percentage to one decimal, rounded up: the essay's 63.7 for 7/11."""
        return (self.ratio * 100).quantize(Decimal("0.1"), rounding=ROUND_CEILING)


def overlap(members_a, members_b):
    """The overlap of two sets of members (any hashable ids)."""
    a, b = set(members_a), set(members_b)
    return Overlap(shared=len(a & b), larger=max(len(a), len(b)))
