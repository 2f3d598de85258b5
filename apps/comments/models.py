"""Comments under any published item (评论栏), signed or anonymous.

An anonymous comment keeps no trace of its author: no user id, no address,
no session mark, and not even the exact time — `posted_at` is cut to the
hour, so it cannot be matched against a web server's access log. Its primary
key is a random UUID rather than a sequence, so neither its id nor its place
among other comments tells when it was written. For the same reason this
model does not carry the usual created_at/updated_at timestamps.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Comment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    procuratorate = models.ForeignKey(
        "core.Procuratorate",
        verbose_name=_("procuratorate"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("item type"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_id = models.CharField(_("item id"), max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("reply to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    body = models.TextField(_("comment"), max_length=2000)
    posted_at = models.DateTimeField(_("posted at"), db_index=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hidden by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=200, blank=True)
    flag_count = models.PositiveIntegerField(_("flags"), default=0)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["posted_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id", "posted_at"])]
        constraints = [
            # Anonymous means no author; signed means an author.
            models.CheckConstraint(
                condition=Q(is_anonymous=True, author__isnull=True)
                | Q(is_anonymous=False, author__isnull=False),
                name="comment_author_iff_signed",
            ),
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True, hidden_by__isnull=True)
                | Q(hidden_at__isnull=False, hidden_by__isnull=False),
                name="comment_hidden_with_moderator",
            ),
        ]

    def __str__(self):
        # Never the author: this text lands in to-dos and the audit trail.
        return self.body[:40]

    def get_absolute_url(self):
        target = self.target
        base = target.get_absolute_url() if target is not None else "/"
        return f"{base}#comment-{self.pk}"

    @property
    def is_hidden(self):
        return self.hidden_at is not None


class CommentFlag(models.Model):
    """A signed member of staff marks a comment for the office to look at."""

    comment = models.ForeignKey(
        Comment,
        verbose_name=_("comment"),
        on_delete=models.CASCADE,
        related_name="flags",
    )
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("flagged by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("flagged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment flag")
        verbose_name_plural = _("comment flags")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "flagged_by"], name="comment_flag_once_per_person"
            ),
        ]

    def __str__(self):
        return f"{self.comment_id}"
