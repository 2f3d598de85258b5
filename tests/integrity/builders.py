"""Build integrity data the way users do: through the services."""

import datetime

from django.utils import timezone

from apps.integrity import services
from apps.integrity.models import QuestionKind


def bank(organiser, singles=3, multiples=2, true_false=3):
    """Fill the question bank; return the questions by kind."""
    made = {
        QuestionKind.SINGLE: [],
        QuestionKind.MULTIPLE: [],
        QuestionKind.TRUE_FALSE: [],
    }
    for i in range(singles):
        made[QuestionKind.SINGLE].append(
            services.question_save(
                actor=organiser,
                fields={
                    "kind": QuestionKind.SINGLE,
                    "text": f"检察人员收受当事人礼金属于哪类违纪行为？（{i}）",
                    "topic": "廉洁从检",
                    "explanation": "违反廉洁纪律。",
                },
                choices=[
                    ("违反廉洁纪律", True),
                    ("违反工作纪律", False),
                    ("违反生活纪律", False),
                ],
            )
        )
    for i in range(multiples):
        made[QuestionKind.MULTIPLE].append(
            services.question_save(
                actor=organiser,
                fields={
                    "kind": QuestionKind.MULTIPLE,
                    "text": f"下列属于“四风”的有（{i}）",
                },
                choices=[
                    ("形式主义", True),
                    ("官僚主义", True),
                    ("享乐主义", True),
                    ("实事求是", False),
                ],
            )
        )
    for i in range(true_false):
        made[QuestionKind.TRUE_FALSE].append(
            services.question_save(
                actor=organiser,
                fields={
                    "kind": QuestionKind.TRUE_FALSE,
                    "text": f"检察官可以在律师事务所兼职。（{i}）",
                },
                choices=services.true_false_choices(False),
            )
        )
    return made


def quiz_fields(**overrides):
    now = timezone.now()
    fields = {
        "title": "2026年廉政知识竞赛",
        "description": "全院干警参加。",
        "opens_at": now - datetime.timedelta(minutes=5),
        "closes_at": now + datetime.timedelta(days=2),
        "duration_minutes": 15,
        "single_count": 2,
        "multiple_count": 1,
        "true_false_count": 2,
        "single_points": 2,
        "multiple_points": 4,
        "true_false_points": 1,
    }
    fields.update(overrides)
    return fields


def open_quiz(organiser, **overrides):
    quiz = services.quiz_save(actor=organiser, fields=quiz_fields(**overrides))
    services.quiz_draw(actor=organiser, quiz=quiz)
    return services.quiz_publish(actor=organiser, quiz=quiz)


def answer_key(quiz):
    """{quiz question id: [correct option ids]} read from the database."""
    key = {}
    for qq in quiz.quiz_questions.prefetch_related("question__choices"):
        key[qq.pk] = [c.pk for c in qq.question.choices.all() if c.is_correct]
    return key


def wrong_answers(quiz):
    key = {}
    for qq in quiz.quiz_questions.prefetch_related("question__choices"):
        key[qq.pk] = [next(c.pk for c in qq.question.choices.all() if not c.is_correct)]
    return key
