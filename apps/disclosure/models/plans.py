"""Monthly plans and results (月度工作计划与实绩 / 工作实绩登记表).

Each administrative (comprehensive) department and each of its staff posts
the month's plan at its start and the results at its end; the board sets
plan against result and rolls progress up from people to departments.
"""

import pgtrigger
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField

from apps.core.fields import procuratorate_field, user_field
from apps.core.models import TimeStampedModel
from apps.core.workflow import step


class MonthlyPlan(TimeStampedModel):
    """The plan of one department or one person for one month."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PLANNED = "planned", _("Plan published")
        REPORTED = "reported", _("Results published")

    procuratorate = procuratorate_field()
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Empty for the department's own plan; a person's plan names the person.
    staff = models.ForeignKey(
        "core.Staff",
        verbose_name=_("staff member"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    state = FSMField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    planned_at = models.DateTimeField(_("plan published at"), null=True, blank=True)
    reported_at = models.DateTimeField(_("results published at"), null=True, blank=True)
    created_by = user_field(_("created by"))

    class Meta:
        verbose_name = _("monthly plan")
        verbose_name_plural = _("monthly plans")
        ordering = ["-month", "department__sort_order", "staff__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "month", "department"],
                condition=Q(staff__isnull=True),
                name="monthly_plan_one_per_department",
            ),
            models.UniqueConstraint(
                fields=["month", "staff"],
                condition=Q(staff__isnull=False),
                name="monthly_plan_one_per_person",
            ),
            models.CheckConstraint(
                condition=Q(month__day=1), name="monthly_plan_month_first_day"
            ),
        ]

    def __str__(self):
        owner = self.staff.name if self.staff_id else self.department.name
        return f"{owner} {self.month:%Y-%m}"

    def get_absolute_url(self):
        return reverse("disclosure:plan_detail", args=[self.pk])

    @property
    def is_department_plan(self):
        return self.staff_id is None

    @property
    def is_draft(self):
        """Not yet published: seen only by its keepers, its tasks may change."""
        return self.state == self.State.DRAFT

    @step(State.DRAFT, State.PLANNED, "disclosure.edit_plan")
    def publish(self):
        pass

    @step(State.PLANNED, State.REPORTED, "disclosure.edit_plan")
    def report(self):
        pass


class PlanItem(models.Model):
    """One task: planned at the start of the month (or added with the results)."""

    plan = models.ForeignKey(
        MonthlyPlan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    content = models.CharField(_("task"), max_length=300)
    planned = models.BooleanField(
        _("in the plan"),
        default=True,
        help_text=_("False for work done in the month that was not planned."),
    )
    result = models.CharField(
        pgettext_lazy("disclosure", "result"), max_length=300, blank=True
    )
    completion = models.PositiveSmallIntegerField(
        _("completion (%)"), null=True, blank=True
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["plan", "-planned", "sort_order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completion__isnull=True) | Q(completion__lte=100),
                name="plan_item_completion_percent",
            ),
        ]
        triggers = [
            # What was planned is what the result is measured against.
            pgtrigger.Protect(
                name="plan_item_task_fixed",
                operation=pgtrigger.Update,
                condition=pgtrigger.AnyChange("plan", "content", "planned"),
            ),
        ]

    def __str__(self):
        return self.content

    @property
    def is_done(self):
        return self.completion == 100
