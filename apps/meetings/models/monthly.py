"""The regular office meeting's monthly department reports."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.fields import user_field
from apps.core.models import TimeStampedModel

from .sittings import Meeting


class MonthlyReport(TimeStampedModel):
    """A department's monthly report at the regular office meeting, with the
    overseeing deputy's comment (点评)."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="monthly_reports",
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    content = models.TextField(_("work last month and plan for this month"), blank=True)
    submitted_by = user_field(_("submitted by"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    deputy_comment = models.TextField(_("deputy's comment"), blank=True)
    commented_by = user_field(_("commented by"), null=True, blank=True)
    commented_at = models.DateTimeField(_("commented at"), null=True, blank=True)

    class Meta:
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "department"], name="meetings_monthly_report_once"
            )
        ]

    def __str__(self):
        return f"{self.meeting} · {self.department}"

    @property
    def procuratorate_id(self):
        return self.department.procuratorate_id

    def get_absolute_url(self):
        return reverse("meetings:monthly_report", args=[self.pk])
