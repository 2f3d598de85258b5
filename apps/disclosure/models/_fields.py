"""Field declarations the disclosure models share."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def procuratorate_field():
    """The procuratorate a record belongs to (it scopes every query)."""
    return models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="+",
    )


def user_field(verbose_name, *, optional=False):
    """The user who did something to the record; `optional` until it is done."""
    extra = {"null": True, "blank": True} if optional else {}
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name="+",
        **extra,
    )
