"""The working-day calendar's local decisions and the one time-limit catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel


class Unit(models.TextChoices):
    WORKING_DAYS = "working_days", _("working days")
    CALENDAR_DAYS = "calendar_days", _("calendar days")
    HOURS = "hours", _("hours")


class CalendarOverride(TimeStampedModel):
    """A date the procuratorate itself declares a working day or a day off.

    The national calendar (public holidays and make-up working days) comes from
    the `chinese_calendar` library; these rows win over it.
    """

    class Kind(models.TextChoices):
        WORKDAY = "workday", _("Working day")
        HOLIDAY = "holiday", _("Day off")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("calendar override")
        verbose_name_plural = _("calendar overrides")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()}"


class TimeLimit(TimeStampedModel):
    """One entry of the time-limit catalogue (政务管理行为时限标准)."""

    code = models.SlugField(
        _("step code"),
        max_length=80,
        unique=True,
        help_text=_("Dotted code the workflow uses, e.g. publicity.review."),
    )
    name = models.CharField(_("name"), max_length=120)
    amount = models.PositiveIntegerField(_("amount"))
    unit = models.CharField(_("unit"), max_length=20, choices=Unit.choices)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=60, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    is_published = models.BooleanField(
        _("published on the disclosure board"), default=True
    )

    class Meta:
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")
        ordering = ["category", "sort_order", "code"]

    def __str__(self):
        return f"{self.name}（{self.amount} {self.get_unit_display()}）"
