"""The fields many integrity records declare alike, declared once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def procuratorate_fk(related_name):
    """The procuratorate a record belongs to."""
    return models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name=related_name,
    )


def optional_fk(to, verbose_name):
    """A department or member of staff a record may name, kept as it was at
    the time (a later move does not rewrite the record)."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )


def user_fk(verbose_name, *, optional=False, related_name="+"):
    """A member of staff acting on the record; ``optional`` until they have."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name=related_name,
        **({"null": True, "blank": True} if optional else {}),
    )
