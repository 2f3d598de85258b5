"""Pages for resolutions, decision documents, supervision, the monthly reports
of the office meeting and the committee's half-year review."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from apps.core.rules import staff_of
from apps.core.scoping import user_procuratorate_id
from apps.core.selectors import department_list

from .. import selectors, services
from ..documents import decision_pdf as render_decision_pdf
from ..documents import review_pdf
from ..forms import (
    ExecutionReportForm,
    MonthlyCommentForm,
    MonthlyReportForm,
    NoteForm,
    ReasonForm,
    ReviewPeriodForm,
    SupervisionForm,
    UpperDecisionForm,
)
from ..models import (
    Minutes,
    MonthlyReport,
    Resolution,
    Supervision,
    SupervisionAssignment,
)
from ._common import attempt, check, load, pdf_response


def _resolution_page(request, resolution, forms=None):
    forms = forms or {}
    user = request.user
    resolution = selectors.resolution_detail(resolution=resolution)
    supervision = Supervision.objects.filter(resolution=resolution).first()
    locked = Minutes.objects.filter(
        meeting_id=resolution.item.meeting_id, state=Minutes.State.APPROVED
    ).exists()
    context = {
        "resolution": resolution,
        "item": resolution.item,
        "supervision": supervision,
    }
    if (
        not locked
        and supervision is None
        and resolution.status == Resolution.Status.EFFECTIVE
        and user.has_perm("meetings.report_upward", resolution)
    ):
        context["upward_form"] = forms.get("report_upward") or ReasonForm(
            prefix="upward"
        )
    if resolution.status == Resolution.Status.REPORTED_UPWARD and user.has_perm(
        "meetings.record_upper_decision", resolution
    ):
        context["upper_form"] = forms.get("upper_decision") or UpperDecisionForm(
            prefix="upper"
        )
    if (
        supervision is None
        and resolution.carries_out
        and user.has_perm("meetings.supervise", resolution)
    ):
        context["supervise_form"] = forms.get("supervise") or SupervisionForm(
            prefix="supervise", departments=department_list(user=user)
        )
    return render(request, "meetings/resolution_detail.html", context)


def resolution_detail(request, pk):
    resolution = load(Resolution, request, pk)
    check(request, "meetings.view_resolution", resolution)
    return _resolution_page(request, resolution)


def decision_pdf(request, pk):
    """The committee's numbered decision document."""
    resolution = load(Resolution, request, pk)
    check(request, "meetings.view_resolution", resolution)
    if not resolution.document_number:
        raise Http404
    return pdf_response(
        render_decision_pdf(resolution),
        f"decision-{resolution.doc_year}-{resolution.doc_seq}.pdf",
    )


@require_POST
def resolution_action(request, pk, action):
    resolution = load(Resolution, request, pk)
    user = request.user
    if action == "report_upward":
        check(request, "meetings.report_upward", resolution)
        form = ReasonForm(request.POST, prefix="upward")
        call = lambda d: services.resolution_report_upward(  # noqa: E731
            actor=user, resolution=resolution, reason=d["reason"]
        )
        success = _("Recorded as reported to the upper procuratorate.")
    elif action == "upper_decision":
        check(request, "meetings.record_upper_decision", resolution)
        form = UpperDecisionForm(request.POST, prefix="upper")
        call = lambda d: services.resolution_record_upper_decision(  # noqa: E731
            actor=user, resolution=resolution, passed=d["passed"], text=d["text"]
        )
        success = _("The upper procuratorate's decision was recorded.")
    elif action == "supervise":
        check(request, "meetings.supervise", resolution)
        form = SupervisionForm(
            request.POST, prefix="supervise", departments=department_list(user=user)
        )
        call = lambda d: services.supervision_assign(  # noqa: E731
            actor=user,
            resolution=resolution,
            departments=d["departments"],
            deadline=d["deadline"],
            requirement=d["requirement"],
        )
        success = _("The resolution is assigned and under supervision.")
    else:
        raise Http404
    if form.is_valid():
        result = attempt(request, lambda: call(form.cleaned_data), form)
        if result:
            messages.success(request, success)
            if isinstance(result, Supervision):
                return redirect(result)
            return redirect(resolution)
    return _resolution_page(request, resolution, {action: form})


@permission_required("meetings.use", raise_exception=True)
def supervision_list(request):
    state = request.GET.get("state") or None
    if state not in (None, "overdue", *Supervision.State.values):
        state = None
    return render(
        request,
        "meetings/supervision_list.html",
        {
            "supervisions": selectors.supervision_list(user=request.user, state=state)[
                :300
            ],
            "states": [("overdue", _("Overdue")), *Supervision.State.choices],
            "state": state,
        },
    )


def _supervision_page(request, supervision, forms=None):
    forms = forms or {}
    user = request.user
    supervision = selectors.supervision_detail(supervision=supervision)
    can_supervise = user.has_perm("meetings.supervise", supervision)
    reportable = [
        a
        for a in supervision.assignments.all()
        if supervision.state == Supervision.State.OPEN
        and a.completed_at is None
        and user.has_perm("meetings.report_execution", a)
    ]
    report_forms = []
    for assignment in reportable:
        bound = forms.get("report")
        if bound is not None and bound.data.get(
            f"report-{assignment.pk}-assignment"
        ) == str(assignment.pk):
            report_forms.append((assignment, bound))
        else:
            report_forms.append(
                (
                    assignment,
                    ExecutionReportForm(
                        prefix=f"report-{assignment.pk}",
                        initial={"assignment": assignment.pk},
                    ),
                )
            )
    context = {
        "supervision": supervision,
        "resolution": supervision.resolution,
        "report_forms": report_forms,
        "can_supervise": can_supervise,
        "is_overdue": supervision.state == Supervision.State.OPEN
        and supervision.deadline < timezone.localdate(),
    }
    if can_supervise and supervision.state != Supervision.State.CLOSED:
        context["follow_up_form"] = forms.get("follow_up") or NoteForm(
            prefix="follow_up"
        )
    if can_supervise and supervision.state == Supervision.State.REPORTED:
        context["confirm_form"] = forms.get("confirm") or NoteForm(prefix="confirm")
        context["send_back_form"] = forms.get("send_back") or ReasonForm(
            prefix="send_back"
        )
    return render(request, "meetings/supervision_detail.html", context)


def supervision_detail(request, pk):
    supervision = load(Supervision, request, pk)
    check(request, "meetings.view_supervision", supervision)
    return _supervision_page(request, supervision)


@require_POST
def supervision_action(request, pk, action):
    supervision = load(Supervision, request, pk)
    user = request.user
    if action == "report":
        assignment_id = request.POST.get("assignment_id", "")
        if not assignment_id.isdigit():
            raise Http404
        assignment = load(
            SupervisionAssignment,
            request,
            int(assignment_id),
            field="supervision__procuratorate",
        )
        if assignment.supervision_id != supervision.pk:
            raise Http404
        check(request, "meetings.report_execution", assignment)
        form = ExecutionReportForm(request.POST, prefix=f"report-{assignment.pk}")
        call = lambda d: services.execution_report(  # noqa: E731
            actor=user,
            assignment=assignment,
            text=d["text"],
            is_complete=d["is_complete"],
        )
        success = _("The execution report was sent.")
    elif action in ("follow_up", "confirm", "send_back"):
        check(request, "meetings.supervise", supervision)
        if action == "send_back":
            form = ReasonForm(request.POST, prefix="send_back")
            call = lambda d: services.supervision_send_back(  # noqa: E731
                actor=user, supervision=supervision, reason=d["reason"]
            )
            success = _("Sent back to the departments.")
        else:
            form = NoteForm(request.POST, prefix=action)
            if action == "follow_up":
                call = lambda d: services.supervision_follow_up(  # noqa: E731
                    actor=user, supervision=supervision, note=d["note"]
                )
                success = _("The follow-up was recorded.")
            else:
                call = lambda d: services.supervision_confirm(  # noqa: E731
                    actor=user, supervision=supervision, note=d["note"]
                )
                success = _("The resolution is confirmed as carried out.")
    else:
        raise Http404
    if form.is_valid() and attempt(request, lambda: call(form.cleaned_data), form):
        messages.success(request, success)
        return redirect(supervision)
    return _supervision_page(request, supervision, {action: form})


def monthly_report(request, pk):
    """A department's report at the regular office meeting, and its comment."""
    report = load(MonthlyReport, request, pk, field="meeting__procuratorate")
    user = request.user
    can_submit = user.has_perm("meetings.submit_monthly_report", report)
    can_comment = user.has_perm("meetings.comment_monthly_report", report)
    if not (
        can_submit
        or can_comment
        or user.has_perm("meetings.view_meeting", report.meeting)
    ):
        raise PermissionDenied
    report_form = MonthlyReportForm(
        prefix="report", initial={"content": report.content}
    )
    comment_form = MonthlyCommentForm(
        prefix="comment", initial={"comment": report.deputy_comment}
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "submit" and can_submit:
            report_form = MonthlyReportForm(request.POST, prefix="report")
            form, call = (
                report_form,
                lambda d: services.monthly_report_submit(
                    actor=user, report=report, content=d["content"]
                ),
            )
        elif action == "comment" and can_comment:
            comment_form = MonthlyCommentForm(request.POST, prefix="comment")
            form, call = (
                comment_form,
                lambda d: services.monthly_report_comment(
                    actor=user, report=report, comment=d["comment"]
                ),
            )
        else:
            raise PermissionDenied
        if form.is_valid() and attempt(request, lambda: call(form.cleaned_data), form):
            messages.success(request, _("Saved."))
            return redirect("meetings:monthly_report", pk=report.pk)
        report.refresh_from_db()
    return render(
        request,
        "meetings/monthly_report.html",
        {
            "report": report,
            "meeting": report.meeting,
            "report_form": report_form
            if can_submit and not report.commented_at
            else None,
            "comment_form": comment_form
            if can_comment and report.submitted_at
            else None,
        },
    )


def _review_period(request):
    year, half = selectors.current_half()
    form = ReviewPeriodForm(request.GET or None, initial={"year": year, "half": half})
    if request.GET and form.is_valid():
        year, half = form.cleaned_data["year"], form.cleaned_data["half"]
    return form, year, half


@permission_required("meetings.view_review", raise_exception=True)
def half_year_review(request):
    """半年总结: the committee's half-year summary for reporting upwards."""
    form, year, half = _review_period(request)
    review = selectors.half_year_review(
        procuratorate_id=user_procuratorate_id(request.user), year=year, half=half
    )
    return render(request, "meetings/review.html", {"form": form, "review": review})


@permission_required("meetings.view_review", raise_exception=True)
def half_year_review_pdf(request):
    _form, year, half = _review_period(request)
    review = selectors.half_year_review(
        procuratorate_id=user_procuratorate_id(request.user), year=year, half=half
    )
    staff = staff_of(request.user)
    return pdf_response(
        review_pdf(review, staff.procuratorate), f"committee-review-{year}-{half}.pdf"
    )
