"""Service requests (办公用品申请 and the other kinds) and their timed steps.

The essay's point is that an application and its answer, once sent, keep the
time and the content they were sent with, so the office's speed can be
measured against its own time limits. The database enforces it: the request's
submitted content, its lines, its steps once done and its amendments refuse
UPDATE and DELETE.
"""

import pgtrigger
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import RETURN_VALUE, FSMField

from apps.core.fields import procuratorate_field, user_field
from apps.core.models import TimeStampedModel
from apps.core.workflow import step


class ServiceKind(TimeStampedModel):
    """A kind of service the office provides on request (reference data).

    Office supplies go through the store (purchase, stock-in, issue); the other
    kinds (vehicle use, archive borrowing, printing) are approved and then
    handled. Each kind names the time-limit catalogue entries of its steps.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=60)
    uses_stock = models.BooleanField(
        _("goes through the store"),
        default=False,
        help_text=_("Purchase, stock-in and issue with stock-out (office supplies)."),
    )
    decide_time_limit = models.SlugField(
        _("time limit of the decision"),
        max_length=80,
        help_text=_("Step code in the time-limit catalogue."),
    )
    handle_time_limit = models.SlugField(
        _("time limit of the handling"),
        max_length=80,
        blank=True,
        help_text=_("For kinds that do not go through the store."),
    )
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("service kind")
        verbose_name_plural = _("service kinds")
        ordering = ["sort_order", "code"]

    def __str__(self):
        return self.name


class ServiceRequest(TimeStampedModel):
    """A department's request to the office; submitted time and content never change."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("Awaiting decision")
        DEFERRED = "deferred", _("Deferred")
        REJECTED = "rejected", _("Not approved")
        AWAITING_PURCHASE = "awaiting_purchase", _("Awaiting purchase")
        AWAITING_STOCK_IN = "awaiting_stock_in", _("Awaiting stock-in")
        AWAITING_ISSUE = "awaiting_issue", _("Awaiting issue")
        ISSUED = "issued", pgettext_lazy("disclosure", "Issued")
        AWAITING_HANDLING = "awaiting_handling", _("Awaiting handling")
        COMPLETED = "completed", _("Completed")

    S = State
    # The steps of the two flows. Each transition names who may take it
    # (a predicate of rules.py); services and pages ask the transition.
    APPROVED_STATES = (
        S.AWAITING_PURCHASE,
        S.AWAITING_ISSUE,
        S.AWAITING_HANDLING,
    )

    procuratorate = procuratorate_field()
    number = models.CharField(_("number"), max_length=20)
    kind = models.ForeignKey(
        ServiceKind,
        verbose_name=_("kind"),
        on_delete=models.PROTECT,
        related_name="requests",
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("requesting department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_by = user_field(_("requested by"))
    title = models.CharField(
        pgettext_lazy("service request", "subject"), max_length=120
    )
    content = models.TextField(_("content"))
    urgent = models.BooleanField(
        _("needed today"),
        default=False,
        help_text=_("The director may decide to buy and issue it the same day."),
    )
    # Decided by the director at approval, not part of the submitted content.
    same_day = models.BooleanField(
        _("to be bought and issued the same day"), default=False
    )
    submitted_at = models.DateTimeField(
        _("submitted at"), default=timezone.now, editable=False
    )
    state = FSMField(
        _("state"), max_length=20, choices=State.choices, default=State.SUBMITTED
    )

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-submitted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["procuratorate", "number"], name="service_request_number_unique"
            ),
        ]
        indexes = [models.Index(fields=["procuratorate", "submitted_at"])]
        triggers = [
            # Submitted time and content are fixed; later corrections are
            # amendments. Only the state (and updated_at) may move.
            pgtrigger.Protect(
                name="service_request_content_fixed",
                operation=pgtrigger.Update,
                condition=pgtrigger.AnyChange(
                    "procuratorate",
                    "number",
                    "kind",
                    "department",
                    "requested_by",
                    "title",
                    "content",
                    "urgent",
                    "submitted_at",
                    "created_at",
                ),
            ),
            pgtrigger.Protect(
                name="service_request_never_deleted", operation=pgtrigger.Delete
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("disclosure:request_detail", args=[self.pk])

    @property
    def is_open(self):
        return self.state not in (self.S.REJECTED, self.S.ISSUED, self.S.COMPLETED)

    # ------------------------------------------------------------ transitions
    @step(
        [S.SUBMITTED, S.DEFERRED],
        RETURN_VALUE(*APPROVED_STATES),
        "disclosure.decide_request",
    )
    def approve(self, next_state):
        return next_state

    @step([S.SUBMITTED, S.DEFERRED], S.REJECTED, "disclosure.decide_request")
    def reject(self):
        pass

    @step(S.SUBMITTED, S.DEFERRED, "disclosure.decide_request")
    def defer(self):
        pass

    @step(S.AWAITING_PURCHASE, S.AWAITING_STOCK_IN, "disclosure.handle_request")
    def purchase(self):
        pass

    @step(S.AWAITING_STOCK_IN, S.AWAITING_ISSUE, "disclosure.handle_request")
    def stock_in(self):
        pass

    @step(S.AWAITING_ISSUE, S.ISSUED, "disclosure.handle_request")
    def issue(self):
        pass

    @step(S.AWAITING_ISSUE, S.AWAITING_PURCHASE, "disclosure.handle_request")
    def fall_short(self):
        """The store no longer holds enough: buy after all."""

    @step(S.AWAITING_HANDLING, S.COMPLETED, "disclosure.handle_request")
    def complete(self):
        pass


class ServiceRequestLine(models.Model):
    """One thing asked for: a store item, or a thing the store does not keep yet."""

    request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("service request"),
        on_delete=models.PROTECT,
        related_name="lines",
    )
    stock_item = models.ForeignKey(
        "disclosure.StockItem",
        verbose_name=_("store item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(pgettext_lazy("disclosure", "item"), max_length=100)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=10, default="个")

    class Meta:
        verbose_name = _("request line")
        verbose_name_plural = _("request lines")
        ordering = ["request", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0), name="request_line_quantity_positive"
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="request_line_fixed",
                operation=pgtrigger.Update | pgtrigger.Delete,
            ),
        ]

    def __str__(self):
        return f"{self.name} × {self.quantity}{self.unit}"


class ServiceStep(models.Model):
    """One timed step of a request: who must act, by when, and when they did.

    A step opens with its due time from the clock and closes once; after that
    the database refuses any change, so the on-time mark cannot be mended.
    """

    class Code(models.TextChoices):
        DECIDE = "decide", _("Decision")
        REDECIDE = "redecide", _("Decision after deferral")
        PURCHASE = "purchase", _("Purchase")
        STOCK_IN = "stock_in", _("Stock-in")
        ISSUE = "issue", pgettext_lazy("disclosure", "Issue")
        HANDLE = "handle", _("Handling")

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Not approved")
        DEFERRED = "deferred", _("Deferred")
        DONE = "done", pgettext_lazy("service step", "Done")
        SHORT = "short", _("Store short; sent to purchase")

    request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("service request"),
        on_delete=models.PROTECT,
        related_name="steps",
    )
    code = models.CharField(_("step"), max_length=20, choices=Code.choices)
    time_limit_code = models.CharField(
        _("time limit"), max_length=80, blank=True, help_text=_("Catalogue code.")
    )
    started_at = models.DateTimeField(_("started at"))
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = user_field(_("done by"), optional=True)
    outcome = models.CharField(
        _("outcome"), max_length=20, choices=Outcome.choices, blank=True
    )
    note = models.TextField(_("reason or note"), blank=True)

    class Meta:
        verbose_name = _("request step")
        verbose_name_plural = _("request steps")
        ordering = ["request", "started_at", "id"]
        constraints = [
            # A request waits for one thing at a time.
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(done_at__isnull=True),
                name="service_step_one_open_per_request",
            ),
            models.CheckConstraint(
                condition=Q(done_at__isnull=True, outcome="")
                | Q(done_at__isnull=False) & ~Q(outcome=""),
                name="service_step_outcome_when_done",
            ),
            # A refusal or a deferral is published with its reason.
            models.CheckConstraint(
                condition=~Q(outcome__in=["rejected", "deferred"]) | ~Q(note=""),
                name="service_step_reason_for_refusal",
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="service_step_done_is_final",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__done_at__isnull=False),
            ),
            pgtrigger.Protect(
                name="service_step_timing_fixed",
                operation=pgtrigger.Update,
                condition=pgtrigger.AnyChange(
                    "request", "code", "time_limit_code", "started_at", "due_at"
                ),
            ),
            pgtrigger.Protect(
                name="service_step_never_deleted", operation=pgtrigger.Delete
            ),
        ]

    def __str__(self):
        return f"{self.request.number} {self.get_code_display()}"

    @property
    def is_done(self):
        return self.done_at is not None

    @property
    def met_limit(self):
        """True/False once done (None when the step has no time limit)."""
        if self.due_at is None or self.done_at is None:
            return None
        return self.done_at <= self.due_at

    @property
    def is_overdue(self):
        return (
            self.done_at is None
            and self.due_at is not None
            and timezone.now() > self.due_at
        )


class ServiceRequestAmendment(models.Model):
    """A later correction or addition, shown beside the unchanged original."""

    request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("service request"),
        on_delete=models.PROTECT,
        related_name="amendments",
    )
    author = user_field(_("author"))
    text = models.TextField(_("amendment"))
    created_at = models.DateTimeField(_("time"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["request", "created_at", "id"]
        triggers = [
            pgtrigger.Protect(
                name="request_amendment_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            ),
        ]

    def __str__(self):
        return f"{self.request.number} {self.created_at:%Y-%m-%d %H:%M}"
