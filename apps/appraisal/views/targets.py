"""One target: its history, progress reports, adjustments and grades."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from .. import selectors
from ..forms import AdjustmentForm, GradeForm, NoteForm, ProgressForm
from ..models import Measure, Target, TargetAdjustment
from ..services import adjustments as adjustment_services
from ..services import progress as progress_services
from ..services import scoring as scoring_services
from .common import act, attempt, check, post_action, safe_next, use_appraisal


@use_appraisal
def target_detail(request, pk):
    target = selectors.target_get(user=request.user, pk=pk)
    user = request.user
    frozen_leaf = target.is_frozen and target.level != Target.Level.PROCURATORATE
    open_cycle = not target.cycle.is_closed
    return render(
        request,
        "appraisal/target_detail.html",
        {
            "target": target,
            **selectors.target_history(target=target),
            "can_report": frozen_leaf
            and open_cycle
            and user.has_perm("appraisal.report_progress", target),
            "can_adjust": frozen_leaf
            and open_cycle
            and user.has_perm("appraisal.request_adjustment", target),
            "can_grade": frozen_leaf
            and open_cycle
            and target.measure == Measure.QUALITATIVE
            and not target.is_exempt
            and user.has_perm("appraisal.grade_target", target),
            "grade_form": GradeForm(target=target)
            if target.measure == Measure.QUALITATIVE
            else None,
        },
    )


@use_appraisal
def progress_report(request, pk):
    target = selectors.target_get(user=request.user, pk=pk)
    check(request.user, "appraisal.report_progress", target)
    initial = {"checkpoint": request.GET.get("checkpoint")}
    form = ProgressForm(
        request.POST or None, request.FILES or None, target=target, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        report = attempt(
            request,
            form,
            lambda: progress_services.progress_report_save(
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
        )
        if report:
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
            return redirect(target)
    return render(
        request,
        "appraisal/form.html",
        {
            "form": form,
            "title": _("Report progress"),
            "subtitle": target,
            "back": target.get_absolute_url(),
            "multipart": True,
        },
    )


@use_appraisal
def adjustment_request(request, pk):
    target = selectors.target_get(user=request.user, pk=pk)
    check(request.user, "appraisal.request_adjustment", target)
    form = AdjustmentForm(request.POST or None, target=target)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        adjustment = attempt(
            request,
            form,
            lambda: adjustment_services.adjustment_request(
                actor=request.user,
                target=target,
                kind=data["kind"],
                reason=data["reason"],
                new_title=data["new_title"],
                new_description=data["new_description"],
                new_target_value=data.get("new_target_value"),
                new_grade_scale=data.get("new_grade_scale") or None,
            ),
        )
        if adjustment:
            messages.success(request, _("The adjustment is requested."))
            return redirect(adjustment)
    return render(
        request,
        "appraisal/form.html",
        {
            "form": form,
            "title": _("Adjust the target or ask for an exemption"),
            "subtitle": target,
            "back": target.get_absolute_url(),
        },
    )


@use_appraisal
def adjustment_detail(request, pk):
    adjustment = selectors.adjustment_get(user=request.user, pk=pk)
    user = request.user
    is_open = adjustment.is_open and not adjustment.cycle.is_closed
    department_level = adjustment.target.level == Target.Level.DEPARTMENT
    can_review = (
        is_open
        and department_level
        and adjustment.status == TargetAdjustment.Status.PROPOSED
        and user.has_perm("appraisal.review_adjustment", adjustment)
    )
    can_decide = (
        is_open
        and (
            adjustment.status == TargetAdjustment.Status.REVIEWED
            or not department_level
        )
        and user.has_perm("appraisal.decide_adjustment", adjustment)
    )
    return render(
        request,
        "appraisal/adjustment_detail.html",
        {
            "adjustment": adjustment,
            "target": adjustment.target,
            "can_review": can_review,
            "can_decide": can_decide,
            "note_form": NoteForm(),
        },
    )


@post_action
def adjustment_review(request, pk):
    adjustment = selectors.adjustment_get(user=request.user, pk=pk)
    check(request.user, "appraisal.review_adjustment", adjustment)
    act(
        request,
        lambda: adjustment_services.adjustment_review(
            actor=request.user, adjustment=adjustment, note=request.POST.get("note", "")
        ),
        _("The adjustment is reviewed and goes to the party group."),
    )
    return adjustment


@post_action
def adjustment_approve(request, pk):
    adjustment = selectors.adjustment_get(user=request.user, pk=pk)
    check(request.user, "appraisal.decide_adjustment", adjustment)
    act(
        request,
        lambda: adjustment_services.adjustment_approve(
            actor=request.user, adjustment=adjustment, note=request.POST.get("note", "")
        ),
        _("The adjustment is approved and applied to the target."),
    )
    return adjustment


@post_action
def adjustment_reject(request, pk):
    adjustment = selectors.adjustment_get(user=request.user, pk=pk)
    if not (
        request.user.has_perm("appraisal.review_adjustment", adjustment)
        or request.user.has_perm("appraisal.decide_adjustment", adjustment)
    ):
        raise PermissionDenied
    act(
        request,
        lambda: adjustment_services.adjustment_reject(
            actor=request.user, adjustment=adjustment, note=request.POST.get("note", "")
        ),
        _("The adjustment is refused."),
    )
    return adjustment


@post_action
def grade_target(request, pk):
    target = selectors.target_get(user=request.user, pk=pk)
    check(request.user, "appraisal.grade_target", target)
    form = GradeForm(request.POST, target=target)
    if form.is_valid():
        act(
            request,
            lambda: scoring_services.grade_record(
                actor=request.user,
                target=target,
                grade=form.cleaned_data["grade"],
                comment=form.cleaned_data["comment"],
            ),
            _("The grade is recorded."),
        )
    else:
        messages.error(request, _("Choose a grade of the target's scale."))
    return safe_next(request, target.get_absolute_url())


@use_appraisal
def grading(request, pk):
    cycle = selectors.cycle_get(user=request.user, pk=pk)
    targets = selectors.grading_list(user=request.user, cycle=cycle)
    for target in targets:
        target.form = GradeForm(
            target=target,
            initial={"grade": target.my_grade.grade} if target.my_grade else None,
        )
    return render(
        request, "appraisal/grading.html", {"cycle": cycle, "targets": targets}
    )
