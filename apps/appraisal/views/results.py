"""Score runs, rankings for leadership, and the breakdown behind every score."""

from django.shortcuts import render

from apps.core.actions import authorize

from .. import selectors
from ..models import DepartmentResult
from .actions import run_actions
from .common import use_appraisal


@use_appraisal
def run_detail(request, pk):
    run = selectors.run_get(user=request.user, pk=pk)
    template = (
        "appraisal/_run_status.html" if request.htmx else "appraisal/run_detail.html"
    )
    return render(
        request,
        template,
        {
            "run": run,
            "cycle": run.cycle,
            "offers": run_actions.offered(request, run),
        },
    )


@use_appraisal
def rankings(request):
    """Leadership's rankings: by comparable group, with movement and awards."""
    authorize(request.user, "appraisal.view_rankings")
    cycles = list(selectors.cycle_list(user=request.user))
    chosen = request.GET.get("cycle")
    cycle = next(
        (c for c in cycles if str(c.pk) == chosen), cycles[0] if cycles else None
    )
    run = selectors.ranking_run(cycle=cycle) if cycle else None
    context = {"cycles": cycles, "cycle": cycle, "run": run}
    if run is not None:
        context.update(selectors.rankings(run=run))
    return render(request, "appraisal/rankings.html", context)


def _breakdown(request, result, subject, **context):
    """The lines behind one result, a department's or a staff member's."""
    return render(
        request,
        "appraisal/breakdown.html",
        {
            "result": result,
            "run": result.run,
            "cycle": result.run.cycle,
            "lines": selectors.breakdown_lines(result=result),
            "subject": subject,
            **context,
        },
    )


@use_appraisal
def department_result(request, pk):
    result = selectors.department_result_get(user=request.user, pk=pk)
    return _breakdown(request, result, result.department.name, is_department=True)


@use_appraisal
def individual_result(request, pk):
    result = selectors.individual_result_get(user=request.user, pk=pk)
    dept = result.department_result
    return _breakdown(
        request,
        result,
        result.staff.name,
        is_department=False,
        department_result=dept,
        can_open_department=isinstance(dept, DepartmentResult)
        and request.user.has_perm("appraisal.view_department_result", dept),
    )
