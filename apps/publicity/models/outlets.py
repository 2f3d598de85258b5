"""The outlet catalogue, dispatches and adoptions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.models import TimeStampedModel
from apps.core.uploads import RandomPath

from .items import Item, Medium, OutletLevel


class Outlet(TimeStampedModel):
    """An upper-level body or medium that receives and may adopt items (reference data).

    One catalogue for the whole deployment, as the time-limit catalogue is: the
    outlets (检察日报, 正义网, 自治区院 …) are the same for every procuratorate.
    """

    class Kind(models.TextChoices):
        UPPER_BODY = "upper_body", _("Upper-level procuratorate")
        MEDIA = "media", _("News medium")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("outlet kind"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=20, choices=OutletLevel.choices)
    medium = models.CharField(_("medium"), max_length=20, choices=Medium.choices)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Dispatch(models.Model):
    """One destination an item was sent to (报送)."""

    item = models.ForeignKey(
        Item,
        verbose_name=_("item"),
        on_delete=models.CASCADE,
        related_name="dispatches",
    )
    outlet = models.ForeignKey(
        Outlet,
        verbose_name=_("sent to"),
        on_delete=models.PROTECT,
        related_name="dispatches",
    )
    dispatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dispatched by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    dispatched_at = models.DateTimeField(_("dispatched at"))

    class Meta:
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")
        ordering = ["item", "outlet__sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "outlet"], name="publicity_dispatch_unique"
            )
        ]

    def __str__(self):
        return f"{self.item} → {self.outlet}"


class Adoption(TimeStampedModel):
    """One use of an item by an outlet (采用); an item may be adopted many times."""

    class Form(models.TextChoices):
        FULL = "full", _("Full text")
        EXCERPT = "excerpt", _("Excerpt")
        FORWARDED = "forwarded", _("Forwarded")

    procuratorate = models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="publicity_adoptions",
    )
    item = models.ForeignKey(
        Item,
        verbose_name=_("item"),
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    outlet = models.ForeignKey(
        Outlet,
        verbose_name=_("outlet"),
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    adopted_on = models.DateField(_("date adopted"))
    form = models.CharField(
        _("form of use"), max_length=20, choices=Form.choices, default=Form.FULL
    )
    link = models.URLField(_("link"), max_length=500, blank=True)
    clipping = models.FileField(
        _("clipping"),
        upload_to=RandomPath("publicity/{instance.procuratorate_id}/clippings"),
        max_length=200,
        blank=True,
    )
    clipping_name = models.CharField(
        _("clipping file name"), max_length=200, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["-adopted_on", "-id"]
        indexes = [models.Index(fields=["procuratorate", "adopted_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "outlet", "adopted_on", "form"],
                name="publicity_adoption_unique",
            )
        ]

    def __str__(self):
        return f"{self.item} @ {self.outlet} {self.adopted_on}"
