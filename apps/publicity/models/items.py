"""Items, their authors, revisions, events and attachments; the item workflow."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField

from apps.core.models import TimeStampedModel
from apps.core.uploads import RandomPath
from apps.core.workflow import step


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
    # The chain's only statement of which step follows which; who may take a
    # step is the named permission in rules.py.
    @step(list(AUTHOR_EDITABLE), State.SUBMITTED, "publicity.submit_item")
    def submit(self):
        pass

    @step(State.SUBMITTED, State.DEPARTMENT_APPROVED, "publicity.approve_item")
    def approve(self):
        pass

    @step(State.DEPARTMENT_APPROVED, State.REVIEWED, "publicity.review_item")
    def review(self):
        pass

    @step(State.REVIEWED, State.SIGNED_OFF, "publicity.sign_off_item")
    def sign_off(self):
        pass

    @step(State.SIGNED_OFF, State.DISPATCHED, "publicity.dispatch_item")
    def dispatch(self):
        pass

    @step(list(RETURNABLE), State.RETURNED, "publicity.return_item")
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
    file = models.FileField(
        _("file"),
        upload_to=RandomPath("publicity/{instance.item.procuratorate_id}"),
        max_length=200,
    )
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
