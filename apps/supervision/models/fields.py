"""The foreign keys many supervision records declare alike, declared once."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def procuratorate_fk():
    """The procuratorate a record belongs to."""
    return models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="+",
    )


def department_fk(verbose_name):
    """The department that handles a record."""
    return models.ForeignKey(
        "core.Department",
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name="+",
    )


def petition_fk(verbose_name, related_name):
    """The case a record belongs to, and goes with."""
    return models.ForeignKey(
        "supervision.Petition",
        verbose_name=verbose_name,
        on_delete=models.CASCADE,
        related_name=related_name,
    )


def user_fk(verbose_name, *, optional=False):
    """A member of staff acting on the record; ``optional`` until they have."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name="+",
        **({"null": True, "blank": True} if optional else {}),
    )
