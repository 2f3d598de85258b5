"""The generic to-do: a workflow step waiting for one person, with its due time."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TodoItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    procuratorate = models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.CASCADE,
        related_name="todos",
    )
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    step_code = models.CharField(_("step"), max_length=80)
    # An English message id, translated when shown ({% translate item.label %}).
    label = models.CharField(_("what to do"), max_length=200)
    subject = models.CharField(_("subject"), max_length=255)
    url = models.CharField(_("link"), max_length=500)
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    overdue_flagged_at = models.DateTimeField(
        _("flagged overdue at"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("to-do")
        verbose_name_plural = _("to-dos")
        ordering = ["due_at", "created_at"]
        indexes = [
            models.Index(fields=["assignee", "status"]),
            models.Index(fields=["content_type", "object_id", "step_code"]),
            models.Index(fields=["status", "due_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["assignee", "content_type", "object_id", "step_code"],
                condition=Q(status="open"),
                name="todo_one_open_per_step_and_person",
            ),
            models.CheckConstraint(
                condition=Q(status="open", closed_at__isnull=True)
                | (~Q(status="open") & Q(closed_at__isnull=False)),
                name="todo_closed_at_matches_status",
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.subject}"

    @property
    def is_overdue(self):
        return (
            self.status == self.Status.OPEN
            and self.due_at is not None
            and self.due_at < timezone.now()
        )
