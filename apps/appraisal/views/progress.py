"""Special tasks and progress reports: remedies and leaders' comments."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.actions import authorize
from apps.core.uploads import file_response

from .. import selectors
from ..forms import SpecialTaskForm
from ..models import Target
from ..services import progress as progress_services
from .actions import report_actions, task_actions
from .common import form_page, use_appraisal


@use_appraisal
def special_task_list(request):
    return render(
        request,
        "appraisal/special_task_list.html",
        {
            "tasks": selectors.special_task_list(user=request.user),
            "can_propose": request.user.has_perm("appraisal.propose_special_task"),
        },
    )


@use_appraisal
def special_task_create(request):
    authorize(request.user, "appraisal.propose_special_task")
    form = SpecialTaskForm(request.POST or None, user=request.user)
    return form_page(
        request,
        form,
        lambda data: progress_services.special_task_propose(actor=request.user, **data),
        done=_("The special task awaits leadership approval."),
        title=_("Add a special task"),
        back=reverse("appraisal:special_task_list"),
    )


@use_appraisal
def special_task_detail(request, pk):
    task = selectors.special_task_get(user=request.user, pk=pk)
    offers = task_actions.offered(request, task)
    return render(
        request,
        "appraisal/special_task_detail.html",
        {
            "task": task,
            "reports": task.reports.select_related("checkpoint", "reported_by__staff"),
            "decision_offers": [o for o in offers if o.name != "report"],
            "report_offers": [o for o in offers if o.name == "report"],
        },
    )


@use_appraisal
def report_detail(request, pk):
    report = selectors.report_get(user=request.user, pk=pk)
    return render(
        request,
        "appraisal/report_detail.html",
        {
            "report": report,
            "comments": selectors.report_comments(report=report),
            "offers": report_actions.offered(request, report),
        },
    )


@use_appraisal
def report_evidence(request, pk):
    """The evidence file of a report, for those who may see the report only."""
    report = selectors.report_get(user=request.user, pk=pk)
    if not report.evidence_file:
        raise Http404
    # Reports of staff targets are seen by their owner, head, office, leaders.
    return file_response(
        report.evidence_file,
        filename=report.evidence_name or None,
        confidential=report.target_id is not None
        and report.target.level == Target.Level.INDIVIDUAL,
    )
