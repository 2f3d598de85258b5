"""Monthly plans and results (月度工作计划与总结) and the office's meetings."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.core.selectors import department_list

from .. import selectors, services
from ..forms import AnswerForm, MeetingForm, PlanItemForm, PlanResultsForm, QuestionForm
from ..models import MeetingQuestion, MonthlyPlan
from ._common import SERVICE_ERRORS, report_refusal, require_perm


def _month_links(month):
    previous = (month - datetime.timedelta(days=1)).replace(day=1)
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return previous, following


@permission_required("disclosure.view_board", raise_exception=True)
def plan_board(request):
    month = selectors.parse_month(request.GET.get("month"))
    previous, following = _month_links(month)
    rows = selectors.plan_board(user=request.user, month=month)
    staff = request.user.staff
    can_keep = request.user.has_perm("disclosure.keep_plans")
    mine = selectors.my_month_plans(user=request.user, month=month) if can_keep else {}
    return render(
        request,
        "disclosure/plan_board.html",
        {
            "rows": rows,
            "month": month,
            "previous": previous,
            "following": following,
            "can_keep": can_keep,
            "keeps_department": staff.has_role("department_head", "department_clerk"),
            "mine": mine,
        },
    )


@require_POST
@permission_required("disclosure.keep_plans", raise_exception=True)
def plan_create(request):
    month = selectors.parse_month(request.POST.get("month"))
    personal = request.POST.get("personal") == "1"
    try:
        plan = services.plan_create(actor=request.user, month=month, personal=personal)
    except PermissionDenied:
        raise
    except SERVICE_ERRORS as exc:
        report_refusal(request, exc)
        return redirect(f"{_board_url()}?month={month:%Y-%m}")
    return redirect(plan)


def _board_url():
    from django.urls import reverse

    return reverse("disclosure:plan_board")


def _detail(request, plan, progress, **forms):
    can_edit = request.user.has_perm("disclosure.edit_plan", plan)
    items = list(plan.items.all())
    return render(
        request,
        "disclosure/plan_detail.html",
        {
            "plan": plan,
            "items": items,
            "progress": progress,
            "can_edit": can_edit,
            "item_form": forms.get("item_form") or PlanItemForm()
            if can_edit and plan.state == MonthlyPlan.State.DRAFT
            else None,
            "results_form": forms.get("results_form") or PlanResultsForm(items=items)
            if can_edit and plan.state == MonthlyPlan.State.PLANNED
            else None,
        },
    )


@permission_required("disclosure.view_board", raise_exception=True)
def plan_detail(request, pk):
    plan, progress = selectors.plan_detail(user=request.user, pk=pk)
    if plan.state == MonthlyPlan.State.DRAFT and not request.user.has_perm(
        "disclosure.edit_plan", plan
    ):
        raise Http404
    return _detail(request, plan, progress)


def _load_for_edit(request, pk):
    plan, progress = selectors.plan_detail(user=request.user, pk=pk)
    require_perm(request.user, "disclosure.edit_plan", plan)
    return plan, progress


@require_POST
def plan_item_add(request, pk):
    plan, progress = _load_for_edit(request, pk)
    form = PlanItemForm(request.POST)
    if form.is_valid():
        try:
            services.plan_item_add(
                actor=request.user, plan=plan, content=form.cleaned_data["content"]
            )
        except SERVICE_ERRORS as exc:
            report_refusal(request, exc)
        else:
            return redirect(plan)
    return _detail(request, plan, progress, item_form=form)


@require_POST
def plan_item_remove(request, pk, item_pk):
    plan, _progress = _load_for_edit(request, pk)
    item = get_object_or_404(plan.items.all(), pk=item_pk)
    try:
        services.plan_item_remove(actor=request.user, plan=plan, item=item)
    except SERVICE_ERRORS as exc:
        report_refusal(request, exc)
    return redirect(plan)


@require_POST
def plan_publish(request, pk):
    plan, _progress = _load_for_edit(request, pk)
    try:
        services.plan_publish(actor=request.user, plan=plan)
    except SERVICE_ERRORS as exc:
        report_refusal(request, exc)
    else:
        messages.success(request, _("The plan is published on the board."))
    return redirect(plan)


@require_POST
def plan_results(request, pk):
    plan, progress = _load_for_edit(request, pk)
    form = PlanResultsForm(request.POST, items=list(plan.items.all()))
    if form.is_valid():
        try:
            services.plan_record_results(
                actor=request.user,
                plan=plan,
                results=form.results(),
                extra=form.extra(),
            )
        except SERVICE_ERRORS as exc:
            report_refusal(request, exc)
        else:
            messages.success(request, _("The results are published on the board."))
            return redirect(plan)
    return _detail(request, plan, progress, results_form=form)


@permission_required("disclosure.view_board", raise_exception=True)
def meeting_list(request):
    can_record = request.user.has_perm("disclosure.record_meeting")
    form = MeetingForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        if form.is_valid():
            try:
                meeting = services.meeting_record(
                    actor=request.user, **form.cleaned_data
                )
            except SERVICE_ERRORS as exc:
                report_refusal(request, exc)
            else:
                return redirect(meeting)
    return render(
        request,
        "disclosure/meeting_list.html",
        {
            "meetings": selectors.meeting_list(user=request.user),
            "form": form if can_record else None,
        },
    )


def _meeting_page(request, meeting, refusals, question_form=None):
    can_record = request.user.has_perm("disclosure.record_meeting")
    return render(
        request,
        "disclosure/meeting_detail.html",
        {
            "meeting": meeting,
            "refusals": refusals,
            "can_record": can_record,
            "question_form": question_form
            or QuestionForm(departments=department_list(user=request.user)),
            "answer_form": AnswerForm(),
        },
    )


@permission_required("disclosure.view_board", raise_exception=True)
def meeting_detail(request, pk):
    meeting, refusals = selectors.meeting_detail(user=request.user, pk=pk)
    return _meeting_page(request, meeting, refusals)


@require_POST
@permission_required("disclosure.record_meeting", raise_exception=True)
def meeting_question_add(request, pk):
    meeting, refusals = selectors.meeting_detail(user=request.user, pk=pk)
    form = QuestionForm(request.POST, departments=department_list(user=request.user))
    if form.is_valid():
        try:
            services.meeting_question_add(
                actor=request.user, meeting=meeting, **form.cleaned_data
            )
        except SERVICE_ERRORS as exc:
            report_refusal(request, exc)
        else:
            return redirect(meeting)
    return _meeting_page(request, meeting, refusals, question_form=form)


@require_POST
@permission_required("disclosure.record_meeting", raise_exception=True)
def meeting_question_answer(request, pk, question_pk):
    meeting, _refusals = selectors.meeting_detail(user=request.user, pk=pk)
    question = get_object_or_404(MeetingQuestion, pk=question_pk, meeting=meeting)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_question_answer(
                actor=request.user,
                question=question,
                answer=form.cleaned_data["answer"],
            )
        except SERVICE_ERRORS as exc:
            report_refusal(request, exc)
    else:
        messages.error(request, _("Write the answer."))
    return redirect(meeting)
