"""《工作简报》 bulletins and the items they carry."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField

from apps.core.models import TimeStampedModel
from apps.core.workflow import step

from .items import Item


class Bulletin(TimeStampedModel):
    """A numbered issue of 《工作简报》 compiled from items."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Being compiled")
        ISSUED = "issued", _("Issued")

    procuratorate = models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="publicity_bulletins",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("issue number"))
    title = models.CharField(_("title"), max_length=60, default="工作简报")
    issued_on = models.DateField(_("date of issue"))
    compiled_by_unit = models.CharField(
        _("compiled by (unit)"), max_length=60, default="办公室"
    )
    distribution = models.TextField(
        _("distribution"),
        blank=True,
        help_text=_("One line each, e.g. 报：市院 / 送：院领导 / 发：各科室."),
    )
    copies = models.PositiveSmallIntegerField(_("copies printed"), default=20)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compiled by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = FSMField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT
    )
    items = models.ManyToManyField(
        Item,
        verbose_name=_("items"),
        through="BulletinEntry",
        related_name="bulletins",
    )

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        ordering = ["procuratorate", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "year", "number"],
                name="publicity_bulletin_number_unique",
            )
        ]

    def __str__(self):
        return f"{self.title} {self.year}年第{self.number}期"

    def get_absolute_url(self):
        return reverse("publicity:bulletin_detail", args=[self.pk])

    @step(State.DRAFT, State.ISSUED, "publicity.manage_bulletins")
    def issue(self):
        pass


class BulletinEntry(models.Model):
    bulletin = models.ForeignKey(
        Bulletin,
        verbose_name=_("bulletin"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    item = models.ForeignKey(
        Item, verbose_name=_("item"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("order in the issue"))

    class Meta:
        verbose_name = _("bulletin entry")
        verbose_name_plural = _("bulletin entries")
        ordering = ["bulletin", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin", "item"], name="publicity_bulletin_item_unique"
            )
        ]

    def __str__(self):
        return f"{self.bulletin} {self.position}. {self.item}"
