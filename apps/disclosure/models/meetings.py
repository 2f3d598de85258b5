"""Meetings of the office: the monthly staff meeting and the quarterly clerks'
liaison meeting (内勤联席会), with the questions raised and the answers given."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.fields import procuratorate_field, user_field
from apps.core.models import TimeStampedModel


class OfficeMeeting(TimeStampedModel):
    class Kind(models.TextChoices):
        STAFF = "staff", _("Monthly administrative staff meeting")
        LIAISON = "liaison", _("Quarterly clerks' liaison meeting")

    procuratorate = procuratorate_field()
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    held_on = models.DateField(_("held on"))
    title = models.CharField(_("title"), max_length=120)
    summary = models.TextField(
        _("meeting report"), help_text=_("What was reported on the office's work.")
    )
    recorded_by = user_field(_("recorded by"))

    class Meta:
        verbose_name = _("office meeting")
        verbose_name_plural = _("office meetings")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("disclosure:meeting_detail", args=[self.pk])


class MeetingQuestion(TimeStampedModel):
    meeting = models.ForeignKey(
        OfficeMeeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("raised by department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    question = models.TextField(_("question or request"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = user_field(_("answered by"), optional=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["meeting", "id"]

    def __str__(self):
        return self.question[:40]
