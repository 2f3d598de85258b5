"""信息宣传: items and their review chain, outlets, adoptions, quotas, rewards,
bulletins.

The workflow of an item is declared here as FSM transitions; who may take each
step, the row locks, to-dos and audit live in `services/`.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, transition

from apps.core.models import TimeStampedModel


class Kind(models.TextChoices):
    INFORMATION = "information", _("Procuratorial information")
    NEWS = "news", _("News article")


class Category(models.TextChoices):
    UPDATE = "update", _("Update")
    EXPERIENCE = "experience", _("Experience")
    OVERVIEW = "overview", _("Overview")
    LEADERSHIP = "leadership", _("Leadership thinking")
    RESEARCH = "research", _("Research article")


class Urgency(models.TextChoices):
    IMPORTANT = "important", _("Important")
    ROUTINE = "routine", _("Routine")


class OutletLevel(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    PREFECTURAL = "prefectural", _("Prefectural")
    COUNTY = "county", _("County")


class Medium(models.TextChoices):
    PRINT = "print", _("Print")
    ONLINE = "online", _("Online")
    RADIO = "radio", _("Radio")
    TV = "tv", _("Television")
    SOCIAL = "social", _("Social media")
    # Upper procuratorates adopt information into their internal publications
    # (信息专报, 内刊), which fit none of the public media.
    INTERNAL = "internal", _("Internal publication")


class Item(TimeStampedModel):
    """One piece of information or news article (检察信息 / 新闻稿件) and its chain."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting department approval")
        DEPARTMENT_APPROVED = "department_approved", _("Awaiting office review")
        REVIEWED = "reviewed", _("Awaiting sign-off")
        SIGNED_OFF = "signed_off", _("Awaiting dispatch")
        DISPATCHED = "dispatched", _("Dispatched")
        RETURNED = "returned", _("Returned for revision")

    # States in which the author may change the text without a tracked revision
    # being the only record: before the first submission, and when returned.
    AUTHOR_EDITABLE = (State.DRAFT, State.RETURNED)
    RETURNABLE = (State.SUBMITTED, State.DEPARTMENT_APPROVED, State.REVIEWED)
    OFFICE_EDITABLE = (State.DEPARTMENT_APPROVED, State.REVIEWED)

    procuratorate = models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="publicity_items",
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="publicity_items",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="publicity_items",
    )
    kind = models.CharField(_("item kind"), max_length=20, choices=Kind.choices)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    urgency = models.CharField(
        _("urgency"), max_length=20, choices=Urgency.choices, default=Urgency.ROUTINE
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), help_text=_("Stored as sanitised HTML."))
    state = FSMField(
        _("state"), max_length=30, choices=State.choices, default=State.DRAFT
    )
    is_fine = models.BooleanField(_("fine item"), default=False)
    is_highlight = models.BooleanField(_("highlight item"), default=False)
    # Fixed at the first submission; the dispatch limit counts from it.
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    last_submitted_at = models.DateTimeField(
        _("last submitted at"), null=True, blank=True
    )
    dispatch_deadline = models.DateTimeField(
        _("dispatch deadline"),
        null=True,
        blank=True,
        help_text=_("3 days (important) or 5 days (routine) after submission."),
    )
    step_due_at = models.DateTimeField(_("current step due"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    dispatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dispatched by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    dispatched_at = models.DateTimeField(_("dispatched at"), null=True, blank=True)
    return_comment = models.TextField(_("return comment"), blank=True)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["procuratorate", "state"]),
            models.Index(fields=["procuratorate", "dispatched_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state="draft") | Q(submitted_at__isnull=False),
                name="publicity_item_submitted_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(state="dispatched")
                | Q(signed_off_at__isnull=False, dispatched_at__isnull=False),
                name="publicity_item_dispatched_after_sign_off",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("publicity:item_detail", args=[self.pk])

    # ------------------------------------------------------------ transitions
    @transition(
        field=state, source=[State.DRAFT, State.RETURNED], target=State.SUBMITTED
    )
    def submit(self):
        pass

    @transition(field=state, source=State.SUBMITTED, target=State.DEPARTMENT_APPROVED)
    def approve(self):
        pass

    @transition(field=state, source=State.DEPARTMENT_APPROVED, target=State.REVIEWED)
    def review(self):
        pass

    @transition(field=state, source=State.REVIEWED, target=State.SIGNED_OFF)
    def sign_off(self):
        pass

    @transition(field=state, source=State.SIGNED_OFF, target=State.DISPATCHED)
    def dispatch(self):
        pass

    @transition(field=state, source=list(RETURNABLE), target=State.RETURNED)
    def return_to_author(self):
        pass

    @property
    def has_been_submitted(self):
        return self.submitted_at is not None


class Authorship(models.Model):
    """An author of an item with a share of its credit (shares total 100)."""

    item = models.ForeignKey(
        Item,
        verbose_name=_("item"),
        on_delete=models.CASCADE,
        related_name="authorships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="publicity_authorships",
    )
    share = models.PositiveSmallIntegerField(
        _("share (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    is_primary = models.BooleanField(_("primary author"), default=False)

    class Meta:
        verbose_name = _("authorship")
        verbose_name_plural = _("authorships")
        ordering = ["-is_primary", "-share", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "user"], name="publicity_authorship_unique"
            ),
            models.CheckConstraint(
                condition=Q(share__gte=1, share__lte=100),
                name="publicity_authorship_share_range",
            ),
        ]

    def __str__(self):
        return f"{self.user} {self.share}%"


class Revision(models.Model):
    """The text of an item as fixed at submission (number 1) and after each edit."""

    item = models.ForeignKey(
        Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("revision number"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"))
    changes = models.JSONField(
        _("other changes"),
        default=dict,
        blank=True,
        help_text=_("Kind, category or urgency before and after this revision."),
    )
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("edited by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("reason for the change"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "number"], name="publicity_revision_number_unique"
            )
        ]

    def __str__(self):
        return f"{self.item} #{self.number}"


class ItemEvent(models.Model):
    """One line of an item's history as its readers see it."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created the draft")
        SUBMIT = "submit", _("Submitted")
        RESUBMIT = "resubmit", _("Resubmitted")
        APPROVE = "approve", _("Approved for the department")
        REVIEW = "review", _("Reviewed")
        EDIT = "edit", _("Edited")
        RETURN = "return", _("Returned to the author")
        SIGN_OFF = "sign_off", _("Signed off")
        DISPATCH = "dispatch", _("Dispatched")
        ADOPT = "adopt", _("Recorded an adoption")
        ATTACH = "attach", _("Added an attachment")

    item = models.ForeignKey(
        Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_state = models.CharField(
        _("from state"), max_length=30, choices=Item.State.choices, blank=True
    )
    to_state = models.CharField(
        _("to state"), max_length=30, choices=Item.State.choices, blank=True
    )
    comment = models.TextField(pgettext_lazy("publicity", "comment"), blank=True)
    revision = models.ForeignKey(
        Revision,
        verbose_name=_("revision"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("item event")
        verbose_name_plural = _("item events")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.item}: {self.get_action_display()}"


def attachment_path(instance, filename):
    # The stored name is ours; the user's file name is kept in original_name.
    import uuid
    from pathlib import PurePosixPath

    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"publicity/{instance.item.procuratorate_id}/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A photo or document attached to an item; type and size are checked."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        DOCUMENT = "document", _("Document")

    item = models.ForeignKey(
        Item,
        verbose_name=_("item"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("file kind"), max_length=10, choices=Kind.choices)
    content_type = models.CharField(_("MIME type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["item", "created_at", "id"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("publicity:attachment_download", args=[self.pk])


class Outlet(TimeStampedModel):
    """An upper-level body or medium that receives and may adopt items (reference data).

    One catalogue for the whole deployment, as the time-limit catalogue is: the
    outlets (检察日报, 正义网, 自治区院 …) are the same for every procuratorate.
    """

    class Kind(models.TextChoices):
        UPPER_BODY = "upper_body", _("Upper-level procuratorate")
        MEDIA = "media", _("News medium")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("outlet kind"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=20, choices=OutletLevel.choices)
    medium = models.CharField(_("medium"), max_length=20, choices=Medium.choices)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("outlet")
        verbose_name_plural = _("outlets")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Dispatch(models.Model):
    """One destination an item was sent to (报送)."""

    item = models.ForeignKey(
        Item,
        verbose_name=_("item"),
        on_delete=models.CASCADE,
        related_name="dispatches",
    )
    outlet = models.ForeignKey(
        Outlet,
        verbose_name=_("sent to"),
        on_delete=models.PROTECT,
        related_name="dispatches",
    )
    dispatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dispatched by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    dispatched_at = models.DateTimeField(_("dispatched at"))

    class Meta:
        verbose_name = _("dispatch")
        verbose_name_plural = _("dispatches")
        ordering = ["item", "outlet__sort_order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "outlet"], name="publicity_dispatch_unique"
            )
        ]

    def __str__(self):
        return f"{self.item} → {self.outlet}"


def clipping_path(instance, filename):
    import uuid
    from pathlib import PurePosixPath

    suffix = PurePosixPath(filename).suffix.lower()[:10]
    return f"publicity/{instance.procuratorate_id}/clippings/{uuid.uuid4().hex}{suffix}"


class Adoption(TimeStampedModel):
    """One use of an item by an outlet (采用); an item may be adopted many times."""

    class Form(models.TextChoices):
        FULL = "full", _("Full text")
        EXCERPT = "excerpt", _("Excerpt")
        FORWARDED = "forwarded", _("Forwarded")

    procuratorate = models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="publicity_adoptions",
    )
    item = models.ForeignKey(
        Item,
        verbose_name=_("item"),
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    outlet = models.ForeignKey(
        Outlet,
        verbose_name=_("outlet"),
        on_delete=models.PROTECT,
        related_name="adoptions",
    )
    adopted_on = models.DateField(_("date adopted"))
    form = models.CharField(
        _("form of use"), max_length=20, choices=Form.choices, default=Form.FULL
    )
    link = models.URLField(_("link"), max_length=500, blank=True)
    clipping = models.FileField(
        _("clipping"), upload_to=clipping_path, max_length=200, blank=True
    )
    clipping_name = models.CharField(
        _("clipping file name"), max_length=200, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["-adopted_on", "-id"]
        indexes = [models.Index(fields=["procuratorate", "adopted_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "outlet", "adopted_on", "form"],
                name="publicity_adoption_unique",
            )
        ]

    def __str__(self):
        return f"{self.item} @ {self.outlet} {self.adopted_on}"


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

    @transition(field=state, source=State.PENDING, target=State.COMPUTED)
    def mark_computed(self):
        pass

    @transition(field=state, source=State.COMPUTED, target=State.PENDING)
    def recompute(self):
        pass

    @transition(field=state, source=State.COMPUTED, target=State.APPROVED)
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


class Bulletin(TimeStampedModel):
    """A numbered issue of 《工作简报》 compiled from items."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Being compiled")
        ISSUED = "issued", _("Issued")

    procuratorate = models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="publicity_bulletins",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("issue number"))
    title = models.CharField(_("title"), max_length=60, default="工作简报")
    issued_on = models.DateField(_("date of issue"))
    compiled_by_unit = models.CharField(
        _("compiled by (unit)"), max_length=60, default="办公室"
    )
    distribution = models.TextField(
        _("distribution"),
        blank=True,
        help_text=_("One line each, e.g. 报：市院 / 送：院领导 / 发：各科室."),
    )
    copies = models.PositiveSmallIntegerField(_("copies printed"), default=20)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compiled by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = FSMField(
        _("state"), max_length=20, choices=State.choices, default=State.DRAFT
    )
    items = models.ManyToManyField(
        Item,
        verbose_name=_("items"),
        through="BulletinEntry",
        related_name="bulletins",
    )

    class Meta:
        verbose_name = _("bulletin")
        verbose_name_plural = _("bulletins")
        ordering = ["procuratorate", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "year", "number"],
                name="publicity_bulletin_number_unique",
            )
        ]

    def __str__(self):
        return f"{self.title} {self.year}年第{self.number}期"

    def get_absolute_url(self):
        return reverse("publicity:bulletin_detail", args=[self.pk])

    @transition(field=state, source=State.DRAFT, target=State.ISSUED)
    def issue(self):
        pass


class BulletinEntry(models.Model):
    bulletin = models.ForeignKey(
        Bulletin,
        verbose_name=_("bulletin"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    item = models.ForeignKey(
        Item, verbose_name=_("item"), on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveSmallIntegerField(_("order in the issue"))

    class Meta:
        verbose_name = _("bulletin entry")
        verbose_name_plural = _("bulletin entries")
        ordering = ["bulletin", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bulletin", "item"], name="publicity_bulletin_item_unique"
            )
        ]

    def __str__(self):
        return f"{self.bulletin} {self.position}. {self.item}"
