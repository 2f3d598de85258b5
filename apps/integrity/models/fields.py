"""The fields many integrity records declare alike, declared once."""

from django.db import models


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
