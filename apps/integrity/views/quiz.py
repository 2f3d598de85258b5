"""Knowledge-contest pages. Thin: parse, check permission, call a service or
selector, render; refusals are shown in Chinese and forms keep their input."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from apps.core.actions import (
    Action,
    ActionSet,
    transition_available,
)

from .. import services
from ..forms import QuestionForm, QuizForm
from ..models import Attempt, QuestionKind
from ..selectors import (
    attempt_for_taking,
    attempt_review,
    department_ranking,
    person_ranking,
    question_detail,
    question_list,
    quiz_detail,
    quiz_list,
)
from .common import editable, form_saved, visible


# --------------------------------------------------------------- question bank
@permission_required("integrity.organise", raise_exception=True)
def question_index(request):
    kind = request.GET.get("kind", "")
    kind = kind if kind in QuestionKind.values else ""
    query = request.GET.get("q", "").strip()[:50]
    return render(
        request,
        "integrity/question_list.html",
        {
            "questions": question_list(user=request.user, kind=kind, query=query)[:500],
            "kinds": QuestionKind.choices,
            "kind": kind,
            "query": query,
        },
    )


@permission_required("integrity.organise", raise_exception=True)
def question_edit(request, pk=None):
    question = question_detail(user=request.user, pk=pk) if pk else None
    form = QuestionForm(request.POST or None, question=question)
    saved = form_saved(
        request,
        form,
        lambda data: services.question_save(
            actor=request.user,
            fields=form.service_fields(),
            choices=data["choices"],
            question=question,
        ),
        _("The question is saved."),
    )
    if saved:
        if request.POST.get("action") == "another":
            return redirect("integrity:question_create")
        return redirect("integrity:question_list")
    return render(
        request, "integrity/question_form.html", {"form": form, "question": question}
    )


# ------------------------------------------------------------------- contests
@permission_required("integrity.view", raise_exception=True)
def quiz_index(request):
    return render(
        request,
        "integrity/quiz_list.html",
        {"quizzes": quiz_list(user=request.user)[:100]},
    )


@permission_required("integrity.organise", raise_exception=True)
def quiz_edit(request, pk=None):
    quiz = editable(request, quiz_detail, pk, "integrity.manage_quiz")
    form = QuizForm(request.POST or None, instance=quiz)
    saved = form_saved(
        request,
        form,
        lambda data: services.quiz_save(actor=request.user, fields=data, quiz=quiz),
        _("The contest is saved."),
    )
    if saved:
        return redirect(saved)
    return render(request, "integrity/quiz_form.html", {"form": form, "quiz": quiz})


_load = visible(quiz_detail, "integrity.take_quiz")


quiz_actions = ActionSet(
    "integrity:quiz_act",
    load=_load,
    actions=[
        Action(
            "draw",
            gettext_lazy("Draw the questions"),
            transition="revise",
            run=lambda user, quiz, data: services.quiz_draw(actor=user, quiz=quiz),
            done=gettext_lazy("The questions are drawn."),
            style="outline-primary",
        ),
        Action(
            "publish",
            gettext_lazy("Publish"),
            transition="publish",
            run=lambda user, quiz, data: services.quiz_publish(actor=user, quiz=quiz),
            done=gettext_lazy("The contest is published."),
        ),
        Action(
            "close",
            gettext_lazy("Close the contest"),
            transition="close",
            run=lambda user, quiz, data: services.quiz_close(actor=user, quiz=quiz),
            done=gettext_lazy("The contest is closed; the ranking is final."),
            confirm=gettext_lazy(
                "Close the contest now? Attempts still running are scored as they "
                "stand."
            ),
            style="outline-danger",
        ),
    ],
)


def quiz_view(request, pk):
    quiz = _load(request, pk)
    user = request.user
    offers = quiz_actions.offered(request, quiz)
    can_revise = transition_available(user, quiz, "revise")
    return render(
        request,
        "integrity/quiz_detail.html",
        {
            "quiz": quiz,
            "attempt": Attempt.objects.filter(quiz=quiz, user=user).first(),
            "can_manage": user.has_perm("integrity.manage_quiz", quiz),
            "can_rank": user.has_perm("integrity.view_ranking", quiz),
            "can_revise": can_revise,
            "actions": {offer.name: offer for offer in offers},
            "steps": [o for o in offers if o.name != "draw"],
            "drawn": quiz.quiz_questions.select_related("question")
            if can_revise
            else None,
        },
    )


def _answers_from(request, attempt):
    answers = {}
    for qq_id in attempt.question_order:
        values = [v for v in request.POST.getlist(f"q_{qq_id}") if v.isdigit()]
        if values:
            answers[qq_id] = [int(v) for v in values]
    return answers


def quiz_take(request, pk):
    """The quiz itself: GET starts or resumes the attempt; POST hands it in."""
    quiz = _load(request, pk)
    if request.method == "POST":
        attempt = Attempt.objects.filter(quiz=quiz, user=request.user).first()
        if attempt is None:
            raise Http404
        try:
            attempt = services.attempt_submit(
                actor=request.user,
                attempt=attempt,
                answers=_answers_from(request, attempt),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            if attempt.status == Attempt.Status.EXPIRED:
                messages.warning(
                    request,
                    _("Time was up: only the answers saved in time were scored."),
                )
            else:
                messages.success(request, _("Your answers are handed in."))
        return redirect(quiz)
    try:
        attempt = services.attempt_start(actor=request.user, quiz=quiz)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(quiz)
    if attempt.is_finished:
        return redirect(quiz)
    return render(
        request,
        "integrity/quiz_take.html",
        {"quiz": quiz, "attempt": attempt, "items": attempt_for_taking(attempt)},
    )


@require_POST
def quiz_save_answers(request, pk):
    """Autosave from the quiz page (fetch); 204 when kept, 409 when time is up."""
    quiz = quiz_detail(user=request.user, pk=pk)
    attempt = Attempt.objects.filter(quiz=quiz, user=request.user).first()
    if attempt is None:
        raise Http404
    try:
        services.attempt_save(
            actor=request.user, attempt=attempt, answers=_answers_from(request, attempt)
        )
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=409)
    return HttpResponse(status=204)


def quiz_ranking(request, pk):
    quiz = quiz_detail(user=request.user, pk=pk)
    if not request.user.has_perm("integrity.view_ranking", quiz):
        raise PermissionDenied
    return render(
        request,
        "integrity/quiz_ranking.html",
        {
            "quiz": quiz,
            "people": person_ranking(quiz=quiz),
            "departments": department_ranking(quiz=quiz),
        },
    )


def quiz_review(request, pk):
    """The participant's answers beside the correct options, after the contest."""
    quiz = quiz_detail(user=request.user, pk=pk)
    attempt = Attempt.objects.filter(quiz=quiz, user=request.user).first()
    if attempt is None or not attempt.is_finished:
        raise Http404
    if not quiz.is_finished:
        messages.info(request, _("The answers are shown when the contest closes."))
        return redirect(quiz)
    return render(
        request,
        "integrity/quiz_review.html",
        {"quiz": quiz, "attempt": attempt, "rows": attempt_review(attempt)},
    )
