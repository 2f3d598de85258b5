"""Exemplars (先进典型): stories of real colleagues.

The essay warns against exemplars who are only poor, gravely ill or collapsed
at work: people need examples they recognise. So an exemplar is always a
member of our own staff, with a story of what they did.
"""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.fields import procuratorate_field, user_field
from apps.core.models import TimeStampedModel
from apps.core.uploads import RandomPath

PHOTO_MAX_BYTES = 5 * 1024 * 1024


class Exemplar(TimeStampedModel):
    class Quality(models.TextChoices):
        INTEGRITY = "integrity", _("Clean and honest")
        FAIRNESS = "fairness", _("Fair handling of cases")
        SERVICE = "service", _("Service to the people")
        EXPERTISE = "expertise", _("Professional excellence")
        INNOVATION = "innovation", _("New ways of working")
        TEAMWORK = "teamwork", _("Helping colleagues")

    procuratorate = procuratorate_field("integrity_exemplars")
    staff = models.ForeignKey(
        "core.Staff",
        verbose_name=_("colleague"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("headline"), max_length=120)
    quality = models.CharField(
        _("what they show"), max_length=20, choices=Quality.choices
    )
    story = models.TextField(
        _("story"),
        help_text=_("Concrete things they did at work, told plainly."),
    )
    photo = models.ImageField(
        _("photo"),
        upload_to=RandomPath("integrity/exemplars/{instance.procuratorate_id}"),
        blank=True,
    )
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = user_field(_("written by"))

    class Meta:
        verbose_name = _("exemplar")
        verbose_name_plural = _("exemplars")
        ordering = ["-published_at", "-created_at"]

    def __str__(self):
        return f"{self.staff.name}：{self.title}"

    def get_absolute_url(self):
        return reverse("integrity:exemplar_detail", args=[self.pk])
