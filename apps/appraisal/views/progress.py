"""Special tasks and progress reports: remedies and leaders' comments."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import selectors
from ..forms import (
    CommentForm,
    NoteForm,
    RemedyForm,
    SpecialTaskApproveForm,
    SpecialTaskForm,
    SpecialTaskReportForm,
)
from ..models import SpecialTask
from ..services import progress as progress_services
from .common import act, attempt, check, post_action, safe_next, use_appraisal


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
    check(request.user, "appraisal.propose_special_task")
    form = SpecialTaskForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        task = attempt(
            request,
            form,
            lambda: progress_services.special_task_propose(
                actor=request.user, **form.cleaned_data
            ),
        )
        if task:
            messages.success(request, _("The special task awaits leadership approval."))
            return redirect(task)
    return render(
        request,
        "appraisal/form.html",
        {
            "form": form,
            "title": _("Add a special task"),
            "back": reverse("appraisal:special_task_list"),
        },
    )


@use_appraisal
def special_task_detail(request, pk):
    task = selectors.special_task_get(user=request.user, pk=pk)
    user = request.user
    open_cycle = not task.cycle.is_closed
    return render(
        request,
        "appraisal/special_task_detail.html",
        {
            "task": task,
            "reports": task.reports.select_related("checkpoint", "reported_by__staff"),
            "can_decide": open_cycle
            and task.status == SpecialTask.Status.PROPOSED
            and user.has_perm("appraisal.decide_special_task", task),
            "can_report": open_cycle
            and task.status == SpecialTask.Status.APPROVED
            and user.has_perm("appraisal.report_special_task", task),
            "approve_form": SpecialTaskApproveForm(
                initial={"credit_points": task.requested_points}
            ),
            "reject_form": NoteForm(),
            "report_form": SpecialTaskReportForm(task=task),
        },
    )


@post_action
def special_task_approve(request, pk):
    task = selectors.special_task_get(user=request.user, pk=pk)
    check(request.user, "appraisal.decide_special_task", task)
    form = SpecialTaskApproveForm(request.POST)
    if form.is_valid():
        act(
            request,
            lambda: progress_services.special_task_approve(
                actor=request.user, task=task, **form.cleaned_data
            ),
            _("The special task is approved and earns credit."),
        )
    else:
        messages.error(request, _("Give the credit in points."))
    return task


@post_action
def special_task_reject(request, pk):
    task = selectors.special_task_get(user=request.user, pk=pk)
    check(request.user, "appraisal.decide_special_task", task)
    act(
        request,
        lambda: progress_services.special_task_reject(
            actor=request.user, task=task, note=request.POST.get("note", "")
        ),
        _("The special task is declined."),
    )
    return task


@post_action
def special_task_report(request, pk):
    task = selectors.special_task_get(user=request.user, pk=pk)
    check(request.user, "appraisal.report_special_task", task)
    form = SpecialTaskReportForm(request.POST, request.FILES, task=task)
    if form.is_valid():
        act(
            request,
            lambda: progress_services.special_task_report(
                actor=request.user, task=task, **form.cleaned_data
            ),
            _("The progress is reported."),
        )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return task


@use_appraisal
def report_detail(request, pk):
    report = selectors.report_get(user=request.user, pk=pk)
    user = request.user
    open_cycle = not report.cycle.is_closed
    return render(
        request,
        "appraisal/report_detail.html",
        {
            "report": report,
            "comments": selectors.report_comments(report=report),
            "can_remedy": open_cycle
            and report.is_behind
            and user.has_perm("appraisal.remedy_report", report),
            "can_comment": open_cycle
            and user.has_perm("appraisal.comment_report", report),
            "remedy_form": RemedyForm(initial={"remedy": report.remedy}),
            "comment_form": CommentForm(),
        },
    )


@use_appraisal
def report_evidence(request, pk):
    """The evidence file of a report, for those who may see the report only."""
    report = selectors.report_get(user=request.user, pk=pk)
    if not report.evidence_file:
        raise Http404
    return FileResponse(
        report.evidence_file.open("rb"),
        as_attachment=True,
        filename=report.evidence_file.name.rsplit("/", 1)[-1],
    )


@post_action
def report_remedy(request, pk):
    report = selectors.report_get(user=request.user, pk=pk)
    check(request.user, "appraisal.remedy_report", report)
    act(
        request,
        lambda: progress_services.report_remedy(
            actor=request.user, report=report, remedy=request.POST.get("remedy", "")
        ),
        _("The remedial measures are recorded."),
    )
    return report


@post_action
def report_comment(request, pk):
    report = selectors.report_get(user=request.user, pk=pk)
    check(request.user, "appraisal.comment_report", report)
    act(
        request,
        lambda: progress_services.report_comment(
            actor=request.user, report=report, text=request.POST.get("text", "")
        ),
        _("The comment is recorded."),
    )
    return safe_next(request, report.get_absolute_url())
