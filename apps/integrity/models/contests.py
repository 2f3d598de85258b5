"""Essay, speech and photography contests judged by criteria.

Judges score each entry on each criterion; an entry's result is the average of
its judges' totals; award levels go to the best entries when the results are
published.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField

from apps.core.fields import procuratorate_field, user_field
from apps.core.models import TimeStampedModel
from apps.core.uploads import RandomPath
from apps.core.workflow import step

from .fields import optional_fk

# An entry is at most this large (a speech's recording included).
ENTRY_MAX_BYTES = 20 * 1024 * 1024


class JudgedContest(TimeStampedModel):
    class Kind(models.TextChoices):
        ESSAY = "essay", _("Essay contest")
        SPEECH = "speech", _("Speech contest")
        PHOTO_PAINTING = "photo_painting", _("Photography, calligraphy and painting")

    class State(models.TextChoices):
        ENTRIES = "entries", _("Taking entries")
        JUDGING = "judging", _("Judging")
        PUBLISHED = "published", _("Results out")

    procuratorate = procuratorate_field("integrity_contests")
    activity = models.OneToOneField(
        "integrity.Activity",
        verbose_name=_("activity"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="judged_contest",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    rules_text = models.TextField(_("contest rules"), blank=True)
    entries_close_on = models.DateField(_("entries close on"))
    judges = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("judges"), related_name="+"
    )
    first_prizes = models.PositiveSmallIntegerField(_("first prizes"), default=1)
    second_prizes = models.PositiveSmallIntegerField(_("second prizes"), default=2)
    third_prizes = models.PositiveSmallIntegerField(_("third prizes"), default=3)
    excellence_awards = models.PositiveSmallIntegerField(
        _("awards of excellence"), default=0
    )
    state = FSMField(
        _("state"), max_length=20, choices=State.choices, default=State.ENTRIES
    )
    organiser = user_field(_("organiser"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("judged contest")
        verbose_name_plural = _("judged contests")
        ordering = ["-entries_close_on", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("integrity:contest_detail", args=[self.pk])

    @property
    def entry_kinds(self):
        """The kinds of file (``apps.core.uploads``) an entry may attach."""
        return {
            self.Kind.ESSAY: ("documents",),
            self.Kind.SPEECH: ("media", "documents"),
            self.Kind.PHOTO_PAINTING: ("images",),
        }[self.kind]

    # ``revise``, ``hand_in`` and ``score`` are steps that leave the state as
    # it is: checked (who may, and at which stage), never taken.
    @step(State.ENTRIES, State.ENTRIES, "integrity.manage_contest")
    def revise(self):
        pass

    @step(State.ENTRIES, State.ENTRIES, "integrity.enter_contest")
    def hand_in(self):
        pass

    @step(State.JUDGING, State.JUDGING, "integrity.judge_contest")
    def score(self):
        pass

    @step(State.ENTRIES, State.JUDGING, "integrity.manage_contest")
    def start_judging(self):
        pass

    @step(State.JUDGING, State.PUBLISHED, "integrity.manage_contest")
    def publish(self):
        pass


class Criterion(models.Model):
    contest = models.ForeignKey(
        JudgedContest,
        verbose_name=_("judged contest"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("criterion"), max_length=60)
    max_score = models.PositiveSmallIntegerField(_("highest score"))

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["contest", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "order"], name="integrity_criterion_order_unique"
            ),
            models.CheckConstraint(
                condition=Q(max_score__gt=0), name="integrity_criterion_max_positive"
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.max_score}）"


class Entry(TimeStampedModel):
    class Award(models.TextChoices):
        FIRST = "first", _("First prize")
        SECOND = "second", _("Second prize")
        THIRD = "third", _("Third prize")
        EXCELLENCE = "excellence", _("Award of excellence")

    contest = models.ForeignKey(
        JudgedContest,
        verbose_name=_("judged contest"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    author = user_field(_("author"))
    department = optional_fk("core.Department", _("department"))
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text or description"), blank=True)
    file = models.FileField(
        _("file"),
        upload_to=RandomPath("integrity/entries/{instance.contest.procuratorate_id}"),
        blank=True,
    )
    # The name the author's file had; the stored name is random.
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    result = models.DecimalField(
        _("contest result"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    award = models.CharField(
        _("award"), max_length=20, choices=Award.choices, blank=True
    )

    class Meta:
        verbose_name = _("entry")
        verbose_name_plural = _("entries")
        ordering = ["contest", "rank", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "author"], name="integrity_one_entry_per_author"
            ),
        ]

    def __str__(self):
        return self.title


class JudgeScore(models.Model):
    entry = models.ForeignKey(
        Entry,
        verbose_name=_("entry"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    judge = user_field(_("judge"))
    criterion = models.ForeignKey(
        Criterion,
        verbose_name=_("criterion"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1)
    scored_at = models.DateTimeField(_("scored at"), auto_now=True)

    class Meta:
        verbose_name = _("judge's score")
        verbose_name_plural = _("judges' scores")
        ordering = ["entry", "judge", "criterion__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "judge", "criterion"],
                name="integrity_score_once_per_criterion",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0), name="integrity_score_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.entry} · {self.judge} · {self.criterion}"
