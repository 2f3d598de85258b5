"""The office's store of supplies (库房): items with levels and every movement."""

import pgtrigger
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.fields import procuratorate_field, user_field
from apps.core.models import TimeStampedModel


class StockItem(TimeStampedModel):
    """One kind of office supply kept in the store, with its level."""

    procuratorate = procuratorate_field()
    name = models.CharField(_("name"), max_length=100)
    unit = models.CharField(_("unit"), max_length=10, default="个")
    quantity = models.IntegerField(_("quantity in stock"), default=0, editable=False)
    low_stock_level = models.PositiveIntegerField(
        _("low-stock level"),
        default=0,
        help_text=_(
            "At or below this quantity the store warns, so a purchase plan is "
            "made before the item runs out."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("stock item")
        verbose_name_plural = _("stock items")
        ordering = ["procuratorate", "name"]
        constraints = [
            # The store can never hand out what it does not hold.
            models.CheckConstraint(
                condition=Q(quantity__gte=0), name="stock_item_quantity_not_negative"
            ),
            models.UniqueConstraint(
                fields=["procuratorate", "name"], name="stock_item_name_unique"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("disclosure:stock_item", args=[self.pk])

    @property
    def is_low(self):
        return self.quantity <= self.low_stock_level


class StockMovement(models.Model):
    """One entry of the store's ledger: stock-in, stock-out or a counted correction.

    Append-only (the database refuses UPDATE and DELETE): the ledger explains
    every level the store ever had.
    """

    class Kind(models.TextChoices):
        IN = "in", _("Stock-in")
        OUT = "out", _("Stock-out")
        ADJUST = "adjust", _("Stock-count correction")

    procuratorate = procuratorate_field()
    item = models.ForeignKey(
        StockItem,
        verbose_name=_("stock item"),
        on_delete=models.PROTECT,
        related_name="movements",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # Signed: stock-in positive, stock-out negative, a correction either way.
    change = models.IntegerField(_("change"))
    balance_after = models.IntegerField(_("balance after"))
    request = models.ForeignKey(
        "disclosure.ServiceRequest",
        verbose_name=_("service request"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stock_movements",
    )
    line = models.ForeignKey(
        "disclosure.ServiceRequestLine",
        verbose_name=_("request line"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="stock_movements",
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    actor = user_field(_("registered by"))
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("stock movement")
        verbose_name_plural = _("stock movements")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(change=0), name="stock_movement_change_not_zero"
            ),
            models.CheckConstraint(
                condition=(Q(kind="in", change__gt=0) | Q(kind="out", change__lt=0))
                | Q(kind="adjust"),
                name="stock_movement_sign_matches_kind",
            ),
            models.CheckConstraint(
                condition=Q(balance_after__gte=0),
                name="stock_movement_balance_not_negative",
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="stock_movement_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            ),
        ]

    def __str__(self):
        return f"{self.item} {self.change:+d}"
