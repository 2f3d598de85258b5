"""Pages of case-specific prevention. Thin: parse, check permission, call a
service or selector, render; a refused step shows its reason in Chinese and
the form keeps what was typed."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_fsm import TransitionNotAllowed

from . import services
from .forms import (
    ActivityForm,
    AnalysisReportForm,
    ApprovalFormForm,
    CaseSelectionForm,
    DecisionForm,
    DeliveryForm,
    FinalReportForm,
    MaterialForm,
    ProjectForm,
    ReturnVisitForm,
    SuggestionLetterForm,
    SymposiumForm,
)
from .models import Material, State, Step
from .selectors import (
    project_detail,
    project_list,
    project_statistics,
    project_years,
    step_rows,
)


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
            _attach(form, exc)
        else:
            messages.success(request, _("The project is open: select the case."))
            return redirect(project)
    return render(request, "prevention/project_form.html", {"form": form})


def _load(request, pk):
    project = project_detail(user=request.user, pk=pk)
    if not request.user.has_perm("prevention.view_project", project):
        raise Http404
    return project


def project_view(request, pk):
    return _render_detail(request, _load(request, pk))


# ------------------------------------------------------------------ helpers
def _attach(form, exc):
    """Put a service's ValidationError on the form (field errors where they fit)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _can_decide(user, project):
    if project.state == State.APPROVAL_HEAD:
        return user.has_perm("prevention.approve_as_head", project)
    if project.state in (State.APPROVAL_PG, State.SUGGESTION_PG):
        return user.has_perm("prevention.approve_as_pg", project)
    return False


def _default_forms(request, project):
    """Empty (or current) forms for what the user may do at the open step."""
    user = request.user
    forms = {}
    state = project.state
    if user.has_perm("prevention.edit_project", project):
        if state == State.SELECTION:
            forms["selection_form"] = CaseSelectionForm(
                user=user, instance=getattr(project, "selection", None)
            )
        elif state == State.APPROVAL_DRAFT:
            forms["approval_form_form"] = ApprovalFormForm(
                instance=getattr(project, "approval_form", None)
            )
        elif state == State.ANALYSIS:
            forms["analysis_form"] = AnalysisReportForm(
                instance=getattr(project, "analysis", None)
            )
        elif state == State.SYMPOSIUM:
            forms["symposium_form"] = SymposiumForm(
                instance=getattr(project, "symposium", None)
            )
        elif state == State.SUGGESTION_DRAFT:
            letter = getattr(project, "suggestion_letter", None)
            forms["letter_form"] = SuggestionLetterForm(
                initial={
                    "addressee": letter.addressee if letter else project.affected_unit,
                    "problems": letter.problems if letter else "",
                    "suggestions": "\n".join(i.text for i in letter.items.all())
                    if letter
                    else "",
                }
            )
        elif state == State.DELIVERY:
            forms["delivery_form"] = DeliveryForm(
                initial={"delivered_on": timezone.localdate()}
            )
        elif state == State.ACTIVITIES:
            forms["activity_form"] = ActivityForm()
        elif state == State.RETURN_VISIT:
            forms["return_visit_form"] = ReturnVisitForm(
                instance=getattr(project, "return_visit", None),
                suggestions=project.suggestion_letter.items.all(),
            )
        elif state == State.FINAL_REPORT:
            forms["final_report_form"] = FinalReportForm(
                instance=getattr(project, "final_report", None)
            )
        if state != State.ARCHIVED:
            forms["material_form"] = MaterialForm(prefix="material")
    if _can_decide(user, project):
        forms["decision_form"] = DecisionForm()
    return forms


def _render_detail(request, project, bound=None, status=200):
    forms = _default_forms(request, project)
    forms.update(bound or {})
    user = request.user
    materials = _materials_by_step(project)
    rows = step_rows(project)
    for row in rows:
        row["materials"] = materials.get(row["step"], [])
        row["template"] = f"prevention/steps/_step{int(row['step'])}.html"
    approvals = list(project.approvals.all())
    context = {
        "project": project,
        "steps": rows,
        "form_approvals": [a for a in approvals if a.document == "approval_form"],
        "letter_approvals": [a for a in approvals if a.document == "suggestion_letter"],
        "current_step": project.current_step,
        "can_edit": user.has_perm("prevention.edit_project", project)
        and not project.is_archived,
        "can_decide": _can_decide(user, project),
        "can_archive": project.state == State.ARCHIVING
        and user.has_perm("prevention.archive_project", project),
        "Step": Step,
        "State": State,
        **forms,
    }
    return render(request, "prevention/project_detail.html", context, status=status)


def _materials_by_step(project):
    grouped = {}
    for material in project.materials.all():
        grouped.setdefault(material.step, []).append(material)
    return grouped


def _act(request, project, call, form_key=None, form=None, success=None):
    """Run a service; on refusal re-render the page with the form as typed."""
    try:
        call()
    except ValidationError as exc:
        if form is not None:
            _attach(form, exc)
            messages.error(request, _("Please correct the errors below."))
        else:
            messages.error(request, " ".join(exc.messages))
            return redirect(project)
    except (TransitionNotAllowed, PermissionDenied) as exc:
        messages.error(request, str(exc))
        if form is None:
            return redirect(project)
    else:
        if success:
            messages.success(request, success)
        return redirect(project)
    return _render_detail(request, project, {form_key: form})


def _edit_target(request, pk):
    project = _load(request, pk)
    if not request.user.has_perm("prevention.edit_project", project):
        raise PermissionDenied
    return project


def _finish(request):
    return request.POST.get("action") == "complete"


# ---------------------------------------------------------------- step actions
@require_POST
def selection_save(request, pk):
    project = _edit_target(request, pk)
    form = CaseSelectionForm(
        request.POST, user=request.user, instance=getattr(project, "selection", None)
    )
    if not form.is_valid():
        return _render_detail(request, project, {"selection_form": form})
    return _act(
        request,
        project,
        lambda: services.case_selection_save(
            actor=request.user,
            project=project,
            fields=form.cleaned_data,
            complete=_finish(request),
        ),
        "selection_form",
        form,
        _("Step 1 is finished.") if _finish(request) else _("Saved."),
    )


@require_POST
def approval_form_save(request, pk):
    project = _edit_target(request, pk)
    form = ApprovalFormForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, project, {"approval_form_form": form})
    return _act(
        request,
        project,
        lambda: services.approval_form_save(
            actor=request.user,
            project=project,
            fields=form.cleaned_data,
            submit=_finish(request),
        ),
        "approval_form_form",
        form,
        _("Sent to the department head for approval.")
        if _finish(request)
        else _("Saved."),
    )


@require_POST
def decide(request, pk):
    project = _load(request, pk)
    if not _can_decide(request.user, project):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    form.is_valid()
    approve = request.POST.get("decision") == "approve"
    opinion = form.cleaned_data.get("opinion", "")
    if project.state == State.SUGGESTION_PG:
        call = lambda: services.suggestion_letter_decide(  # noqa: E731
            actor=request.user, project=project, approve=approve, opinion=opinion
        )
    else:
        call = lambda: services.approval_decide(  # noqa: E731
            actor=request.user, project=project, approve=approve, opinion=opinion
        )
    return _act(
        request,
        project,
        call,
        "decision_form",
        form,
        _("Approved.") if approve else _("Returned to the handler."),
    )


@require_POST
def material_add(request, pk):
    project = _edit_target(request, pk)
    form = MaterialForm(request.POST, request.FILES, prefix="material")
    if not form.is_valid():
        return _render_detail(request, project, {"material_form": form})
    return _act(
        request,
        project,
        lambda: services.material_add(
            actor=request.user, project=project, **form.cleaned_data
        ),
        "material_form",
        form,
        _("The material is filed."),
    )


@require_POST
def material_remove(request, pk, material_pk):
    project = _edit_target(request, pk)
    material = get_object_or_404(Material, pk=material_pk, project=project)
    return _act(
        request,
        project,
        lambda: services.material_remove(actor=request.user, material=material),
        success=_("The material is removed."),
    )


def material_download(request, pk, material_pk):
    project = _load(request, pk)
    material = get_object_or_404(Material, pk=material_pk, project=project)
    return FileResponse(material.file.open("rb"), filename=material.file.name)


def receipt_download(request, pk):
    project = _load(request, pk)
    letter = getattr(project, "suggestion_letter", None)
    if not letter or not letter.receipt:
        raise Http404
    return FileResponse(letter.receipt.open("rb"), filename=letter.receipt.name)


@require_POST
def analysis_save(request, pk):
    project = _edit_target(request, pk)
    form = AnalysisReportForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, project, {"analysis_form": form})
    return _act(
        request,
        project,
        lambda: services.analysis_report_save(
            actor=request.user,
            project=project,
            fields=form.cleaned_data,
            complete=_finish(request),
        ),
        "analysis_form",
        form,
        _("Step 3 is finished.") if _finish(request) else _("Saved."),
    )


@require_POST
def symposium_save(request, pk):
    project = _edit_target(request, pk)
    form = SymposiumForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, project, {"symposium_form": form})
    return _act(
        request,
        project,
        lambda: services.symposium_save(
            actor=request.user,
            project=project,
            fields=form.cleaned_data,
            complete=_finish(request),
        ),
        "symposium_form",
        form,
        _("Step 4 is finished.") if _finish(request) else _("Saved."),
    )


@require_POST
def letter_save(request, pk):
    project = _edit_target(request, pk)
    form = SuggestionLetterForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, project, {"letter_form": form})
    return _act(
        request,
        project,
        lambda: services.suggestion_letter_save(
            actor=request.user,
            project=project,
            **form.cleaned_data,
            submit=_finish(request),
        ),
        "letter_form",
        form,
        _("Sent to the procurator-general for approval.")
        if _finish(request)
        else _("Saved."),
    )


@require_POST
def letter_deliver(request, pk):
    project = _edit_target(request, pk)
    form = DeliveryForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_detail(request, project, {"delivery_form": form})
    return _act(
        request,
        project,
        lambda: services.suggestion_letter_deliver(
            actor=request.user, project=project, **form.cleaned_data
        ),
        "delivery_form",
        form,
        _("The delivery is recorded; step 5 is finished."),
    )


@require_POST
def activity_add(request, pk):
    project = _edit_target(request, pk)
    form = ActivityForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, project, {"activity_form": form})
    return _act(
        request,
        project,
        lambda: services.activity_add(
            actor=request.user, project=project, fields=form.cleaned_data
        ),
        "activity_form",
        form,
        _("The activity is recorded."),
    )


@require_POST
def activities_complete(request, pk):
    project = _edit_target(request, pk)
    return _act(
        request,
        project,
        lambda: services.activities_complete(actor=request.user, project=project),
        success=_("Step 6 is finished."),
    )


@require_POST
def return_visit_save(request, pk):
    project = _edit_target(request, pk)
    letter = getattr(project, "suggestion_letter", None)
    form = ReturnVisitForm(
        request.POST, suggestions=letter.items.all() if letter else []
    )
    if not form.is_valid():
        return _render_detail(request, project, {"return_visit_form": form})
    fields = {k: v for k, v in form.cleaned_data.items() if k in form._meta.fields}
    return _act(
        request,
        project,
        lambda: services.return_visit_save(
            actor=request.user,
            project=project,
            fields=fields,
            feedback=form.feedback(),
            complete=_finish(request),
        ),
        "return_visit_form",
        form,
        _("Step 7 is finished.") if _finish(request) else _("Saved."),
    )


@require_POST
def final_report_save(request, pk):
    project = _edit_target(request, pk)
    form = FinalReportForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, project, {"final_report_form": form})
    return _act(
        request,
        project,
        lambda: services.final_report_save(
            actor=request.user,
            project=project,
            fields=form.cleaned_data,
            submit=_finish(request),
        ),
        "final_report_form",
        form,
        _("Handed to the clerk for archiving.") if _finish(request) else _("Saved."),
    )


@require_POST
def archive(request, pk):
    project = _load(request, pk)
    if not request.user.has_perm("prevention.archive_project", project):
        raise PermissionDenied
    return _act(
        request,
        project,
        lambda: services.project_archive(actor=request.user, project=project),
        success=_("Archived. The case file is being bound."),
    )


def case_file(request, pk):
    """The bound case file; while it is being bound, a page that says so."""
    project = _load(request, pk)
    if not project.is_archived:
        raise Http404
    if not project.case_file:
        return render(
            request, "prevention/case_file_pending.html", {"project": project}
        )
    return FileResponse(
        project.case_file.open("rb"),
        filename=f"{project.number}.pdf",
        content_type="application/pdf",
    )


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
