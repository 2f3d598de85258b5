"""The pages of case-specific prevention: the list, opening a project, the
project with its eight steps, the statistics. Thin: parse, check permission,
call a service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.actions import apply_errors

from .. import services
from ..forms import ProjectForm
from ..models import State
from ..selectors import (
    project_list,
    project_statistics,
    project_years,
    step_rows,
)
from .actions import MATERIAL_ACTIONS, PROJECT_ACTIONS, load_project


@permission_required("prevention.view_project_list", raise_exception=True)
def index(request):
    """个案预防: the projects the user may see."""
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() else None
    state = request.GET.get("state", "")
    if state not in {"", "open", *State.values}:
        state = ""
    query = request.GET.get("q", "").strip()[:50]
    projects = project_list(user=request.user, year=year, state=state, query=query)
    return render(
        request,
        "prevention/project_list.html",
        {
            "projects": projects[:200],
            "years": project_years(user=request.user),
            "year": year,
            "state": state,
            "states": State.choices,
            "query": query,
            "now": timezone.now(),
        },
    )


@permission_required("prevention.add_project", raise_exception=True)
def project_create(request):
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The project is open: select the case."))
            return redirect(project)
    return render(request, "prevention/project_form.html", {"form": form})


def project_view(request, pk):
    """The project: its steps, their documents, and what the user may do now."""
    project = load_project(request, pk)
    offers = {offer.name: offer for offer in PROJECT_ACTIONS.offered(request, project)}
    materials = {}
    for material in project.materials.all():
        material.offers = {
            offer.name: offer for offer in MATERIAL_ACTIONS.offered(request, material)
        }
        materials.setdefault(material.step, []).append(material)
    rows = step_rows(project)
    for row in rows:
        row["materials"] = materials.get(row["step"], [])
        row["template"] = f"prevention/steps/_step{int(row['step'])}.html"
    approvals = list(project.approvals.all())
    context = {
        "project": project,
        "steps": rows,
        "offers": offers,
        "form_approvals": [a for a in approvals if a.document == "approval_form"],
        "letter_approvals": [a for a in approvals if a.document == "suggestion_letter"],
        "current_step": project.current_step,
    }
    return render(request, "prevention/project_detail.html", context)


@permission_required("prevention.view_statistics", raise_exception=True)
def statistics(request):
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() else timezone.localdate().year
    years = sorted(
        {*project_years(user=request.user), timezone.localdate().year}, reverse=True
    )
    return render(
        request,
        "prevention/statistics.html",
        {
            "stats": project_statistics(user=request.user, year=year),
            "years": years,
            "year": year,
        },
    )
