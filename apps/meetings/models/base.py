"""Declarations the meeting models share: the procuratorate a record belongs
to, and the references to people and states that every record writes the same way."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField

from apps.core.fields import procuratorate_field
from apps.core.models import TimeStampedModel


class ProcuratorateRecord(TimeStampedModel):
    """A record kept per procuratorate."""

    procuratorate = procuratorate_field()

    class Meta:
        abstract = True


def staff_field(verbose_name):
    """A person of the staff the record is about (no way back from the person)."""
    return models.ForeignKey(
        "core.Staff",
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name="+",
    )


def staff_list_field(verbose_name, help_text):
    """People of the staff named for a task (no way back from the person)."""
    return models.ManyToManyField(
        "core.Staff",
        verbose_name=verbose_name,
        blank=True,
        related_name="+",
        help_text=help_text,
    )


def state_field(states, default, verbose_name=None):
    """The record's state, changed only by its transitions."""
    return FSMField(
        verbose_name or _("state"),
        max_length=20,
        choices=states.choices,
        default=default,
        protected=False,
    )
