"""Pages for resolutions, decision documents, supervision, the monthly reports
of the office meeting and the committee's half-year review."""

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.actions import Action, ActionSet, calls
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
from ._common import list_filter, load, offers_by_name, pdf_response

# ------------------------------------------------------------------ resolutions


def _load_resolution(request, pk):
    return load(Resolution, request, pk, perm="meetings.view_resolution")


RESOLUTION_ACTIONS = ActionSet(
    "meetings:resolution_action",
    load=_load_resolution,
    actions=[
        Action(
            "supervise",
            _("Assign and supervise"),
            title=_("Assign for execution (督办)"),
            perm="meetings.supervise",
            form=SupervisionForm,
            form_kwargs=lambda request, resolution: {
                "departments": department_list(user=request.user)
            },
            run=calls(
                services.supervision_assign,
                "resolution",
                "departments",
                "deadline",
                "requirement",
            ),
            done=_("The resolution is assigned and under supervision."),
            next=lambda resolution, supervision: supervision.get_absolute_url(),
        ),
        Action(
            "report_upward",
            _("Report to the upper procuratorate"),
            title=_("Disagree with the majority"),
            perm="meetings.report_upward",
            form=ReasonForm,
            style="outline-danger",
            run=calls(services.resolution_report_upward, "resolution", "reason"),
            done=_("Recorded as reported to the upper procuratorate."),
        ),
        Action(
            "upper_decision",
            _("Record"),
            title=_("Decision of the upper procuratorate"),
            perm="meetings.record_upper_decision",
            form=UpperDecisionForm,
            run=calls(
                services.resolution_record_upper_decision,
                "resolution",
                "passed",
                "text",
            ),
            done=_("The upper procuratorate's decision was recorded."),
        ),
    ],
)


def _resolution_open_actions(resolution, supervision):
    """What the resolution's status allows (it has no transitions of its own)."""
    if resolution.status == Resolution.Status.REPORTED_UPWARD:
        return ["upper_decision"]
    if supervision is not None:
        return []
    names = ["supervise"] if resolution.carries_out else []
    locked = Minutes.objects.filter(
        meeting_id=resolution.item.meeting_id, state=Minutes.State.APPROVED
    ).exists()
    if not locked:
        names.append("report_upward")
    return names


def resolution_detail(request, pk):
    resolution = selectors.resolution_detail(resolution=_load_resolution(request, pk))
    supervision = Supervision.objects.filter(resolution=resolution).first()
    offers = RESOLUTION_ACTIONS.offered(
        request,
        resolution,
        only=_resolution_open_actions(resolution, supervision),
    )
    context = {
        "resolution": resolution,
        "item": resolution.item,
        "supervision": supervision,
        "actions": offers_by_name(offers),
        "cards": offers,
    }
    return render(request, "meetings/resolution_detail.html", context)


def decision_pdf(request, pk):
    """The committee's numbered decision document."""
    resolution = _load_resolution(request, pk)
    if not resolution.document_number:
        raise Http404
    return pdf_response(
        render_decision_pdf(resolution),
        f"decision-{resolution.doc_year}-{resolution.doc_seq}.pdf",
    )


@permission_required("meetings.use", raise_exception=True)
def supervision_list(request):
    state = list_filter(
        request,
        "state",
        [("overdue", _("Overdue")), *Supervision.State.choices],
        label=_("State"),
        everything=_("All"),
    )
    supervisions = selectors.supervision_list(user=request.user, state=state.value)
    return render(
        request,
        "meetings/supervision_list.html",
        {"supervisions": supervisions[:300], "filters": [state]},
    )


# ------------------------------------------------------------------ supervision


def _load_supervision(request, pk):
    return load(Supervision, request, pk, perm="meetings.view_supervision")


SUPERVISION_ACTIONS = ActionSet(
    "meetings:supervision_action",
    load=_load_supervision,
    actions=[
        Action(
            "confirm",
            _("Confirm carried out"),
            transition="complete",
            form=NoteForm,
            style="success",
            run=calls(services.supervision_confirm, "supervision", "note"),
            done=_("The resolution is confirmed as carried out."),
        ),
        Action(
            "send_back",
            _("Send back to the departments"),
            transition="reopen",
            form=ReasonForm,
            style="outline-danger",
            run=calls(services.supervision_send_back, "supervision", "reason"),
            done=_("Sent back to the departments."),
        ),
        Action(
            "follow_up",
            _("Record the follow-up"),
            title=_("Follow up (催办)"),
            perm="meetings.supervise",
            form=NoteForm,
            style="outline-primary",
            run=calls(services.supervision_follow_up, "supervision", "note"),
            done=_("The follow-up was recorded."),
        ),
    ],
)


def _load_assignment(request, pk):
    assignment = load(
        SupervisionAssignment, request, pk, field="supervision__procuratorate"
    )
    _load_supervision(request, assignment.supervision_id)
    return assignment


ASSIGNMENT_ACTIONS = ActionSet(
    "meetings:assignment_action",
    load=_load_assignment,
    actions=[
        Action(
            "report",
            _("Send the report"),
            perm="meetings.report_execution",
            form=ExecutionReportForm,
            run=calls(services.execution_report, "assignment", "text", "is_complete"),
            done=_("The execution report was sent."),
        ),
    ],
)


def supervision_detail(request, pk):
    supervision = selectors.supervision_detail(
        supervision=_load_supervision(request, pk)
    )
    is_open = supervision.state == Supervision.State.OPEN
    reports = []
    for assignment in supervision.assignments.all():
        if is_open and assignment.completed_at is None:
            offers = ASSIGNMENT_ACTIONS.offered(request, assignment)
            reports += [(assignment, offer) for offer in offers]
    only = None if supervision.state != Supervision.State.CLOSED else []
    context = {
        "supervision": supervision,
        "resolution": supervision.resolution,
        "reports": reports,
        "actions": offers_by_name(
            SUPERVISION_ACTIONS.offered(request, supervision, only=only)
        ),
        "is_overdue": is_open and supervision.deadline < timezone.localdate(),
    }
    return render(request, "meetings/supervision_detail.html", context)


# ------------------------------------------------------------------ monthly reports


def _load_report(request, pk):
    report = load(MonthlyReport, request, pk, field="meeting__procuratorate")
    user = request.user
    if not (
        user.has_perm("meetings.submit_monthly_report", report)
        or user.has_perm("meetings.comment_monthly_report", report)
        or user.has_perm("meetings.view_meeting", report.meeting)
    ):
        raise PermissionDenied
    return report


MONTHLY_ACTIONS = ActionSet(
    "meetings:monthly_action",
    load=_load_report,
    actions=[
        Action(
            "submit",
            _("Submit the report"),
            perm="meetings.submit_monthly_report",
            form=MonthlyReportForm,
            form_kwargs=lambda request, report: {
                "initial": {"content": report.content}
            },
            run=calls(services.monthly_report_submit, "report", "content"),
            done=_("Saved."),
        ),
        Action(
            "comment",
            _("Save the comment"),
            perm="meetings.comment_monthly_report",
            form=MonthlyCommentForm,
            form_kwargs=lambda request, report: {
                "initial": {"comment": report.deputy_comment}
            },
            run=calls(services.monthly_report_comment, "report", "comment"),
            done=_("Saved."),
        ),
    ],
)


def monthly_report(request, pk):
    """A department's report at the regular office meeting, and its comment."""
    report = _load_report(request, pk)
    # The report is final once commented on; the comment follows the report.
    only = ["comment"] if report.submitted_at else []
    if report.commented_at is None:
        only.append("submit")
    return render(
        request,
        "meetings/monthly_report.html",
        {
            "report": report,
            "meeting": report.meeting,
            "actions": offers_by_name(
                MONTHLY_ACTIONS.offered(request, report, only=only)
            ),
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
