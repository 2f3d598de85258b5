"""Knowledge contests (廉政知识竞赛) with a question bank.

A knowledge contest (`Quiz`) draws its questions from the procuratorate's
question bank; each member of staff makes one timed `Attempt`, scored on the
server. Correct options stay on the server until the contest closes.
"""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField

from apps.core.fields import procuratorate_field, user_field
from apps.core.models import TimeStampedModel
from apps.core.workflow import step

from .fields import optional_fk


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")


class Question(TimeStampedModel):
    """One question of the bank (题库)."""

    procuratorate = procuratorate_field("integrity_questions")
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    text = models.TextField(_("text of the question"))
    topic = models.CharField(
        pgettext_lazy("integrity", "topic"),
        max_length=60,
        blank=True,
        help_text=_("e.g. 廉洁从检, 党纪条规, 职业道德"),
    )
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("Shown after the contest closes.")
    )
    is_active = models.BooleanField(_("in use"), default=True)
    created_by = user_field(_("entered by"))

    class Meta:
        verbose_name = _("bank question")
        verbose_name_plural = _("bank questions")
        ordering = ["procuratorate", "kind", "-created_at"]

    def __str__(self):
        return self.text[:60]

    def get_absolute_url(self):
        return reverse("integrity:question_edit", args=[self.pk])


class Choice(models.Model):
    """One option of a question; `is_correct` never leaves the server early."""

    question = models.ForeignKey(
        Question,
        verbose_name=_("bank question"),
        on_delete=models.CASCADE,
        related_name="choices",
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.CharField(_("option"), max_length=300)
    is_correct = models.BooleanField(_("correct"), default=False)

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["question", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["question", "order"], name="integrity_choice_order_unique"
            ),
        ]

    def __str__(self):
        return self.text

    @property
    def letter(self):
        return (
            "ABCDEFGHIJ"[self.order - 1] if 1 <= self.order <= 10 else str(self.order)
        )


class Quiz(TimeStampedModel):
    """A knowledge contest (廉政知识竞赛): a timed online quiz drawn from the bank."""

    class State(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("contest state", "Draft")
        OPEN = "open", pgettext_lazy("contest state", "Open")
        CLOSED = "closed", pgettext_lazy("contest state", "Closed")

    procuratorate = procuratorate_field("integrity_quizzes")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    duration_minutes = models.PositiveSmallIntegerField(
        _("time allowed (minutes)"), default=20
    )
    single_count = models.PositiveSmallIntegerField(
        _("single-choice questions"), default=10
    )
    multiple_count = models.PositiveSmallIntegerField(
        _("multiple-choice questions"), default=5
    )
    true_false_count = models.PositiveSmallIntegerField(
        _("true-or-false questions"), default=10
    )
    single_points = models.PositiveSmallIntegerField(
        _("points per single-choice question"), default=2
    )
    multiple_points = models.PositiveSmallIntegerField(
        _("points per multiple-choice question"), default=4
    )
    true_false_points = models.PositiveSmallIntegerField(
        _("points per true-or-false question"), default=1
    )
    state = FSMField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    organiser = user_field(_("organiser"))
    closed_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("knowledge contest")
        verbose_name_plural = _("knowledge contests")
        ordering = ["-opens_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")),
                name="integrity_quiz_closes_after_opening",
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0),
                name="integrity_quiz_duration_positive",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("integrity:quiz_detail", args=[self.pk])

    @property
    def is_finished(self):
        """Closed by the organiser, or past its closing time."""
        return self.state == self.State.CLOSED or (
            self.state == self.State.OPEN and timezone.now() >= self.closes_at
        )

    @property
    def is_running(self):
        now = timezone.now()
        return self.state == self.State.OPEN and self.opens_at <= now < self.closes_at

    def points_for(self, kind):
        return {
            QuestionKind.SINGLE: self.single_points,
            QuestionKind.MULTIPLE: self.multiple_points,
            QuestionKind.TRUE_FALSE: self.true_false_points,
        }[kind]

    # A contest is set up and drawn only while a draft: ``revise`` is that
    # step (the state stays), checked, never taken.
    @step(State.DRAFT, State.DRAFT, "integrity.manage_quiz")
    def revise(self):
        pass

    @step(State.DRAFT, State.OPEN, "integrity.manage_quiz")
    def publish(self):
        pass

    @step(State.OPEN, State.CLOSED, "integrity.manage_quiz")
    def close(self):
        pass


class QuizQuestion(models.Model):
    """A question drawn into a contest, with the points it carries there."""

    quiz = models.ForeignKey(
        Quiz,
        verbose_name=_("knowledge contest"),
        on_delete=models.CASCADE,
        related_name="quiz_questions",
    )
    question = models.ForeignKey(
        Question,
        verbose_name=_("bank question"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    order = models.PositiveSmallIntegerField(_("order"))
    points = models.PositiveSmallIntegerField(pgettext_lazy("integrity", "points"))

    class Meta:
        verbose_name = _("contest question")
        verbose_name_plural = _("contest questions")
        ordering = ["quiz", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "question"], name="integrity_quiz_question_once"
            ),
        ]

    def __str__(self):
        return f"{self.quiz} #{self.order}"


class Attempt(TimeStampedModel):
    """One person's timed attempt at a contest; the server keeps the clock."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", pgettext_lazy("integrity", "Submitted")
        EXPIRED = "expired", _("Time ran out")

    quiz = models.ForeignKey(
        Quiz,
        verbose_name=_("knowledge contest"),
        on_delete=models.CASCADE,
        related_name="attempts",
    )
    user = user_field(_("participant"), related_name="integrity_attempts")
    # The department at the time of the attempt, so rankings do not move
    # when someone changes department later.
    department = optional_fk("core.Department", _("department"))
    started_at = models.DateTimeField(_("started at"))
    deadline = models.DateTimeField(pgettext_lazy("integrity", "deadline"))
    finished_at = models.DateTimeField(_("handed in at"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.IN_PROGRESS,
    )
    question_order = ArrayField(
        models.PositiveIntegerField(), verbose_name=_("question order"), default=list
    )
    score = models.PositiveIntegerField(_("score"), default=0)
    correct_count = models.PositiveSmallIntegerField(_("correct answers"), default=0)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["quiz", "-score", "finished_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["quiz", "user"], name="integrity_one_attempt_per_person"
            ),
            models.CheckConstraint(
                condition=Q(status="in_progress", finished_at__isnull=True)
                | (~Q(status="in_progress") & Q(finished_at__isnull=False)),
                name="integrity_attempt_finished_matches_status",
            ),
        ]

    def __str__(self):
        return f"{self.quiz} · {self.user}"

    @property
    def is_finished(self):
        return self.status != self.Status.IN_PROGRESS

    @property
    def seconds_left(self):
        return max(0, int((self.deadline - timezone.now()).total_seconds()))

    @property
    def seconds_used(self):
        end = self.finished_at or timezone.now()
        return int((min(end, self.deadline) - self.started_at).total_seconds())


class Answer(models.Model):
    """What a participant chose for one question; scored when the attempt ends."""

    attempt = models.ForeignKey(
        Attempt,
        verbose_name=_("attempt"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    quiz_question = models.ForeignKey(
        QuizQuestion,
        verbose_name=_("contest question"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    selected = ArrayField(
        models.PositiveIntegerField(), verbose_name=_("selected options"), default=list
    )
    points = models.PositiveSmallIntegerField(
        pgettext_lazy("integrity", "points"), default=0
    )
    is_correct = models.BooleanField(_("correct"), default=False)
    saved_at = models.DateTimeField(_("saved at"))

    class Meta:
        verbose_name = _("quiz answer")
        verbose_name_plural = _("quiz answers")
        ordering = ["attempt", "quiz_question__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "quiz_question"], name="integrity_answer_once"
            ),
        ]

    def __str__(self):
        return f"{self.attempt} #{self.quiz_question.order}"
