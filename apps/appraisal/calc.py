"""The arithmetic of appraisal scores, free of the database.

Everything is a percentage on a 100 scale and a `Decimal`, so the numbers on a
breakdown page add up exactly to the totals shown beside them.

- completion ratio: how far the actual value got towards the target value,
  turned round for "lower is better" targets;
- achievement: the ratio passed through the cycle's curve and cap;
- weighted roll-up: a score is the weighted mean of its targets'
  achievements, each weight being the target's share of the whole plan
  (goal weight × target weight × credit share), so departments that carry
  few or many targets are scored on the same scale;
- normalisation: totals are compared only within a comparable group
  (business vs comprehensive departments; leaders, middle managers, staff)
  by rank, by ratio to the group mean, or by z-score.
"""

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0")
HUNDRED = Decimal("100")
CENT = Decimal("0.01")


def q2(value):
    """Round to two places the way people round on paper (half up)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ScoringRules:
    """The cycle's scoring rules, as the run snapshot stores them."""

    curve: str = "linear"
    floor_percent: Decimal = Decimal("60")
    excess_factor: Decimal = Decimal("0.5")
    cap_percent: Decimal = Decimal("120")
    normalisation: str = "ratio"
    department_share: Decimal = Decimal("30")
    special_task_cap: Decimal = Decimal("10")
    award_departments: int = 1
    award_individual_percent: Decimal = Decimal("15")

    def as_json(self):
        return {
            key: str(value) if isinstance(value, Decimal) else value
            for key, value in self.__dict__.items()
        }

    @classmethod
    def from_json(cls, data):
        kwargs = {}
        for key, default in cls().__dict__.items():
            if key in data:
                value = data[key]
                kwargs[key] = Decimal(value) if isinstance(default, Decimal) else value
        return cls(**kwargs)


def rate_value(numerator, denominator):
    """A rate in percent from its numerator and denominator."""
    if denominator is None or numerator is None or denominator <= 0:
        return None
    return Decimal(numerator) * HUNDRED / Decimal(denominator)


def completion_ratio(*, target_value, actual, lower_is_better, cap_percent):
    """How complete the target is, in percent (100 = exactly on target).

    Lower-is-better targets (e.g. 不捕率 no higher than 5%) invert the ratio.
    Reaching zero where the target allows more is the best result possible,
    so it is worth the cap.
    """
    target_value, actual = Decimal(target_value), Decimal(actual)
    if not lower_is_better:
        if target_value <= 0:
            return HUNDRED if actual >= target_value else ZERO
        return max(ZERO, actual * HUNDRED / target_value)
    if actual <= 0:
        return Decimal(cap_percent) if target_value > 0 else HUNDRED
    if target_value <= 0:
        return ZERO
    return target_value * HUNDRED / actual


def curve_value(ratio, rules):
    """Pass a completion ratio through the curve (before the cap)."""
    ratio = Decimal(ratio)
    if rules.curve == "threshold" and ratio < rules.floor_percent:
        return ZERO
    if rules.curve == "diminishing" and ratio > HUNDRED:
        return HUNDRED + (ratio - HUNDRED) * rules.excess_factor
    return max(ratio, ZERO)


def achievement_from_ratio(ratio, rules):
    """Pass a completion ratio through the curve and the cap."""
    return min(curve_value(ratio, rules), rules.cap_percent)


def mean_points(points):
    """The mean of the reviewers' grade points (qualitative achievement)."""
    points = [Decimal(p) for p in points]
    if not points:
        return None
    return sum(points, ZERO) / len(points)


@dataclass
class Line:
    """One target's part in a score: its achievement and its effective weight."""

    key: object
    achievement: Decimal
    effective_weight: Decimal


def weighted_mean(lines):
    """Return (score, [(line, weight fraction %, contribution)]) of `lines`.

    Exempted targets are simply not among the lines: their weight spreads
    over the remaining targets instead of counting as a zero.
    """
    total_weight = sum((line.effective_weight for line in lines), ZERO)
    if total_weight <= 0:
        return None, []
    parts = []
    for line in lines:
        fraction = line.effective_weight * HUNDRED / total_weight
        parts.append((line, fraction, fraction * line.achievement / HUNDRED))
    score = sum((contribution for _, _, contribution in parts), ZERO)
    return score, parts


def competition_ranks(values):
    """Rank `values` (key → number), highest first; ties share a rank (1, 2, 2, 4)."""
    ordered = sorted(values.items(), key=lambda item: item[1], reverse=True)
    ranks = {}
    previous, previous_rank = None, 0
    for position, (key, value) in enumerate(ordered, start=1):
        if value != previous:
            previous, previous_rank = value, position
        ranks[key] = previous_rank
    return ranks


@dataclass(frozen=True)
class GroupStats:
    size: int
    mean: Decimal
    std: Decimal


def group_stats(values):
    numbers = [Decimal(v) for v in values]
    if not numbers:
        return GroupStats(0, ZERO, ZERO)
    mean = sum(numbers, ZERO) / len(numbers)
    variance = sum(((v - mean) ** 2 for v in numbers), ZERO) / len(numbers)
    return GroupStats(len(numbers), mean, variance.sqrt())


def normalise(values, method):
    """Normalise totals within one comparable group.

    Returns (key → (normalised, rank), stats). All three methods put the
    group on a scale where 100 means "as good as the group's typical member":
    - rank: 100 × (n − rank + 1) / n, so the best of n scores 100;
    - ratio: 100 × total / group mean;
    - zscore: 100 + 10 × (total − mean) / standard deviation.
    """
    stats = group_stats(values.values())
    ranks = competition_ranks(values)
    result = {}
    for key, value in values.items():
        value = Decimal(value)
        if method == "rank":
            normalised = HUNDRED * (stats.size - ranks[key] + 1) / stats.size
        elif method == "ratio":
            normalised = value * HUNDRED / stats.mean if stats.mean > 0 else HUNDRED
        elif method == "zscore":
            z = (value - stats.mean) / stats.std if stats.std > 0 else ZERO
            normalised = HUNDRED + 10 * z
        else:
            raise ValueError(f"unknown normalisation method: {method}")
        result[key] = (normalised, ranks[key])
    return result, stats


def award_cutoff_count(size, percent):
    """How many of a group of `size` may be award candidates (at least one)."""
    if size == 0 or percent <= 0:
        return 0
    return max(1, math.floor(size * Decimal(percent) / HUNDRED))


def special_credit(tasks, cap):
    """Credit from approved special tasks: points × completion, capped in total.

    `tasks` is a list of (points, completion %) pairs. Returns (credit, lines)
    where each line is (points, completion, earned).
    """
    lines = []
    for points, completion in tasks:
        completion = min(Decimal(completion or 0), HUNDRED)
        lines.append((Decimal(points), completion, Decimal(points) * completion / 100))
    earned = sum((line[2] for line in lines), ZERO)
    return min(earned, Decimal(cap)), lines


def planned_value(*, target_value, plan_percent, is_rate):
    """What a target should show by a checkpoint.

    A rate is held to its value all year; a count grows with the plan (a
    quarter of the yearly count by the first quarter, and so on).
    """
    target_value = Decimal(target_value)
    if is_rate:
        return target_value
    return target_value * Decimal(plan_percent) / HUNDRED


def behind_plan(*, actual, planned, lower_is_better, margin_percent):
    """True when `actual` misses `planned` by more than the margin."""
    actual, planned = Decimal(actual), Decimal(planned)
    margin = Decimal(margin_percent) / HUNDRED
    if lower_is_better:
        return actual > planned * (1 + margin)
    return actual < planned * (1 - margin)


def elapsed_percent(start, end, day):
    """How much of the period start..end has passed by `day`, in percent."""
    length = (end - start).days
    if length <= 0:
        return HUNDRED if day >= end else ZERO
    passed = min(max((day - start).days, 0), length)
    return Decimal(passed) * HUNDRED / length
