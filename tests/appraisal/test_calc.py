"""The arithmetic alone: ratios, curves, caps, normalisation, ranks."""

from decimal import Decimal as D
from types import SimpleNamespace

import pytest

from apps.appraisal import calc


def rules(**kw):
    return calc.ScoringRules(**kw)


@pytest.mark.parametrize(
    ("target", "actual", "lower", "expected"),
    [
        (100, 110, False, D("110")),
        (100, 0, False, D("0")),
        (10, 8, True, D("125")),
        (10, 20, True, D("50")),
        (10, 0, True, D("120")),  # zero where up to 10 was allowed: the best
        (0, 0, True, D("100")),  # a zero ceiling met
        (0, 1, True, D("0")),  # a zero ceiling missed
    ],
)
def test_completion_ratio(target, actual, lower, expected):
    assert (
        calc.completion_ratio(
            target_value=target, actual=actual, lower_is_better=lower, cap_percent=120
        )
        == expected
    )


def test_curves_and_cap():
    assert calc.achievement_from_ratio(D("130"), rules()) == D("120")
    assert calc.achievement_from_ratio(D("59"), rules(curve="threshold")) == 0
    assert calc.achievement_from_ratio(D("60"), rules(curve="threshold")) == D("60")
    assert calc.achievement_from_ratio(D("140"), rules(curve="diminishing")) == D("120")
    assert calc.achievement_from_ratio(D("110"), rules(curve="diminishing")) == D("105")


def test_weighted_mean_spreads_the_weight_of_missing_lines():
    score, parts = calc.weighted_mean(
        [calc.Line("a", D("100"), D("30")), calc.Line("b", D("50"), D("10"))]
    )
    assert score == D("87.5")
    assert [p[1] for p in parts] == [D("75"), D("25")]
    assert calc.weighted_mean([]) == (None, [])


def test_competition_ranks_share_ties():
    assert calc.competition_ranks({"a": 9, "b": 7, "c": 9, "d": 1}) == {
        "a": 1,
        "c": 1,
        "b": 3,
        "d": 4,
    }


def test_normalise_methods():
    values = {"a": D("120"), "b": D("100"), "c": D("80")}
    ratio, stats = calc.normalise(values, "ratio")
    assert stats.mean == D("100") and ratio["a"] == (D("120"), 1)
    rank, _ = calc.normalise(values, "rank")
    assert [rank[k][0] for k in "abc"] == [D("100"), D("200") / 3, D("100") / 3]
    z, stats = calc.normalise(values, "zscore")
    assert z["b"][0] == D("100") and z["a"][0] > D("112") and z["c"][0] < D("88")
    with pytest.raises(ValueError):
        calc.normalise(values, "nonsense")


def test_award_cutoff():
    assert calc.award_cutoff_count(0, 15) == 0
    assert calc.award_cutoff_count(3, 15) == 1
    assert calc.award_cutoff_count(20, 15) == 3


def test_special_credit_counts_completion_and_caps():
    credit, lines = calc.special_credit([(D("6"), D("50")), (D("8"), D("120"))], 10)
    assert credit == D("10") and lines[1][2] == D("8")


def test_planned_value_and_behind():
    assert calc.planned_value(target_value=100, plan_percent=25, is_rate=False) == 25
    assert calc.planned_value(target_value=10, plan_percent=25, is_rate=True) == 10
    assert (
        calc.behind_plan(
            actual=22, planned=25, lower_is_better=False, margin_percent=10
        )
        is True
    )
    assert (
        calc.behind_plan(
            actual=23, planned=25, lower_is_better=False, margin_percent=10
        )
        is False
    )
    assert (
        calc.behind_plan(actual=12, planned=10, lower_is_better=True, margin_percent=10)
        is True
    )


def test_rules_round_trip_through_json():
    r = rules(curve="threshold", cap_percent=D("110"))
    assert calc.ScoringRules.from_json(r.as_json()) == r


# ------------------------------------------------ the steps of a run
def shares(*rows):
    return SimpleNamespace(
        all=lambda: [SimpleNamespace(department_id=d, share=D(s)) for d, s in rows]
    )


def target(pk, level, **kw):
    defaults = {
        "pk": pk,
        "level": level,
        "measure": "quantitative",
        "is_rate": False,
        "is_exempt": False,
        "direction": "higher",
        "unit": "件",
        "parent_id": None,
        "staff_id": None,
        "staff": None,
        "department_id": None,
        "tier": "middle",
        "weight": D("100"),
        "target_value": D("100"),
        "shares": shares(),
    }
    return SimpleNamespace(**{**defaults, **kw})


def report(pk, actual):
    return SimpleNamespace(
        pk=pk,
        actual_value=D(actual),
        numerator=None,
        denominator=None,
        checkpoint=SimpleNamespace(name="第四季度"),
    )


def test_the_steps_of_a_run_need_no_database():
    """A shared target credits both departments; a person adds their share."""
    goal = target(1, "procuratorate", weight=D("100"))
    shared = target(
        2,
        "department",
        parent_id=1,
        parent=goal,
        department_id=10,
        shares=shares((10, "80"), (20, "20")),
    )
    person = SimpleNamespace(pk=7, department_id=10)
    own = target(
        3,
        "individual",
        parent_id=2,
        department_id=10,
        staff_id=7,
        staff=person,
        tier="staff",
        target_value=D("50"),
    )
    targets = [goal, shared, own]
    latest = {2: report(1, "110"), 3: report(2, "40")}
    scores = calc.target_achievements(targets, latest, {}, rules())
    assert scores[2].achievement == D("110.00") and scores[3].achievement == 80
    assert scores[1].achievement == D("110.00")  # the goal rolls its target up
    departments, weights = calc.department_outcomes(
        targets=targets,
        scores=scores,
        tasks=[],
        task_completion={},
        kinds={10: "business", 20: "business"},
        rules=rules(),
    )
    assert weights == {(2, 10): D("80"), (2, 20): D("20")}
    assert {k: o.target_score for k, o in departments.items()} == {
        10: D("110"),
        20: D("110"),
    }
    assert all(o.normalised == 100 and o.rank == 1 for o in departments.values())
    people = calc.individual_outcomes(
        targets=targets,
        scores=scores,
        weights=weights,
        departments=departments,
        tasks=[],
        task_completion={},
        rules=rules(),
    )
    # (80 own) × 70% + the department's normalised 100 × 30% = 86.
    assert people[7].total == D("86") and people[7].department_score == 100
