"""Knowledge contests: the question bank, drawing a quiz, timed attempts, scoring.

The server keeps the clock: an attempt's deadline is fixed when it starts
(the time allowed, but never past the contest's closing time); answers that
arrive after the deadline (plus a few seconds for the network) are not taken.
"""

import datetime
import random

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import Refused, authorize, locked, transition_check

from ..models import (
    Answer,
    Attempt,
    Choice,
    Question,
    QuestionKind,
    Quiz,
    QuizQuestion,
)
from ._common import assign_fields, new_or_locked, save_audited, step_taken

# Answers sent in the last seconds still count: the browser submits at zero and
# the request needs a moment to arrive.
GRACE = datetime.timedelta(seconds=10)

QUESTION_FIELDS = ["kind", "text", "topic", "explanation", "is_active"]
QUIZ_FIELDS = [
    "title",
    "description",
    "opens_at",
    "closes_at",
    "duration_minutes",
    "single_count",
    "multiple_count",
    "true_false_count",
    "single_points",
    "multiple_points",
    "true_false_points",
]
TRUE_FALSE_TEXTS = ("正确", "错误")


# -------------------------------------------------------------- question bank
def _check_choices(kind, choices):
    texts = [text.strip() for text, _correct in choices]
    correct = sum(1 for _text, is_correct in choices if is_correct)
    if any(not text for text in texts):
        raise ValidationError(_("Every option needs a text."))
    if len(set(texts)) != len(texts):
        raise ValidationError(_("Two options have the same text."))
    if kind == QuestionKind.TRUE_FALSE:
        if correct != 1:
            raise ValidationError(_("Say whether the statement is true or false."))
    elif kind == QuestionKind.SINGLE:
        if len(choices) < 2 or correct != 1:
            raise ValidationError(
                _("A single-choice question has at least two options and one answer.")
            )
    elif len(choices) < 3 or correct < 2:
        raise ValidationError(
            _(
                "A multiple-choice question has at least three options and at "
                "least two correct ones."
            )
        )


def true_false_choices(statement_is_true):
    return [
        (TRUE_FALSE_TEXTS[0], bool(statement_is_true)),
        (TRUE_FALSE_TEXTS[1], not statement_is_true),
    ]


@transaction.atomic
def question_save(*, actor, fields, choices, question=None):
    """Create or change a bank question; `choices` is [(text, is_correct)] in order.

    A question already drawn into a contest is not changed under its
    participants: edit a copy instead.
    """
    question = new_or_locked(
        actor,
        question,
        Question,
        creator="created_by",
        check=lambda q: authorize(actor, "integrity.manage_question", q),
    )
    if question.pk and QuizQuestion.objects.filter(question=question).exists():
        raise ValidationError(
            _("This question is used in a contest and can no longer be changed.")
        )
    before = model_snapshot(question, fields=QUESTION_FIELDS) if question.pk else None
    assign_fields(question, fields, QUESTION_FIELDS)
    question.full_clean()
    _check_choices(question.kind, choices)
    question.save()
    question.choices.all().delete()
    Choice.objects.bulk_create(
        Choice(question=question, order=i, text=text.strip(), is_correct=bool(ok))
        for i, (text, ok) in enumerate(choices, start=1)
    )
    audit_record(
        actor=actor,
        action="integrity.question.save",
        target=question,
        before=before,
        after=model_snapshot(question, fields=QUESTION_FIELDS),
        message=gettext_noop("Saved a question of the bank"),
    )
    return question


# ------------------------------------------------------------------ contests
@transaction.atomic
def quiz_save(*, actor, fields, quiz=None):
    """Create a contest, or change one that is still a draft."""
    quiz = new_or_locked(
        actor,
        quiz,
        Quiz,
        creator="organiser",
        check=lambda q: transition_check(
            actor, q.revise, wrong_step=_("Only a draft contest can be changed.")
        ),
    )
    assign_fields(quiz, fields, QUIZ_FIELDS)
    if quiz.opens_at and quiz.closes_at and quiz.closes_at <= quiz.opens_at:
        raise ValidationError(
            {"closes_at": _("The contest must close after it opens.")}
        )
    if quiz.single_count + quiz.multiple_count + quiz.true_false_count == 0:
        raise ValidationError(_("The contest needs at least one question."))
    return save_audited(
        quiz,
        actor=actor,
        action="integrity.quiz.save",
        names=QUIZ_FIELDS,
        message=gettext_noop("Saved a knowledge contest"),
    )


@transaction.atomic
def quiz_draw(*, actor, quiz, rng=None):
    """Draw the contest's questions at random from the active bank (redraw allowed
    while it is a draft)."""
    quiz = locked(quiz)
    transition_check(
        actor,
        quiz.revise,
        wrong_step=_("Questions are drawn only while the contest is a draft."),
    )
    rng = rng or random.SystemRandom()
    drawn = []
    for kind, count in (
        (QuestionKind.SINGLE, quiz.single_count),
        (QuestionKind.MULTIPLE, quiz.multiple_count),
        (QuestionKind.TRUE_FALSE, quiz.true_false_count),
    ):
        pool = list(
            Question.objects.filter(
                procuratorate_id=quiz.procuratorate_id, kind=kind, is_active=True
            ).values_list("pk", flat=True)
        )
        if len(pool) < count:
            raise ValidationError(
                _(
                    "The bank holds %(have)d active “%(kind)s” questions; the "
                    "contest needs %(need)d."
                )
                % {"have": len(pool), "kind": QuestionKind(kind).label, "need": count}
            )
        drawn += [(pk, quiz.points_for(kind)) for pk in rng.sample(pool, count)]
    quiz.quiz_questions.all().delete()
    QuizQuestion.objects.bulk_create(
        QuizQuestion(quiz=quiz, question_id=pk, order=i, points=points)
        for i, (pk, points) in enumerate(drawn, start=1)
    )
    audit_record(
        actor=actor,
        action="integrity.quiz.draw",
        target=quiz,
        after={"questions": [pk for pk, _points in drawn]},
        message=gettext_noop("Drew the contest's questions"),
    )
    return quiz


@transaction.atomic
def quiz_publish(*, actor, quiz):
    """Open the drawn contest to the staff."""
    quiz = locked(quiz)
    transition_check(actor, quiz.publish)
    if not quiz.quiz_questions.exists():
        raise ValidationError(_("Draw the questions before publishing."))
    if quiz.closes_at <= timezone.now():
        raise ValidationError(_("The closing time has already passed."))
    return step_taken(
        quiz,
        quiz.publish,
        actor=actor,
        action="integrity.quiz.publish",
        message=gettext_noop("Published a knowledge contest"),
    )


@transaction.atomic
def quiz_close(*, actor, quiz):
    """Close the contest: attempts still running are scored as they stand."""
    quiz = locked(quiz)
    transition_check(actor, quiz.close)
    moment = timezone.now()
    quiz.close()
    quiz.closed_at = moment
    quiz.save(update_fields=["state", "closed_at", "updated_at"])
    for attempt in Attempt.objects.select_for_update().filter(
        quiz=quiz, status=Attempt.Status.IN_PROGRESS
    ):
        _finish(attempt, Attempt.Status.EXPIRED, moment)
    audit_record(
        actor=actor,
        action="integrity.quiz.close",
        target=quiz,
        message=gettext_noop("Closed a knowledge contest"),
    )
    return quiz


# ------------------------------------------------------------------ attempts
def attempt_start(*, actor, quiz):
    """Start (or resume) the actor's one attempt at a running contest."""
    authorize(actor, "integrity.take_quiz", quiz)
    try:
        with transaction.atomic():
            return _attempt_start(actor, quiz)
    except IntegrityError:
        # Two tabs started at once: the unique constraint let one through.
        return Attempt.objects.get(quiz=quiz, user=actor)


def _attempt_start(actor, quiz):
    quiz = Quiz.objects.get(pk=quiz.pk)
    existing = Attempt.objects.filter(quiz=quiz, user=actor).first()
    if existing is not None:
        return existing
    if not quiz.is_running:
        raise ValidationError(_("The contest is not open now."))
    moment = timezone.now()
    deadline = min(
        moment + datetime.timedelta(minutes=quiz.duration_minutes), quiz.closes_at
    )
    order = list(quiz.quiz_questions.values_list("pk", flat=True))
    random.SystemRandom().shuffle(order)
    attempt = Attempt.objects.create(
        quiz=quiz,
        user=actor,
        department_id=actor.staff.department_id,
        started_at=moment,
        deadline=deadline,
        question_order=order,
    )
    audit_record(
        actor=actor,
        action="integrity.attempt.start",
        target=attempt,
        procuratorate=quiz.procuratorate,
        after={"deadline": deadline},
        message=gettext_noop("Started a knowledge contest"),
    )
    return attempt


def _own(actor, attempt):
    if attempt.user_id != actor.pk:
        raise Refused(_("This is not your attempt."))
    return attempt


def _store_answers(attempt, answers, moment):
    """Keep `answers` ({quiz question id: [option ids]}) for the attempt."""
    questions = {
        qq.pk: qq
        for qq in QuizQuestion.objects.filter(quiz_id=attempt.quiz_id).select_related(
            "question"
        )
    }
    valid_choices = dict(
        Choice.objects.filter(
            question_id__in=[qq.question_id for qq in questions.values()]
        ).values_list("pk", "question_id")
    )
    for qq_id, selected in answers.items():
        qq = questions.get(int(qq_id))
        if qq is None:
            raise ValidationError(_("That question is not part of this contest."))
        chosen = sorted({int(c) for c in selected})
        if any(valid_choices.get(c) != qq.question_id for c in chosen):
            raise ValidationError(_("That option does not belong to the question."))
        if qq.question.kind != QuestionKind.MULTIPLE and len(chosen) > 1:
            raise ValidationError(_("Choose one option only."))
        Answer.objects.update_or_create(
            attempt=attempt,
            quiz_question=qq,
            defaults={"selected": chosen, "saved_at": moment},
        )


def attempt_save(*, actor, attempt, answers):
    """Keep the answers given so far (the page saves on every change).

    Too late, the attempt is scored as it stands (committed) and the call is
    refused.
    """
    with transaction.atomic():
        attempt = _own(actor, locked(attempt, related=["quiz"]))
        moment = timezone.now()
        if attempt.is_finished:
            raise ValidationError(_("The attempt is already over."))
        if moment <= attempt.deadline + GRACE:
            _store_answers(attempt, answers, moment)
            return attempt
        _finish(attempt, Attempt.Status.EXPIRED, moment)
    raise ValidationError(_("Time is up: later answers are not taken."))


@transaction.atomic
def attempt_submit(*, actor, attempt, answers=None):
    """Hand in the attempt and score it.

    After the deadline (and the grace seconds) the answers sent now are not
    taken: the attempt is scored with what was saved in time.
    """
    attempt = _own(actor, locked(attempt, related=["quiz"]))
    if attempt.is_finished:
        return attempt
    moment = timezone.now()
    if moment > attempt.deadline + GRACE:
        return _finish(attempt, Attempt.Status.EXPIRED, moment)
    if answers:
        _store_answers(attempt, answers, moment)
    return _finish(attempt, Attempt.Status.SUBMITTED, moment)


def attempts_expire(*, now=None):
    """Score every attempt whose time ran out; return how many. Safe to run twice."""
    now = now or timezone.now()
    count = 0
    overdue = Attempt.objects.filter(
        status=Attempt.Status.IN_PROGRESS, deadline__lt=now - GRACE
    ).values_list("pk", flat=True)
    for pk in overdue:
        with transaction.atomic():
            attempt = Attempt.objects.select_for_update().get(pk=pk)
            if attempt.status == Attempt.Status.IN_PROGRESS:
                _finish(attempt, Attempt.Status.EXPIRED, now)
                count += 1
    return count


def score_answer(kind, selected, correct, points):
    """Return (points, fully correct?) for one answer.

    Single choice and true/false: all or nothing. Multiple choice: every
    correct option and no wrong one earns the full points; some correct
    options and no wrong one earns half (少选得一半分); any wrong option, none.
    """
    selected, correct = set(selected), set(correct)
    if not selected:
        return 0, False
    if selected == correct:
        return points, True
    if kind == QuestionKind.MULTIPLE and selected < correct:
        return points // 2, False
    return 0, False


def _finish(attempt, status, moment):
    correct_by_question = {}
    drawn = QuizQuestion.objects.filter(quiz_id=attempt.quiz_id).values("question_id")
    for question_id, choice_id in Choice.objects.filter(
        question_id__in=drawn, is_correct=True
    ).values_list("question_id", "pk"):
        correct_by_question.setdefault(question_id, set()).add(choice_id)
    total = correct_total = 0
    answers = list(
        attempt.answers.select_related("quiz_question__question").filter(
            saved_at__lte=attempt.deadline + GRACE
        )
    )
    for answer in answers:
        qq = answer.quiz_question
        answer.points, answer.is_correct = score_answer(
            qq.question.kind,
            answer.selected,
            correct_by_question.get(qq.question_id, set()),
            qq.points,
        )
        total += answer.points
        correct_total += answer.is_correct
    Answer.objects.bulk_update(answers, ["points", "is_correct"])
    attempt.status = status
    attempt.finished_at = moment
    attempt.score = total
    attempt.correct_count = correct_total
    attempt.full_clean()
    attempt.save(
        update_fields=["status", "finished_at", "score", "correct_count", "updated_at"]
    )
    audit_record(
        actor=attempt.user if status == Attempt.Status.SUBMITTED else None,
        action=f"integrity.attempt.{status}",
        target=attempt,
        procuratorate=attempt.quiz.procuratorate,
        after={"score": total, "correct": correct_total},
        message=gettext_noop("Finished a knowledge contest"),
    )
    return attempt
