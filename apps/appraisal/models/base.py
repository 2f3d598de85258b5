"""Shared pieces of the appraisal models: choices, percentages, the cycle guard."""

from decimal import Decimal

import pgtrigger
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

HUNDRED = Decimal("100")


def percent_field(verbose_name, default=None, **kwargs):
    """A 0–100 decimal with two places: weights, shares and percentages."""
    return models.DecimalField(
        verbose_name,
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(HUNDRED)],
        default=default,
        **kwargs,
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
