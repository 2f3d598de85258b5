"""The disclosure board (政务公示栏): columns, posts, and the versioned rules."""

import pgtrigger
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.fields import procuratorate_field, user_field
from apps.core.models import TimeStampedModel


class BoardColumn(TimeStampedModel):
    """One column (信息栏) of the board (reference data, configurable).

    Most columns hold posts; some also show records the app keeps itself
    (`source`): the supplies requests, the rules and time limits, the monthly
    plans, the office meetings.
    """

    class Source(models.TextChoices):
        POSTS = "posts", _("Posts only")
        RULES = "rules", _("Rules, post responsibilities and time limits")
        REQUESTS = "requests", _("Service requests")
        PLANS = "plans", _("Monthly plans and results")
        MEETINGS = "meetings", _("Office meetings")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    description = models.CharField(_("description"), max_length=200, blank=True)
    source = models.CharField(
        _("also shows"), max_length=20, choices=Source.choices, default=Source.POSTS
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("board column")
        verbose_name_plural = _("board columns")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("disclosure:column", args=[self.code])


class BoardPost(TimeStampedModel):
    """An item published in a column, for every member of the procuratorate."""

    procuratorate = procuratorate_field()
    column = models.ForeignKey(
        BoardColumn,
        verbose_name=_("column"),
        on_delete=models.PROTECT,
        related_name="posts",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    author = user_field(_("published by"))
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("board post")
        verbose_name_plural = _("board posts")
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["procuratorate", "column", "published_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("disclosure:post_detail", args=[self.pk])


class Rule(TimeStampedModel):
    """A rule or post responsibility (规章制度 / 岗位责任制); its text is versioned."""

    class Kind(models.TextChoices):
        POST_RESPONSIBILITY = "post", _("Post responsibility")
        RULE = "rule", _("Rule")

    procuratorate = procuratorate_field()
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("rule")
        verbose_name_plural = _("rules")
        ordering = ["procuratorate", "kind", "sort_order", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "title"], name="rule_title_unique"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("disclosure:rule_detail", args=[self.pk])


class RuleVersion(models.Model):
    """One published text of a rule, in force from `effective_from`.

    Append-only: a change is a new version, and every old one stays readable.
    """

    rule = models.ForeignKey(
        Rule, verbose_name=_("rule"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveSmallIntegerField(_("version"))
    body = models.TextField(_("text"))
    effective_from = models.DateField(_("effective from"))
    change_note = models.CharField(_("what changed"), max_length=200, blank=True)
    published_by = user_field(_("published by"))
    published_at = models.DateTimeField(_("published at"), default=timezone.now)

    class Meta:
        verbose_name = _("rule version")
        verbose_name_plural = _("rule versions")
        ordering = ["rule", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "number"], name="rule_version_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="rule_version_number_positive"
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="rule_version_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            ),
        ]

    def __str__(self):
        return f"{self.rule} v{self.number}"

    def get_absolute_url(self):
        return reverse("disclosure:rule_version", args=[self.rule_id, self.number])
