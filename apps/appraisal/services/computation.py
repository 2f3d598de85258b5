"""One score run, computed: load → achievements → departments → people → persist.

The three middle steps are pure arithmetic in ``calc``; this module reads
the cycle's data once and writes the run's rows once. Every row keeps the
numbers it came from, so any score can be followed back to a report, a
grade or an exemption.
"""

from collections import defaultdict
from dataclasses import dataclass

from apps.core.models import Department

from .. import calc
from ..models import (
    DepartmentResult,
    IndividualResult,
    ProgressReport,
    QualitativeGrade,
    ScoreLine,
    SpecialTask,
    Target,
    TargetScore,
)

ZERO = calc.ZERO


@dataclass
class Inputs:
    """What a run is computed from, read once."""

    targets: list
    latest: dict  # target id → its latest progress report
    grades: dict  # target id → its reviewers' grades
    tasks: list  # approved special tasks
    task_completion: dict  # task id → latest reported completion
    kinds: dict  # department id → its comparable group


def run_compute(run):
    """Write the run's target scores, results and lines (see calc for the rules)."""
    rules = calc.ScoringRules.from_json(run.rules)
    data = load(run.cycle)
    scores = calc.target_achievements(data.targets, data.latest, data.grades, rules)
    departments, weights = calc.department_outcomes(
        targets=data.targets,
        scores=scores,
        tasks=data.tasks,
        task_completion=data.task_completion,
        kinds=data.kinds,
        rules=rules,
    )
    people = calc.individual_outcomes(
        targets=data.targets,
        scores=scores,
        weights=weights,
        departments=departments,
        tasks=data.tasks,
        task_completion=data.task_completion,
        rules=rules,
    )
    persist(run, scores, departments, people)


def load(cycle):
    """Read the cycle's approved targets, latest reports, grades and tasks."""
    targets = list(
        Target.objects.filter(cycle=cycle, status=Target.Status.APPROVED)
        .select_related("parent", "staff", "department")
        .prefetch_related("shares")
    )
    latest = {}
    for report in (
        ProgressReport.objects.filter(cycle=cycle, target__isnull=False)
        .select_related("checkpoint")
        .order_by("checkpoint__due_date", "id")
    ):
        latest[report.target_id] = report  # the last checkpoint reported wins
    grades = defaultdict(list)
    for grade in QualitativeGrade.objects.filter(cycle=cycle).select_related(
        "reviewer__staff"
    ):
        grades[grade.target_id].append(grade)
    tasks = list(
        SpecialTask.objects.filter(cycle=cycle, status=SpecialTask.Status.APPROVED)
        .prefetch_related("participants")
        .order_by("pk")
    )
    task_completion = {}
    for report in ProgressReport.objects.filter(
        cycle=cycle, special_task__in=tasks
    ).order_by("checkpoint__due_date", "id"):
        task_completion[report.special_task_id] = report.percent_complete
    kinds = dict(
        Department.objects.filter(procuratorate_id=cycle.procuratorate_id).values_list(
            "pk", "kind"
        )
    )
    return Inputs(targets, latest, grades, tasks, task_completion, kinds)


def _by_group(outcomes):
    """The outcomes group by group (groups in order of first appearance)."""
    groups = list(dict.fromkeys(o.group for o in outcomes.values()))
    return [o for group in groups for o in outcomes.values() if o.group == group]


def _ranked(run, cycle, outcome):
    """The fields a department's and a staff member's result share."""
    return {
        "procuratorate_id": cycle.procuratorate_id,
        "run": run,
        "cycle": cycle,
        "group": outcome.group,
        "target_score": calc.q2(outcome.target_score),
        "special_credit": calc.q2(outcome.credit),
        "total": calc.q2(outcome.total),
        "normalised": calc.q2(outcome.normalised),
        "rank": outcome.rank,
        "group_size": outcome.group_size,
        "award_candidate": outcome.award_candidate,
        "detail": outcome.detail,
    }


def persist(run, scores, departments, people):
    """Store the run's target scores, results and score lines."""
    cycle = run.cycle
    stored = {
        pk: TargetScore(
            run=run,
            cycle=cycle,
            target=score.target,
            exempt=score.exempt,
            actual=score.actual,
            ratio=score.ratio,
            achievement=score.achievement,
            detail=score.detail,
        )
        for pk, score in scores.items()
    }
    TargetScore.objects.bulk_create(stored.values())

    department_rows = {
        o.key: DepartmentResult(department_id=o.key, **_ranked(run, cycle, o))
        for o in _by_group(departments)
    }
    DepartmentResult.objects.bulk_create(department_rows.values())
    lines = []
    for key, outcome in departments.items():
        result = department_rows[key]
        shares = {t.pk: share for t, share, _w in outcome.entries}
        lines += _lines(run, stored, outcome.parts, shares, department_result=result)
        for target, share, _w in outcome.entries:
            if stored[target.pk].exempt:
                lines.append(_exempt_line(run, stored[target.pk], share, result))

    people_rows = {
        o.key: IndividualResult(
            staff_id=o.key,
            department_id=o.entries[0][0].staff.department_id,
            department_result=department_rows[o.department.key]
            if o.department
            else None,
            department_score=calc.q2(o.department_score),
            department_share=o.department_share,
            **_ranked(run, cycle, o),
        )
        for o in _by_group(people)
    }
    IndividualResult.objects.bulk_create(people_rows.values())
    for key, outcome in people.items():
        result = people_rows[key]
        shares = {t.pk: calc.HUNDRED for t, _w in outcome.entries}
        lines += _lines(run, stored, outcome.parts, shares, individual_result=result)
        for target, _w in outcome.entries:
            if stored[target.pk].exempt:
                lines.append(
                    _exempt_line(run, stored[target.pk], calc.HUNDRED, None, result)
                )
    ScoreLine.objects.bulk_create(lines)


def _lines(run, stored, parts, shares, **owner):
    return [
        ScoreLine(
            run=run,
            cycle_id=run.cycle_id,
            target_score=stored[line.key],
            share=shares[line.key],
            effective_weight=line.effective_weight,
            weight_fraction=calc.q2(fraction),
            contribution=calc.q2(contribution),
            **owner,
        )
        for line, fraction, contribution in parts
    ]


def _exempt_line(run, score, share, department_result, individual_result=None):
    """An exempted target shows in the breakdown with no weight and no points."""
    return ScoreLine(
        run=run,
        cycle_id=run.cycle_id,
        department_result=department_result,
        individual_result=individual_result,
        target_score=score,
        share=share,
        effective_weight=ZERO,
        weight_fraction=ZERO,
        contribution=ZERO,
    )
