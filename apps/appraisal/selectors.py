"""Reads for the appraisal pages, scoped to the user's procuratorate.

Pages of many rows (plans, rankings, breakdowns, the board) run a fixed
number of queries whatever the number of departments, staff and targets.
"""

from collections import defaultdict

from django.db.models import Count, Prefetch, Q, Sum
from django.http import Http404

from apps.core.models import Role
from apps.core.scoping import get_scoped_or_404, scope_to_procuratorate

from .models import (
    Checkpoint,
    Cycle,
    DepartmentPlan,
    DepartmentResult,
    Indicator,
    IndividualResult,
    ProgressComment,
    ProgressReport,
    QualitativeGrade,
    ScoreLine,
    ScoreRun,
    SpecialTask,
    Target,
    TargetAdjustment,
    TargetScore,
    TargetShare,
    TargetTemplate,
)
from .services.scoring import targets_to_grade


def _deny_unless(user, perm, obj):
    # A record the user may not see is simply not there (no 403 to confirm it).
    if not user.has_perm(perm, obj):
        raise Http404


def cycle_list(*, user):
    return scope_to_procuratorate(Cycle.objects.all(), user).annotate(
        plan_count=Count("plans", distinct=True),
        approved_plans=Count(
            "plans",
            filter=Q(plans__status=DepartmentPlan.Status.APPROVED),
            distinct=True,
        ),
    )


def cycle_get(*, user, pk):
    return get_scoped_or_404(Cycle.objects.all(), user, pk=pk)


def cycle_overview(*, cycle):
    """Everything the cycle page shows, in a fixed number of queries."""
    plans = list(
        cycle.plans.select_related("department").annotate(
            target_count=Count(
                "targets", filter=Q(targets__level=Target.Level.DEPARTMENT)
            ),
            staff_target_count=Count(
                "targets", filter=Q(targets__level=Target.Level.INDIVIDUAL)
            ),
        )
    )
    goals = list(
        cycle.targets.filter(level=Target.Level.PROCURATORATE)
        .annotate(
            child_weight=Sum(
                "children__weight",
                filter=Q(children__level=Target.Level.DEPARTMENT),
            ),
        )
        .order_by("code")
    )
    runs = list(cycle.runs.select_related("requested_by__staff", "approved_by__staff"))
    return {
        "checkpoints": list(cycle.checkpoints.all()),
        "goals": goals,
        "goal_weight": sum(g.weight for g in goals),
        "plans": plans,
        "plan_counts": _count_by(plans, "status"),
        "runs": runs,
        "approved_run": next(
            (r for r in runs if r.status == ScoreRun.Status.APPROVED), None
        ),
    }


def _count_by(rows, attr):
    counts = defaultdict(int)
    for row in rows:
        counts[getattr(row, attr)] += 1
    return dict(counts)


def plan_get(*, user, pk):
    return get_scoped_or_404(
        DepartmentPlan.objects.select_related("cycle", "department"), user, pk=pk
    )


def plan_targets(*, plan, user):
    """The plan's department targets (with shares) and staff targets.

    Staff targets are listed for the head, the appraisal office and
    leadership; a member of staff sees only their own.
    """
    department_targets = list(
        plan.targets.filter(level=Target.Level.DEPARTMENT)
        .select_related("parent", "indicator")
        .prefetch_related(
            Prefetch(
                "shares", queryset=TargetShare.objects.select_related("department")
            )
        )
        .order_by("parent__code", "code", "id")
    )
    staff_targets = plan.targets.filter(level=Target.Level.INDIVIDUAL).select_related(
        "parent", "staff", "indicator"
    )
    staff = user.staff
    sees_all = staff.has_role(
        Role.APPRAISAL_OFFICE, Role.PROCURATOR_GENERAL, Role.DEPUTY_PROCURATOR_GENERAL
    ) or (
        staff.has_role(Role.DEPARTMENT_HEAD)
        and staff.department_id == plan.department_id
    )
    if not sees_all:
        staff_targets = staff_targets.filter(staff=staff)
    return department_targets, list(
        staff_targets.order_by("staff__name", "parent__code", "id")
    )


def cooperating_targets(*, plan):
    """Approved targets led by other departments in which this one cooperates."""
    return list(
        Target.objects.filter(
            cycle_id=plan.cycle_id,
            level=Target.Level.DEPARTMENT,
            status=Target.Status.APPROVED,
            shares__department_id=plan.department_id,
            shares__role=TargetShare.Role.COOPERATING,
        ).select_related("department", "parent")
    )


def templates_for(*, plan):
    return list(TargetTemplate.objects.filter(department_id=plan.department_id))


def target_get(*, user, pk):
    target = get_scoped_or_404(
        Target.objects.select_related(
            "cycle", "plan", "parent", "department__deputy", "staff", "indicator"
        ),
        user,
        pk=pk,
    )
    _deny_unless(user, "appraisal.view_target", target)
    return target


def target_history(*, target):
    """Reports (with leaders' comments), adjustments, grades and children."""
    return {
        "shares": list(target.shares.select_related("department")),
        "reports": list(
            target.reports.select_related(
                "checkpoint", "reported_by__staff"
            ).prefetch_related(
                Prefetch(
                    "comments",
                    queryset=ProgressComment.objects.select_related("author__staff"),
                )
            )
        ),
        "adjustments": list(
            target.adjustments.select_related(
                "requested_by__staff", "decided_by__staff", "reviewed_by__staff"
            )
        ),
        "grades": list(target.grades.select_related("reviewer__staff")),
        "children": list(
            target.children.filter(level=Target.Level.DEPARTMENT)
            .select_related("department")
            .order_by("code", "id")
        ),
        "checkpoints": list(target.cycle.checkpoints.all()),
    }


def adjustment_get(*, user, pk):
    adjustment = get_scoped_or_404(
        TargetAdjustment.objects.select_related(
            "target__department",
            "target__cycle",
            "requested_by__staff",
            "reviewed_by__staff",
            "decided_by__staff",
        ),
        user,
        pk=pk,
    )
    _deny_unless(user, "appraisal.view_target", adjustment.target)
    return adjustment


def special_task_list(*, user, cycle=None):
    qs = scope_to_procuratorate(
        SpecialTask.objects.select_related("cycle", "department", "proposed_by__staff"),
        user,
    ).prefetch_related("participants")
    if cycle is not None:
        qs = qs.filter(cycle=cycle)
    return qs.order_by("-created_at")


def special_task_get(*, user, pk):
    return get_scoped_or_404(
        SpecialTask.objects.select_related(
            "cycle", "department__deputy", "proposed_by__staff", "decided_by__staff"
        ).prefetch_related("participants"),
        user,
        pk=pk,
    )


def report_get(*, user, pk):
    report = get_scoped_or_404(
        ProgressReport.objects.select_related(
            "cycle",
            "checkpoint",
            "target__department",
            "special_task",
            "department__deputy",
            "reported_by__staff",
            "remedied_by__staff",
        ),
        user,
        pk=pk,
    )
    if report.target_id:
        _deny_unless(user, "appraisal.view_target", report.target)
    return report


def report_comments(*, report):
    return list(report.comments.select_related("author__staff"))


def grading_list(*, user, cycle):
    """The targets the user grades, with the grade they already gave."""
    mine = {
        g.target_id: g
        for g in QualitativeGrade.objects.filter(cycle=cycle, reviewer=user)
    }
    targets = list(
        targets_to_grade(user=user, cycle=cycle)
        .select_related("department", "staff")
        .order_by("department__sort_order", "level", "code", "id")
    )
    for target in targets:
        target.my_grade = mine.get(target.pk)
    return targets


def behind_plan_reports(*, user, limit=30):
    """Reports behind plan in open cycles, for the deputy's board.

    A deputy sees the departments they oversee; the procurator-general all.
    """
    staff = user.staff
    # Staff targets behind plan are the head's business (their to-dos);
    # the board shows the departments' targets and special tasks.
    qs = ProgressReport.objects.filter(
        procuratorate_id=staff.procuratorate_id,
        cycle__status=Cycle.Status.OPEN,
        is_behind=True,
    ).exclude(target__level=Target.Level.INDIVIDUAL)
    if not staff.has_role(Role.PROCURATOR_GENERAL):
        qs = qs.filter(department__deputy=staff)
    return list(
        qs.select_related("checkpoint", "department", "target", "special_task")
        .prefetch_related(
            Prefetch(
                "comments",
                queryset=ProgressComment.objects.select_related("author__staff"),
            )
        )
        .order_by("-checkpoint__due_date", "department__sort_order")[:limit]
    )


def run_get(*, user, pk):
    run = get_scoped_or_404(
        ScoreRun.objects.select_related(
            "cycle", "requested_by__staff", "approved_by__staff"
        ),
        user,
        pk=pk,
    )
    _deny_unless(user, "appraisal.view_run", run)
    return run


def ranking_run(*, cycle):
    """The run a ranking shows: the approved one, else the latest computed."""
    runs = [
        r
        for r in cycle.runs.all()
        if r.status in (ScoreRun.Status.APPROVED, ScoreRun.Status.COMPUTED)
    ]
    approved = [r for r in runs if r.status == ScoreRun.Status.APPROVED]
    return (approved or runs or [None])[0]


def latest_ranked_cycle_id(*, user):
    """The newest cycle with computed or approved results (the rankings' default)."""
    return (
        scope_to_procuratorate(ScoreRun.objects.all(), user)
        .filter(status__in=[ScoreRun.Status.APPROVED, ScoreRun.Status.COMPUTED])
        .order_by("-cycle__start_date")
        .values_list("cycle_id", flat=True)
        .first()
    )


def previous_run(*, cycle):
    """The approved run of the cycle before this one (for movement)."""
    return (
        ScoreRun.objects.filter(
            procuratorate_id=cycle.procuratorate_id,
            status=ScoreRun.Status.APPROVED,
            cycle__start_date__lt=cycle.start_date,
        )
        .select_related("cycle")
        .order_by("-cycle__start_date")
        .first()
    )


GROUP_ORDER = {"business": 0, "comprehensive": 1, "leaders": 0, "middle": 1, "staff": 2}


def rankings(*, run):
    """Department and individual rankings by group, with movement and awards."""
    before = previous_run(cycle=run.cycle)
    prev_dept, prev_person = {}, {}
    if before is not None:
        prev_dept = dict(
            DepartmentResult.objects.filter(run=before).values_list(
                "department_id", "rank"
            )
        )
        prev_person = dict(
            IndividualResult.objects.filter(run=before).values_list("staff_id", "rank")
        )
    departments = list(
        DepartmentResult.objects.filter(run=run)
        .select_related("department")
        .order_by("group", "rank", "department__sort_order")
    )
    people = list(
        IndividualResult.objects.filter(run=run)
        .select_related("staff", "department")
        .order_by("group", "rank", "staff__name")
    )
    for row in departments:
        row.movement = _movement(prev_dept.get(row.department_id), row.rank)
    for row in people:
        row.movement = _movement(prev_person.get(row.staff_id), row.rank)
    return {
        "previous_run": before,
        "department_groups": _grouped(departments),
        "individual_groups": _grouped(people),
        "award_departments": [r for r in departments if r.award_candidate],
        "award_individuals": [r for r in people if r.award_candidate],
        "chart": {
            group: {
                "names": [r.department.name for r in rows],
                "values": [float(r.normalised) for r in rows],
            }
            for group, rows in _grouped(departments)
        },
    }


def _movement(previous_rank, rank):
    """Places gained (positive) or lost since the last cycle; None when new."""
    return None if previous_rank is None else previous_rank - rank


def _grouped(rows):
    groups = defaultdict(list)
    for row in rows:
        groups[row.group].append(row)
    return sorted(groups.items(), key=lambda item: GROUP_ORDER.get(item[0], 9))


def department_result_get(*, user, pk):
    result = get_scoped_or_404(
        DepartmentResult.objects.select_related("run__cycle", "department"),
        user,
        pk=pk,
    )
    _deny_unless(user, "appraisal.view_department_result", result)
    return result


def individual_result_get(*, user, pk):
    result = get_scoped_or_404(
        IndividualResult.objects.select_related(
            "run__cycle", "department", "staff", "department_result"
        ),
        user,
        pk=pk,
    )
    _deny_unless(user, "appraisal.view_individual_result", result)
    return result


def breakdown_lines(*, result):
    """The lines of a result: target, goal, achievement and the numbers behind it."""
    field = (
        "department_result"
        if isinstance(result, DepartmentResult)
        else "individual_result"
    )
    return list(
        ScoreLine.objects.filter(**{field: result})
        .select_related(
            "target_score__target__parent",
            "target_score__target__department",
        )
        .order_by("-effective_weight", "id")
    )


def tree(*, cycle, run=None):
    """The goal → department target tree with achievements from `run`."""
    targets = list(
        cycle.targets.filter(
            level__in=[Target.Level.PROCURATORATE, Target.Level.DEPARTMENT]
        )
        .select_related("department")
        .prefetch_related(
            Prefetch(
                "shares", queryset=TargetShare.objects.select_related("department")
            )
        )
        .annotate(
            staff_targets=Count(
                "children", filter=Q(children__level=Target.Level.INDIVIDUAL)
            )
        )
        .order_by("code", "id")
    )
    scores = {}
    if run is not None:
        scores = {s.target_id: s for s in TargetScore.objects.filter(run=run)}
    children = defaultdict(list)
    goals = []
    for target in targets:
        target.score = scores.get(target.pk)
        if target.level == Target.Level.PROCURATORATE:
            goals.append(target)
        else:
            children[target.parent_id].append(target)
    for goal in goals:
        goal.department_targets = children[goal.pk]
    return goals


def indicator_list(*, user):
    return scope_to_procuratorate(Indicator.objects.all(), user).annotate(
        target_count=Count("targets")
    )


def indicator_get(*, user, pk):
    return get_scoped_or_404(Indicator.objects.all(), user, pk=pk)


def checkpoint_get(*, cycle, pk):
    try:
        return cycle.checkpoints.get(pk=pk)
    except Checkpoint.DoesNotExist as exc:
        raise Http404 from exc


def my_results(*, user):
    """The user's own results in approved runs, newest first."""
    return list(
        IndividualResult.objects.filter(
            staff=user.staff, run__status=ScoreRun.Status.APPROVED
        )
        .select_related("run__cycle")
        .order_by("-run__cycle__start_date")
    )
