"""Integrity culture (廉政文化): the models, one module per part of the app."""

from .contests import Criterion, Entry, JudgedContest, JudgeScore
from .culture import Activity, ActivityKind, Campaign, IntegrityPlan, Participation
from .exemplars import Exemplar
from .quiz import Answer, Attempt, Choice, Question, QuestionKind, Quiz, QuizQuestion
from .supervision import Remark

__all__ = [
    "Activity",
    "ActivityKind",
    "Answer",
    "Attempt",
    "Campaign",
    "Choice",
    "Criterion",
    "Entry",
    "Exemplar",
    "IntegrityPlan",
    "JudgeScore",
    "JudgedContest",
    "Participation",
    "Question",
    "QuestionKind",
    "Quiz",
    "QuizQuestion",
    "Remark",
]
