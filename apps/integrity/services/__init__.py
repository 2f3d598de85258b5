"""Every change in integrity culture goes through these functions."""

from .quiz import (
    GRACE,
    attempt_save,
    attempt_start,
    attempt_submit,
    attempts_expire,
    question_save,
    quiz_close,
    quiz_draw,
    quiz_publish,
    quiz_save,
    score_answer,
    true_false_choices,
)

__all__ = [
    "GRACE",
    "attempt_save",
    "attempt_start",
    "attempt_submit",
    "attempts_expire",
    "question_save",
    "quiz_close",
    "quiz_draw",
    "quiz_publish",
    "quiz_save",
    "score_answer",
    "true_false_choices",
]
