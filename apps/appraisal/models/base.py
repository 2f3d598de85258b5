"""Shared pieces of the appraisal models: choices, percentages, the cycle guard."""

from decimal import Decimal

import pgtrigger
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

HUNDRED = Decimal("100")

# How a quantitative target is counted: kept on its indicator, copied onto it.
RATE_FIELDS = [
    "unit",
    "direction",
    "is_rate",
    "numerator_label",
    "numerator_source",
    "denominator_label",
    "denominator_source",
]


class DetailPage(models.Model):
    """A row with a page of its own: `detail_url` names its route (by pk)."""

    detail_url = None

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return reverse(self.detail_url, args=[self.pk])


def points_field(verbose_name, **kwargs):
    """A 0–100 decimal with two places: points, weights, shares, percentages."""
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(HUNDRED)],
        **kwargs,
    )


def percent_field(verbose_name, default=None, **kwargs):
    """A 0–100 decimal with two places: weights, shares and percentages."""
    return points_field(verbose_name, default=default, **kwargs)


def amount_field(verbose_name):
    """An optional value of a target or report (counts, rates, sums)."""
    return models.DecimalField(
        verbose_name, max_digits=14, decimal_places=2, null=True, blank=True
    )


def score_field(verbose_name):
    """A computed score with two places."""
    return models.DecimalField(verbose_name, max_digits=7, decimal_places=2)


def cycle_field(related_name="+", on_delete=models.CASCADE):
    """The appraisal cycle a row belongs to."""
    return models.ForeignKey(
        "appraisal.Cycle",
        verbose_name=_("cycle"),
        on_delete=on_delete,
        related_name=related_name,
    )


def department_field(related_name="+", **kwargs):
    """The department a row is about."""
    return models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name=related_name,
        **kwargs,
    )


def status_field(status, default, max_length=10):
    """The state of a row; its transitions live on the model."""
    return FSMField(
        _("status"),
        max_length=max_length,
        choices=status.choices,
        default=default,
        protected=False,
    )


def stays(field, state, permission, *conditions):
    """A step that leaves `field` at `state`: a transition only so that the
    model says when it may be taken (`conditions`) and by whom (`permission`)."""
    return transition(
        field=field,
        source=state,
        target=state,
        conditions=list(conditions),
        permission=permission,
    )


def cycle_open_guard(table):
    """Database guard: refuse any write to `table` while its cycle is closed."""
    return pgtrigger.Trigger(
        name=f"{table}_cycle_open",
        when=pgtrigger.Before,
        operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
        func="""
            IF EXISTS (
                SELECT 1 FROM appraisal_cycle
                WHERE status = 'closed' AND id IN (
                    CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE OLD.cycle_id END,
                    CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE NEW.cycle_id END
                )
            ) THEN
                RAISE EXCEPTION 'appraisal cycle is closed: % on % refused',
                    TG_OP, TG_TABLE_NAME USING ERRCODE = 'check_violation';
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        """,
    )


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Measure(models.TextChoices):
    QUANTITATIVE = "quantitative", _("Quantitative")
    QUALITATIVE = "qualitative", _("Qualitative")


class Nature(models.TextChoices):
    OUTCOME = "outcome", _("Outcome target")
    PROCESS = "process", _("Process target")


class RateDefinition(models.Model):
    """How a quantity is counted (the `RATE_FIELDS`): an indicator keeps it, and
    each target set from the indicator carries its own copy."""

    unit = models.CharField(_("unit"), max_length=20, blank=True)
    direction = models.CharField(
        _("direction"),
        max_length=10,
        choices=Direction.choices,
        default=Direction.HIGHER,
    )
    is_rate = models.BooleanField(_("rate"), default=False)
    numerator_label = models.CharField(_("numerator"), max_length=80, blank=True)
    numerator_source = models.CharField(
        _("numerator comes from"), max_length=120, blank=True
    )
    denominator_label = models.CharField(_("denominator"), max_length=80, blank=True)
    denominator_source = models.CharField(
        _("denominator comes from"), max_length=120, blank=True
    )

    class Meta:
        abstract = True


DEFAULT_GRADE_SCALE = [
    {"grade": "优秀", "points": 100, "descriptor": ""},
    {"grade": "良好", "points": 85, "descriptor": ""},
    {"grade": "一般", "points": 70, "descriptor": ""},
    {"grade": "较差", "points": 50, "descriptor": ""},
]


def default_grade_scale():
    return [dict(row) for row in DEFAULT_GRADE_SCALE]


def validate_grade_scale(scale):
    """A graded scale: a non-empty list of {grade, points 0–100, descriptor}."""
    if not isinstance(scale, list) or not scale:
        raise ValidationError(_("A qualitative target needs at least one grade."))
    seen = set()
    for row in scale:
        if not isinstance(row, dict) or not str(row.get("grade", "")).strip():
            raise ValidationError(_("Every grade needs a name."))
        try:
            points = Decimal(str(row.get("points")))
        except Exception as exc:
            raise ValidationError(_("Grade points must be numbers.")) from exc
        if not Decimal("0") <= points <= HUNDRED:
            raise ValidationError(_("Grade points must lie between 0 and 100."))
        if row["grade"] in seen:
            raise ValidationError(_("Grade names must differ."))
        seen.add(row["grade"])
