"""The foreign keys that records of every app declare alike, declared once.

Every business record belongs to one procuratorate (the scoping helper
filters on it) and names the people who acted on it; neither link may be
deleted from under the record, so both protect.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def procuratorate_field(related_name="+"):
    """The procuratorate a record belongs to."""
    return models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name=related_name,
    )


def user_field(verbose_name, *, optional=False, related_name="+", **options):
    """A person who acted on the record; ``optional`` until someone has."""
    if optional:
        options = {"null": True, "blank": True, **options}
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name=related_name,
        **options,
    )
