"""Reads for the prevention pages: scoped to what the user may see, fixed
query counts."""

import datetime

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from apps.core.rules import is_leadership
from apps.core.scoping import get_scoped_or_404, scope_to_procuratorate

from .models import (
    Approval,
    PreventionProject,
    ProjectStep,
    State,
    Step,
    Suggestion,
)


def _visible(user):
    qs = scope_to_procuratorate(PreventionProject.objects.all(), user)
    if is_leadership(user):
        return qs
    staff = user.staff
    return qs.filter(Q(department_id=staff.department_id) | Q(handler_id=user.pk))


def project_list(*, user, year=None, state=None, query=""):
    """Projects the user may see, newest first, with the open step's due time."""
    open_step = ProjectStep.objects.filter(
        project=OuterRef("pk"), completed_at__isnull=True
    ).order_by("-step")
    qs = (
        _visible(user)
        .select_related("procuratorate", "department", "handler__staff")
        .annotate(
            open_step_due=Subquery(open_step.values("due_at")[:1]),
        )
    )
    if year:
        qs = qs.filter(year=year)
    if state == "open":
        qs = qs.exclude(state=State.ARCHIVED)
    elif state:
        qs = qs.filter(state=state)
    if query:
        qs = qs.filter(
            Q(title__icontains=query)
            | Q(affected_unit__icontains=query)
            | Q(selection__source_case_number__icontains=query)
        )
    return qs.order_by("-year", "-sequence")


def project_years(*, user):
    return list(
        scope_to_procuratorate(PreventionProject.objects.all(), user)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def _with_documents(qs):
    return qs.select_related(
        "procuratorate",
        "department",
        "handler__staff",
        "archived_by__staff",
        "selection__source_department",
        "approval_form",
        "analysis",
        "symposium",
        "suggestion_letter__delivered_by__staff",
        "return_visit",
        "final_report",
    ).prefetch_related(
        "steps__completed_by__staff",
        Prefetch(
            "approvals",
            queryset=Approval.objects.select_related("decided_by__staff"),
        ),
        "materials",
        "activities",
        Prefetch("suggestion_letter__items", queryset=Suggestion.objects.all()),
    )


def project_detail(*, user, pk):
    """One project with every document, or 404 when the user may not see it."""
    return get_scoped_or_404(_with_documents(_visible(user)), user, pk=pk)


def project_for_case_file(*, project_id):
    """The archived project with every document, for binding (no user: a task)."""
    return _with_documents(PreventionProject.objects.all()).get(pk=project_id)


def step_rows(project):
    """The eight steps with their record (or None) and status, for the timeline."""
    records = {s.step: s for s in project.steps.all()}
    current = project.current_step
    now = timezone.now()
    rows = []
    for step in Step:
        record = records.get(step)
        if record and record.completed_at:
            status = "done"
        elif step == current:
            status = "overdue" if record and record.due_at < now else "current"
        else:
            status = "waiting"
        rows.append({"step": step, "record": record, "status": status})
    return rows


def project_statistics(*, user, year):
    """Per-year figures: projects, units covered, suggestions issued and adopted,
    return visits done on time. Five queries whatever the data size."""
    base = scope_to_procuratorate(PreventionProject.objects.all(), user)
    projects = base.filter(year=year).aggregate(
        total=Count("id"),
        archived=Count("id", filter=Q(state=State.ARCHIVED)),
        units=Count("affected_unit", distinct=True),
    )
    suggestions = Suggestion.objects.filter(
        letter__project__in=base,
        letter__delivered_on__year=year,
    ).aggregate(
        issued=Count("id"),
        adopted=Count("id", filter=Q(adoption=Suggestion.Adoption.ADOPTED)),
        partly=Count("id", filter=Q(adoption=Suggestion.Adoption.PARTLY)),
        not_adopted=Count("id", filter=Q(adoption=Suggestion.Adoption.NOT_ADOPTED)),
    )
    letters = (
        base.filter(suggestion_letter__delivered_on__year=year)
        .values("suggestion_letter")
        .count()
    )
    visits = ProjectStep.objects.filter(
        project__in=base,
        step=Step.RETURN_VISIT,
        completed_at__isnull=False,
        completed_at__gte=_year_start(year),
        completed_at__lt=_year_start(year + 1),
    ).aggregate(
        done=Count("id"),
        on_time=Count("id", filter=Q(completed_at__lte=F("due_at"))),
    )
    by_department = list(
        base.filter(year=year)
        .values("department__name")
        .annotate(
            total=Count("id"),
            archived=Count("id", filter=Q(state=State.ARCHIVED)),
        )
        .order_by("-total", "department__name")
    )
    issued = suggestions["issued"]
    return {
        "year": year,
        "projects": projects["total"],
        "archived": projects["archived"],
        "units": projects["units"],
        "letters": letters,
        "suggestions_issued": issued,
        "suggestions_adopted": suggestions["adopted"],
        "suggestions_partly": suggestions["partly"],
        "suggestions_not_adopted": suggestions["not_adopted"],
        "adoption_rate": _rate(suggestions["adopted"], issued),
        "visits_done": visits["done"],
        "visits_on_time": visits["on_time"],
        "visits_on_time_rate": _rate(visits["on_time"], visits["done"]),
        "by_department": by_department,
    }


def _year_start(year):
    tz = timezone.get_current_timezone()
    return datetime.datetime(year, 1, 1, tzinfo=tz)


def _rate(part, whole):
    return round(100 * part / whole, 1) if whole else None
