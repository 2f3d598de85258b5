"""One target: its history, progress reports, adjustments and grades."""

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from apps.core.actions import authorize, transition_available

from .. import selectors
from ..forms import AdjustmentForm, ProgressForm
from ..services import adjustments as adjustment_services
from ..services import progress as progress_services
from .actions import adjustment_actions, grading_actions, target_actions
from .common import form_page, use_appraisal


@use_appraisal
def target_detail(request, pk):
    target = selectors.target_get(user=request.user, pk=pk)
    user = request.user
    return render(
        request,
        "appraisal/target_detail.html",
        {
            "target": target,
            **selectors.target_history(target=target),
            # Pages for these two; the model says when each is open.
            "can_report": transition_available(user, target, "report_progress"),
            "can_adjust": transition_available(user, target, "request_adjustment"),
            "offers": target_actions.offered(request, target, only=["grade"]),
        },
    )


@use_appraisal
def progress_report(request, pk):
    target = selectors.target_get(user=request.user, pk=pk)
    authorize(request.user, "appraisal.report_progress", target)
    initial = {"checkpoint": request.GET.get("checkpoint")}
    form = ProgressForm(
        request.POST or None, request.FILES or None, target=target, initial=initial
    )
    return form_page(
        request,
        form,
        lambda data: progress_services.progress_report_save(
            actor=request.user,
            target=target,
            checkpoint=data["checkpoint"],
            evidence=data["evidence"],
            evidence_file=data.get("evidence_file"),
            actual_value=data.get("actual_value"),
            numerator=data.get("numerator"),
            denominator=data.get("denominator"),
            grade=data.get("grade", ""),
        ),
        done=_report_done,
        to=target,
        title=_("Report progress"),
        subtitle=target,
        back=target.get_absolute_url(),
        multipart=True,
    )


def _report_done(request, report):
    if report.is_behind:
        messages.warning(
            request,
            _(
                "The report is behind plan: the department head is asked for "
                "remedial measures."
            ),
        )
    else:
        messages.success(request, _("The progress is reported."))


@use_appraisal
def adjustment_request(request, pk):
    target = selectors.target_get(user=request.user, pk=pk)
    authorize(request.user, "appraisal.request_adjustment", target)
    form = AdjustmentForm(request.POST or None, target=target)
    return form_page(
        request,
        form,
        lambda data: adjustment_services.adjustment_request(
            actor=request.user,
            target=target,
            kind=data["kind"],
            reason=data["reason"],
            new_title=data["new_title"],
            new_description=data["new_description"],
            new_target_value=data.get("new_target_value"),
            new_grade_scale=data.get("new_grade_scale") or None,
        ),
        done=_("The adjustment is requested."),
        title=_("Adjust the target or ask for an exemption"),
        subtitle=target,
        back=target.get_absolute_url(),
    )


@use_appraisal
def adjustment_detail(request, pk):
    adjustment = selectors.adjustment_get(user=request.user, pk=pk)
    return render(
        request,
        "appraisal/adjustment_detail.html",
        {
            "adjustment": adjustment,
            "target": adjustment.target,
            "offers": adjustment_actions.offered(request, adjustment),
        },
    )


@use_appraisal
def grading(request, pk):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    targets = selectors.grading_list(user=request.user, cycle=cycle)
    for target in targets:
        target.cycle = cycle  # loaded once for the page
        offers = grading_actions.offered(request, target)
        target.offer = offers[0] if offers else None
    return render(
        request, "appraisal/grading.html", {"cycle": cycle, "targets": targets}
    )
