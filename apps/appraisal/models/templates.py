"""Department templates: a plan's targets kept for the next cycle."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from apps.core.fields import procuratorate_field
from apps.core.models import TimeStampedModel

from .base import Nature, amount_field, department_field, percent_field
from .cycles import Indicator


class TargetTemplate(TimeStampedModel):
    """A department's reusable set of targets, for bulk creation in a new cycle."""

    procuratorate = procuratorate_field()
    department = department_field("appraisal_templates")
    name = models.CharField(_("name"), max_length=80)

    class Meta:
        verbose_name = _("department template")
        verbose_name_plural = _("department templates")
        ordering = ["department__sort_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "name"], name="appraisal_template_name_unique"
            ),
        ]

    def __str__(self):
        return f"{self.department} · {self.name}"


class TargetTemplateItem(models.Model):
    """One target of a template; `goal_code` finds its goal in the new cycle."""

    template = models.ForeignKey(
        TargetTemplate,
        verbose_name=_("template"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    goal_code = models.CharField(_("goal number"), max_length=20)
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    nature = models.CharField(
        _("nature"), max_length=10, choices=Nature.choices, default=Nature.OUTCOME
    )
    target_value = amount_field(_("target value"))
    weight = percent_field(_("weight"), default=Decimal("0"))
    grade_scale = models.JSONField(_("graded scale"), default=list, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("template item")
        verbose_name_plural = _("template items")
        ordering = ["template", "sort_order", "id"]

    def __str__(self):
        return self.title
