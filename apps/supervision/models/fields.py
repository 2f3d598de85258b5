"""The foreign keys many supervision records declare alike, declared once."""

from django.db import models


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
