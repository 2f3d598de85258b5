"""Monthly plans and results (月度工作计划与总结) and the office's meetings.

A plan's tasks, its publication and its results are the actions of
`plan_actions`; a meeting's questions and their answers those of
`meeting_actions` and `question_actions`.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from apps.core.actions import Action, ActionSet
from apps.core.selectors import department_list

from .. import selectors, services
from ..forms import (
    AnswerForm,
    MeetingForm,
    PlanItemChoiceForm,
    PlanItemForm,
    PlanResultsForm,
    QuestionForm,
)
from ._common import form_saved, month_nav


@permission_required("disclosure.view_board", raise_exception=True)
def plan_board(request):
    month = selectors.parse_month(request.GET.get("month"))
    rows = selectors.plan_board(user=request.user, month=month)
    staff = request.user.staff
    can_keep = request.user.has_perm("disclosure.keep_plans")
    mine = selectors.my_month_plans(user=request.user, month=month) if can_keep else {}
    return render(
        request,
        "disclosure/plan_board.html",
        {
            "rows": rows,
            **month_nav(month),
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
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return redirect(f"{reverse('disclosure:plan_board')}?month={month:%Y-%m}")
    return redirect(plan)


def _plan(request, pk):
    """The plan and its progress; a draft is seen only by those who keep it."""
    plan, progress = selectors.plan_detail(user=request.user, pk=pk)
    if plan.is_draft and not request.user.has_perm("disclosure.edit_plan", plan):
        raise Http404
    return plan, progress


# Tasks are added and removed while the plan can still be published (the
# model's `publish` transition: a draft, by whoever keeps the plan).
plan_actions = ActionSet(
    "disclosure:plan_act",
    load=lambda request, pk: _plan(request, pk)[0],
    actions=[
        Action(
            "add_item",
            _("Add task"),
            transition="publish",
            form=PlanItemForm,
            style="outline-primary",
            run=lambda user, plan, d: services.plan_item_add(
                actor=user, plan=plan, content=d["content"]
            ),
        ),
        Action(
            "remove_item",
            _("Remove"),
            transition="publish",
            form=PlanItemChoiceForm,
            form_kwargs=lambda request, plan: {"plan": plan},
            run=lambda user, plan, d: services.plan_item_remove(
                actor=user, plan=plan, item=d["item"]
            ),
        ),
        Action(
            "publish",
            _("Publish the plan"),
            transition="publish",
            confirm=_("Once published, the planned tasks cannot be changed. Publish?"),
            run=lambda user, plan, d: services.plan_publish(actor=user, plan=plan),
            done=_("The plan is published on the board."),
        ),
        Action(
            "results",
            _("Publish the results"),
            title=_("Register the month's results"),
            transition="report",
            form=PlanResultsForm,
            form_kwargs=lambda request, plan: {"items": list(plan.items.all())},
            run=lambda user, plan, d: services.plan_record_results(
                actor=user, plan=plan, results=d["results"], extra=d["extra"]
            ),
            done=_("The results are published on the board."),
        ),
    ],
)


@permission_required("disclosure.view_board", raise_exception=True)
def plan_detail(request, pk):
    plan, progress = _plan(request, pk)
    return render(
        request,
        "disclosure/plan_detail.html",
        {
            "plan": plan,
            "items": list(plan.items.all()),
            "progress": progress,
            "offers": {o.name: o for o in plan_actions.offered(request, plan)},
        },
    )


@permission_required("disclosure.view_board", raise_exception=True)
def meeting_list(request):
    can_record = request.user.has_perm("disclosure.record_meeting")
    form = MeetingForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied
        meeting = form_saved(
            request, form, lambda d: services.meeting_record(actor=request.user, **d)
        )
        if meeting:
            return redirect(meeting)
    return render(
        request,
        "disclosure/meeting_list.html",
        {
            "meetings": selectors.meeting_list(user=request.user),
            "form": form if can_record else None,
        },
    )


meeting_actions = ActionSet(
    "disclosure:meeting_act",
    load=lambda request, pk: selectors.meeting_detail(user=request.user, pk=pk)[0],
    actions=[
        Action(
            "add_question",
            _("Add question"),
            perm="disclosure.record_meeting",
            form=QuestionForm,
            form_kwargs=lambda request, meeting: {
                "departments": department_list(user=request.user)
            },
            style="outline-primary",
            run=lambda user, meeting, d: services.meeting_question_add(
                actor=user, meeting=meeting, **d
            ),
        ),
    ],
)

question_actions = ActionSet(
    "disclosure:question_act",
    load=lambda request, pk: selectors.meeting_question_detail(
        user=request.user, pk=pk
    ),
    back=lambda question: question.meeting.get_absolute_url(),
    actions=[
        Action(
            "answer",
            _("Answer"),
            perm="disclosure.record_meeting",
            form=AnswerForm,
            style="outline-primary btn-sm",
            run=lambda user, question, d: services.meeting_question_answer(
                actor=user, question=question, answer=d["answer"]
            ),
        ),
    ],
)


@permission_required("disclosure.view_board", raise_exception=True)
def meeting_detail(request, pk):
    meeting, refusals = selectors.meeting_detail(user=request.user, pk=pk)
    questions = [
        # An answered question is shown; only an open one offers the answer.
        (
            q,
            None
            if q.answer
            else next(iter(question_actions.offered(request, q)), None),
        )
        for q in meeting.questions.all()
    ]
    offers = meeting_actions.offered(request, meeting)
    return render(
        request,
        "disclosure/meeting_detail.html",
        {
            "meeting": meeting,
            "refusals": refusals,
            "questions": questions,
            "add_question": offers[0] if offers else None,
        },
    )
