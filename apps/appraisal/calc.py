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
from collections import defaultdict
from dataclasses import dataclass, field
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


# ------------------------------------------------- a run, step by step
# The score computation (``services/computation.py``) loads the cycle's data,
# then passes it through the three steps below, then stores what they return.
# The steps read the loaded objects' attributes only (related rows are
# prefetched), so they never touch the database.
#
# Rounding happens where the stored figure is made, and the later steps use
# the stored (rounded) figures, so every breakdown adds up to what it shows.

PROCURATORATE, DEPARTMENT, INDIVIDUAL = "procuratorate", "department", "individual"


@dataclass
class Achievement:
    """One target's score in a run, rounded as it is stored."""

    target: object
    exempt: bool = False
    actual: Decimal | None = None
    ratio: Decimal | None = None
    achievement: Decimal | None = None
    detail: dict = field(default_factory=dict)


@dataclass
class Outcome:
    """A department's or a person's result before it is stored.

    ``parts`` are the weighted lines of its score (see ``weighted_mean``);
    ``entries`` are its targets with their share and effective weight.
    """

    key: object
    group: str
    target_score: Decimal
    credit: Decimal
    total: Decimal
    parts: list
    entries: list
    detail: dict
    normalised: Decimal | None = None
    rank: int | None = None
    group_size: int | None = None
    award_candidate: bool = False
    department: "Outcome | None" = None
    department_score: Decimal = ZERO
    department_share: Decimal = ZERO


def leaf_achievement(target, report, grades, rules):
    """Return (actual, ratio, achievement, detail) for one leaf target."""
    if target.measure == "qualitative":
        mean = mean_points([g.points for g in grades])
        detail = {
            "kind": "grades",
            "grades": [
                {
                    "reviewer": str(g.reviewer),
                    "grade": g.grade,
                    "points": str(g.points),
                    "comment": g.comment,
                }
                for g in grades
            ],
        }
        return None, mean, min(mean, rules.cap_percent), detail
    if target.is_rate:
        actual = rate_value(report.numerator, report.denominator)
    else:
        actual = report.actual_value
    ratio = completion_ratio(
        target_value=target.target_value,
        actual=actual,
        lower_is_better=target.direction == "lower",
        cap_percent=rules.cap_percent,
    )
    achievement = achievement_from_ratio(ratio, rules)
    detail = {
        "kind": "report",
        "report": report.pk,
        "checkpoint": report.checkpoint.name,
        "target_value": str(target.target_value),
        "unit": target.unit,
        "direction": target.direction,
        "numerator": str(report.numerator) if report.numerator is not None else None,
        "denominator": str(report.denominator)
        if report.denominator is not None
        else None,
        "curve": rules.curve,
        "capped": curve_value(ratio, rules) > rules.cap_percent,
    }
    return actual, ratio, achievement, detail


def target_achievements(targets, latest, grades, rules):
    """Step 1: each leaf target's achievement, then the goals' roll-ups.

    ``latest`` maps a target id to its latest report, ``grades`` to its
    reviewers' grades. Returns target id → Achievement (leaves first).
    """
    scores = {}
    for target in targets:
        if target.level == PROCURATORATE:
            continue
        if target.is_exempt:
            scores[target.pk] = Achievement(
                target,
                exempt=True,
                detail={"kind": "exempt", "reason": target.exemption_reason},
            )
            continue
        actual, ratio, achievement, detail = leaf_achievement(
            target, latest.get(target.pk), grades.get(target.pk, []), rules
        )
        scores[target.pk] = Achievement(
            target,
            actual=q2(actual) if actual is not None else None,
            ratio=q2(ratio),
            achievement=q2(achievement),
            detail=detail,
        )
    children = defaultdict(list)
    for target in targets:
        if target.level == DEPARTMENT:
            children[target.parent_id].append(target)
    for goal in (t for t in targets if t.level == PROCURATORATE):
        lines = [
            Line(c.pk, scores[c.pk].achievement, c.weight)
            for c in children[goal.pk]
            if not scores[c.pk].exempt
        ]
        value, _parts = weighted_mean(lines)
        scores[goal.pk] = Achievement(
            goal,
            achievement=q2(value) if value is not None else None,
            detail={"kind": "rollup", "children": len(lines)},
        )
    return scores


def special_task_credit(tasks, completion, cap):
    """Credit from ``tasks`` (approved special tasks) and its detail lines."""
    credit, lines = special_credit(
        [(t.credit_points, completion.get(t.pk, ZERO)) for t in tasks], cap
    )
    detail = [
        {
            "id": task.pk,
            "title": task.title,
            "points": str(points),
            "completion": str(done),
            "earned": str(q2(earned)),
        }
        for task, (points, done, earned) in zip(tasks, lines, strict=True)
    ]
    return credit, detail


def _normalise_groups(outcomes, rules, award):
    """Normalise the outcomes' totals within each group; ``award(size)`` cuts."""
    groups = defaultdict(dict)
    for key, outcome in outcomes.items():
        groups[outcome.group][key] = outcome.total
    for totals in groups.values():
        normalised, stats = normalise(totals, rules.normalisation)
        cutoff = award(stats.size)
        for key, (value, rank) in normalised.items():
            outcome = outcomes[key]
            outcome.normalised, outcome.rank = value, rank
            outcome.group_size = stats.size
            outcome.award_candidate = rank <= cutoff
            outcome.detail.update(
                {
                    "method": rules.normalisation,
                    "group_mean": str(q2(stats.mean)),
                    "group_std": str(q2(stats.std)),
                }
            )


def department_outcomes(*, targets, scores, tasks, task_completion, kinds, rules):
    """Step 2: each department's result, normalised within its kind.

    A department's lines are its shares of department targets, each weighing
    goal weight × target weight × share. ``kinds`` maps a department id to
    its comparable group. Returns (department id → Outcome, weights) where
    weights maps (target id, department id) to that effective weight.
    """
    lines = defaultdict(list)  # department id → [(target, share, weight)]
    weights = {}
    for target in targets:
        if target.level != DEPARTMENT:
            continue
        goal_weight = target.parent.weight
        for share in target.shares.all():
            weight = goal_weight * target.weight * share.share / Decimal(10000)
            weights[(target.pk, share.department_id)] = weight
            lines[share.department_id].append((target, share.share, weight))
    outcomes = {}
    for department_id, entries in lines.items():
        scored = [
            Line(t.pk, scores[t.pk].achievement, w)
            for t, _share, w in entries
            if not scores[t.pk].exempt
        ]
        value, parts = weighted_mean(scored)
        if value is None:
            continue  # everything exempted: nothing to rank the department on
        credit, task_detail = special_task_credit(
            [t for t in tasks if t.department_id == department_id],
            task_completion,
            rules.special_task_cap,
        )
        outcomes[department_id] = Outcome(
            key=department_id,
            group=kinds[department_id],
            target_score=value,
            credit=credit,
            total=value + credit,
            parts=parts,
            entries=entries,
            detail={"special_tasks": task_detail},
        )
    _normalise_groups(outcomes, rules, lambda size: rules.award_departments)
    return outcomes, weights


def individual_outcomes(
    *, targets, scores, weights, departments, tasks, task_completion, rules
):
    """Step 3: each person's result: own targets, tasks, the department's share.

    A staff target weighs its department target's effective weight for the
    department × its own weight. The department's part is its normalised
    score as stored (rounded). People are normalised within their tier.
    """
    lines = defaultdict(list)  # staff id → [(target, weight)]
    staff = {}
    for target in targets:
        if target.staff_id:
            staff[target.staff_id] = target.staff
        if target.level != INDIVIDUAL:
            continue
        parent_weight = weights.get((target.parent_id, target.department_id), ZERO)
        lines[target.staff_id].append((target, parent_weight * target.weight / HUNDRED))
    outcomes = {}
    for staff_id, entries in lines.items():
        scored = [
            Line(t.pk, scores[t.pk].achievement, w)
            for t, w in entries
            if not scores[t.pk].exempt
        ]
        value, parts = weighted_mean(scored)
        if value is None:
            continue
        person = staff[staff_id]
        credit, task_detail = special_task_credit(
            [t for t in tasks if person.pk in {p.pk for p in t.participants.all()}],
            task_completion,
            rules.special_task_cap,
        )
        department = departments.get(person.department_id)
        share = rules.department_share if department else ZERO
        department_score = q2(department.normalised) if department else ZERO
        total = (value + credit) * (HUNDRED - share) / HUNDRED + (
            department_score * share / HUNDRED
        )
        outcomes[staff_id] = Outcome(
            key=staff_id,
            group=entries[0][0].tier,
            target_score=value,
            credit=credit,
            total=total,
            parts=parts,
            entries=entries,
            detail={"special_tasks": task_detail},
            department=department,
            department_score=department_score,
            department_share=share,
        )
    _normalise_groups(
        outcomes,
        rules,
        lambda size: award_cutoff_count(size, rules.award_individual_percent),
    )
    return outcomes
