"""Quotas, reward schemes and rules, and the year-end payout ledger."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from apps.core.models import TimeStampedModel
from apps.core.workflow import step

from .items import Medium, OutletLevel
from .outlets import Adoption


class Quota(TimeStampedModel):
    """A yearly target (任务分解) for a department or a person, optionally by level."""

    procuratorate = models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="publicity_quotas",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="publicity_quotas",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="publicity_quotas",
    )
    level = models.CharField(
        _("outlet level"),
        max_length=20,
        choices=OutletLevel.choices,
        blank=True,
        help_text=_("Leave empty to count adoptions at any level."),
    )
    target = models.PositiveIntegerField(
        _("target (adoptions)"), validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("quota")
        verbose_name_plural = _("quotas")
        ordering = ["procuratorate", "-year", "department__sort_order", "user_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(department__isnull=False, user__isnull=True)
                | Q(department__isnull=True, user__isnull=False),
                name="publicity_quota_department_xor_person",
            ),
            models.UniqueConstraint(
                fields=["procuratorate", "year", "department", "level"],
                condition=Q(department__isnull=False),
                name="publicity_quota_department_unique",
            ),
            models.UniqueConstraint(
                fields=["procuratorate", "year", "user", "level"],
                condition=Q(user__isnull=False),
                name="publicity_quota_person_unique",
            ),
        ]

    def __str__(self):
        who = self.department or self.user
        return f"{self.year} {who} {self.target}"


class RewardScheme(TimeStampedModel):
    """奖惩办法 of one procuratorate for one year: base amounts, bonus and penalty."""

    procuratorate = models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="publicity_reward_schemes",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    base_amount = models.DecimalField(
        _("base amount per adoption (yuan)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    base_points = models.DecimalField(
        _("base points per adoption"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    fine_bonus = models.DecimalField(
        _("bonus per adoption of a fine item (yuan)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    penalty_per_missing = models.DecimalField(
        _("penalty per adoption below quota (yuan)"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Charged to a department that misses its yearly quota."),
    )

    class Meta:
        verbose_name = _("reward scheme")
        verbose_name_plural = _("reward schemes")
        ordering = ["procuratorate", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "year"], name="publicity_scheme_unique"
            )
        ]

    def __str__(self):
        return f"{self.procuratorate} {self.year}"


class RewardRule(models.Model):
    """A multiplier of the base amount and points for adoptions at a level (and medium).

    The most specific rule wins: one naming the medium before one for any medium.
    """

    scheme = models.ForeignKey(
        RewardScheme,
        verbose_name=_("reward scheme"),
        on_delete=models.CASCADE,
        related_name="rules",
    )
    level = models.CharField(
        _("outlet level"), max_length=20, choices=OutletLevel.choices
    )
    medium = models.CharField(
        _("medium"),
        max_length=20,
        choices=Medium.choices,
        blank=True,
        help_text=_("Leave empty for any medium."),
    )
    multiplier = models.DecimalField(
        _("multiplier"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        verbose_name = _("reward rule")
        verbose_name_plural = _("reward rules")
        ordering = ["scheme", "level", "medium"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "level", "medium"], name="publicity_rule_unique"
            )
        ]

    def __str__(self):
        return (
            f"{self.get_level_display()} {self.get_medium_display()} ×{self.multiplier}"
        )


class PayoutLedger(TimeStampedModel):
    """The year-end payout (年终一次性兑现): computed by a task, frozen by approval."""

    class State(models.TextChoices):
        PENDING = "pending", _("Being computed")
        COMPUTED = "computed", _("Computed")
        APPROVED = "approved", _("Approved")

    procuratorate = models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="publicity_ledgers",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    state = FSMField(
        _("state"), max_length=20, choices=State.choices, default=State.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    total_reward = models.DecimalField(
        _("total reward"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    total_penalty = models.DecimalField(
        _("total penalty"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)

    class Meta:
        verbose_name = _("payout ledger")
        verbose_name_plural = _("payout ledgers")
        ordering = ["procuratorate", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "year"], name="publicity_ledger_unique"
            )
        ]

    def __str__(self):
        return f"{self.procuratorate} {self.year}"

    def get_absolute_url(self):
        return reverse("publicity:ledger_detail", args=[self.year])

    # Computing is the worker's: no person takes these two steps directly.
    @transition(field=state, source=State.PENDING, target=State.COMPUTED)
    def mark_computed(self):
        pass

    @transition(field=state, source=State.COMPUTED, target=State.PENDING)
    def recompute(self):
        pass

    @step(State.COMPUTED, State.APPROVED, "publicity.approve_ledger")
    def approve(self):
        pass


class PayoutEntry(models.Model):
    """One author's part of one adoption's reward; the ledger's audit trail.

    Unique per ledger, adoption and person, so a second run cannot pay twice.
    """

    ledger = models.ForeignKey(
        PayoutLedger,
        verbose_name=_("ledger"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    adoption = models.ForeignKey(
        Adoption, verbose_name=_("adoption"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    share = models.PositiveSmallIntegerField(_("share (%)"))
    multiplier = models.DecimalField(_("multiplier"), max_digits=6, decimal_places=2)
    amount = models.DecimalField(_("amount (yuan)"), max_digits=10, decimal_places=2)
    points = models.DecimalField(_("points"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("payout entry")
        verbose_name_plural = _("payout entries")
        ordering = ["ledger", "adoption", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["ledger", "adoption", "user"], name="publicity_entry_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} {self.amount}"


class PayoutLine(models.Model):
    """A ledger total: for one person, or for one department (with its penalty)."""

    ledger = models.ForeignKey(
        PayoutLedger,
        verbose_name=_("ledger"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # A person's line shows their own department (none for leadership).
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    adoptions = models.DecimalField(
        _("adoptions (share-weighted)"), max_digits=8, decimal_places=2
    )
    points = models.DecimalField(_("points"), max_digits=10, decimal_places=2)
    reward = models.DecimalField(_("reward"), max_digits=12, decimal_places=2)
    quota_target = models.PositiveIntegerField(_("quota"), null=True, blank=True)
    quota_done = models.PositiveIntegerField(
        _("quota completed"), null=True, blank=True
    )
    penalty = models.DecimalField(
        _("penalty"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    total = models.DecimalField(_("net amount"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("payout line")
        verbose_name_plural = _("payout lines")
        ordering = ["ledger", "department__sort_order", "user_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["ledger", "user"],
                condition=Q(user__isnull=False),
                name="publicity_line_person_unique",
            ),
            models.UniqueConstraint(
                fields=["ledger", "department"],
                condition=Q(user__isnull=True),
                name="publicity_line_department_unique",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | Q(department__isnull=False),
                name="publicity_line_person_or_department",
            ),
        ]

    def __str__(self):
        return f"{self.user or self.department} {self.total}"
