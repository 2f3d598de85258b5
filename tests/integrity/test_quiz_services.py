"""Knowledge contests: the bank's rules, drawing, the server's clock, scoring."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.utils import timezone

from apps.integrity import services
from apps.integrity.models import Answer, Attempt, QuestionKind, Quiz
from apps.integrity.services import GRACE, score_answer

from .builders import answer_key, bank, open_quiz, quiz_fields, wrong_answers

pytestmark = pytest.mark.django_db


# ------------------------------------------------------------------- the bank
@pytest.mark.parametrize(
    ("kind", "choices"),
    [
        (QuestionKind.SINGLE, [("甲", True), ("乙", True)]),
        (QuestionKind.SINGLE, [("甲", True)]),
        (QuestionKind.MULTIPLE, [("甲", True), ("乙", False), ("丙", False)]),
        (QuestionKind.MULTIPLE, [("甲", True), ("乙", True)]),
        (QuestionKind.TRUE_FALSE, [("正确", True), ("错误", True)]),
        (QuestionKind.SINGLE, [("甲", True), ("甲", False)]),
    ],
)
def test_bank_refuses_malformed_questions(organiser, kind, choices):
    with pytest.raises(ValidationError):
        services.question_save(
            actor=organiser, fields={"kind": kind, "text": "题目"}, choices=choices
        )


def test_only_organisers_keep_the_bank(people, organiser):
    for who in ("staff", "head", "system_admin"):
        with pytest.raises(PermissionDenied):
            bank(people[who], singles=1, multiples=0, true_false=0)
    # Leadership organises too.
    bank(people["pg"], singles=1, multiples=0, true_false=0)


def test_a_question_in_a_contest_is_frozen(organiser):
    questions = bank(organiser)
    open_quiz(organiser, single_count=3, multiple_count=0, true_false_count=0)
    with pytest.raises(ValidationError):
        services.question_save(
            actor=organiser,
            fields={"kind": QuestionKind.SINGLE, "text": "改过的题目"},
            choices=[("甲", True), ("乙", False)],
            question=questions[QuestionKind.SINGLE][0],
        )


# ------------------------------------------------------------------ drawing
def test_draw_takes_the_counts_from_the_active_bank(organiser):
    questions = bank(organiser, singles=4, multiples=2, true_false=3)
    quiz = services.quiz_save(actor=organiser, fields=quiz_fields())
    services.quiz_draw(actor=organiser, quiz=quiz)
    drawn = list(quiz.quiz_questions.select_related("question"))
    kinds = [qq.question.kind for qq in drawn]
    assert kinds.count(QuestionKind.SINGLE) == 2
    assert kinds.count(QuestionKind.MULTIPLE) == 1
    assert kinds.count(QuestionKind.TRUE_FALSE) == 2
    assert {qq.points for qq in drawn if qq.question.kind == "multiple"} == {4}
    # Not enough active questions of a kind: refused with the numbers.
    for q in questions[QuestionKind.MULTIPLE]:
        q.is_active = False
        q.save()
    with pytest.raises(ValidationError, match="0"):
        services.quiz_draw(actor=organiser, quiz=quiz)


def test_publish_needs_questions_and_the_bank_of_our_procuratorate(
    organiser, other_organiser
):
    bank(other_organiser)  # another procuratorate's bank is not ours to draw
    quiz = services.quiz_save(actor=organiser, fields=quiz_fields())
    with pytest.raises(ValidationError):
        services.quiz_publish(actor=organiser, quiz=quiz)
    with pytest.raises(ValidationError):
        services.quiz_draw(actor=organiser, quiz=quiz)
    with pytest.raises(PermissionDenied):
        services.quiz_draw(actor=other_organiser, quiz=quiz)


# ------------------------------------------------------------------ scoring
@pytest.mark.parametrize(
    ("kind", "selected", "expected"),
    [
        (QuestionKind.SINGLE, [1], (2, True)),
        (QuestionKind.SINGLE, [2], (0, False)),
        (QuestionKind.SINGLE, [], (0, False)),
        (QuestionKind.TRUE_FALSE, [1], (2, True)),
        (QuestionKind.MULTIPLE, [1, 3], (2, True)),
        (QuestionKind.MULTIPLE, [1], (1, False)),  # fewer: half the points
        (QuestionKind.MULTIPLE, [1, 2], (0, False)),  # a wrong one: nothing
        (QuestionKind.MULTIPLE, [1, 2, 3], (0, False)),
    ],
)
def test_score_answer(kind, selected, expected):
    correct = [1, 3] if kind == QuestionKind.MULTIPLE else [1]
    assert score_answer(kind, selected, correct, 2) == expected


def test_full_marks_and_zero(people, organiser):
    bank(organiser)
    quiz = open_quiz(organiser)
    top = services.attempt_start(actor=people["staff"], quiz=quiz)
    services.attempt_submit(
        actor=people["staff"], attempt=top, answers=answer_key(quiz)
    )
    low = services.attempt_start(actor=people["officer"], quiz=quiz)
    services.attempt_submit(
        actor=people["officer"], attempt=low, answers=wrong_answers(quiz)
    )
    top.refresh_from_db()
    low.refresh_from_db()
    assert (top.score, top.correct_count, top.status) == (10, 5, "submitted")
    assert (low.score, low.correct_count) == (0, 0)


def test_answers_are_checked_against_the_contest(people, organiser):
    bank(organiser)
    quiz = open_quiz(organiser)
    attempt = services.attempt_start(actor=people["staff"], quiz=quiz)
    key = answer_key(quiz)
    first, second = list(key)[:2]
    with pytest.raises(ValidationError):  # an option of another question
        services.attempt_save(
            actor=people["staff"], attempt=attempt, answers={first: key[second]}
        )
    with pytest.raises(ValidationError):  # not a question of this contest
        services.attempt_save(
            actor=people["staff"], attempt=attempt, answers={999999: [1]}
        )
    with pytest.raises(PermissionDenied):  # someone else's attempt
        services.attempt_save(actor=people["officer"], attempt=attempt, answers={})


# ------------------------------------------------------------------- timing
def test_deadline_is_set_by_the_server_and_capped_by_closing(people, organiser):
    bank(organiser)
    quiz = open_quiz(
        organiser,
        duration_minutes=30,
        closes_at=timezone.now() + datetime.timedelta(minutes=10),
    )
    attempt = services.attempt_start(actor=people["staff"], quiz=quiz)
    assert attempt.deadline == quiz.closes_at
    other = open_quiz(organiser, title="第二场", duration_minutes=15)
    attempt = services.attempt_start(actor=people["staff"], quiz=other)
    assert attempt.deadline - attempt.started_at == datetime.timedelta(minutes=15)
    # Starting again resumes the same attempt and the same clock.
    again = services.attempt_start(actor=people["staff"], quiz=other)
    assert (again.pk, again.deadline) == (attempt.pk, attempt.deadline)


def _age(attempt, seconds_past_deadline):
    """Move the attempt into the past, as if it began long ago."""
    shift = (attempt.deadline - timezone.now()) + datetime.timedelta(
        seconds=seconds_past_deadline
    )
    Attempt.objects.filter(pk=attempt.pk).update(
        started_at=attempt.started_at - shift, deadline=attempt.deadline - shift
    )
    Answer.objects.filter(attempt=attempt).update(saved_at=F("saved_at") - shift)
    attempt.refresh_from_db()
    return attempt


def test_answers_after_the_deadline_are_not_taken(people, organiser):
    bank(organiser)
    quiz = open_quiz(organiser)
    attempt = services.attempt_start(actor=people["staff"], quiz=quiz)
    key = answer_key(quiz)
    first = next(iter(key))
    services.attempt_save(
        actor=people["staff"], attempt=attempt, answers={first: key[first]}
    )
    _age(attempt, seconds_past_deadline=GRACE.total_seconds() + 5)
    with pytest.raises(ValidationError):
        services.attempt_save(actor=people["staff"], attempt=attempt, answers=key)
    attempt.refresh_from_db()
    # The late save finished the attempt with what was saved in time only.
    assert attempt.status == Attempt.Status.EXPIRED
    assert attempt.correct_count == 1
    # Handing in afterwards changes nothing.
    services.attempt_submit(actor=people["staff"], attempt=attempt, answers=key)
    attempt.refresh_from_db()
    assert attempt.correct_count == 1


def test_late_submission_scores_only_saved_answers(people, organiser):
    bank(organiser)
    quiz = open_quiz(organiser)
    attempt = services.attempt_start(actor=people["staff"], quiz=quiz)
    _age(attempt, seconds_past_deadline=60)
    result = services.attempt_submit(
        actor=people["staff"], attempt=attempt, answers=answer_key(quiz)
    )
    assert result.status == Attempt.Status.EXPIRED
    assert result.score == 0


def test_submission_within_the_grace_seconds_counts(people, organiser):
    bank(organiser)
    quiz = open_quiz(organiser)
    attempt = services.attempt_start(actor=people["staff"], quiz=quiz)
    _age(attempt, seconds_past_deadline=2)
    result = services.attempt_submit(
        actor=people["staff"], attempt=attempt, answers=answer_key(quiz)
    )
    assert (result.status, result.score) == (Attempt.Status.SUBMITTED, 10)


def test_abandoned_attempts_are_scored_by_the_expiry_job(people, organiser):
    bank(organiser)
    quiz = open_quiz(organiser)
    left = services.attempt_start(actor=people["staff"], quiz=quiz)
    key = answer_key(quiz)
    services.attempt_save(actor=people["staff"], attempt=left, answers=key)
    running = services.attempt_start(actor=people["officer"], quiz=quiz)
    _age(left, seconds_past_deadline=120)
    assert services.attempts_expire() == 1
    assert services.attempts_expire() == 0
    left.refresh_from_db()
    running.refresh_from_db()
    assert (left.status, left.score) == (Attempt.Status.EXPIRED, 10)
    assert running.status == Attempt.Status.IN_PROGRESS


def test_no_attempt_outside_the_contest_window(people, organiser):
    bank(organiser)
    later = open_quiz(organiser, opens_at=timezone.now() + datetime.timedelta(hours=1))
    with pytest.raises(ValidationError):
        services.attempt_start(actor=people["staff"], quiz=later)
    draft = services.quiz_save(actor=organiser, fields=quiz_fields(title="草稿"))
    with pytest.raises(ValidationError):
        services.attempt_start(actor=people["staff"], quiz=draft)
    with pytest.raises(PermissionDenied):
        services.attempt_start(actor=people["outsider"], quiz=later)


def test_closing_scores_running_attempts_and_stops_new_ones(people, organiser):
    bank(organiser)
    quiz = open_quiz(organiser)
    attempt = services.attempt_start(actor=people["staff"], quiz=quiz)
    key = answer_key(quiz)
    services.attempt_save(actor=people["staff"], attempt=attempt, answers=key)
    services.quiz_close(actor=organiser, quiz=quiz)
    attempt.refresh_from_db()
    assert (attempt.status, attempt.score) == (Attempt.Status.EXPIRED, 10)
    quiz.refresh_from_db()
    assert quiz.state == Quiz.State.CLOSED and quiz.is_finished
    with pytest.raises(ValidationError):
        services.attempt_start(actor=people["officer"], quiz=quiz)
