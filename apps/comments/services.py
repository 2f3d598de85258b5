"""Posting, flagging and hiding comments.

Anonymous comments are rate-limited WITHOUT identifying anyone: the limit is
a shared one per item and per procuratorate per hour, counted from the
comments table itself. A per-person counter (in the session, the cache or a
table) would have to remember that this account posted anonymously, and when
— exactly the trace an anonymous comment must not leave. The price is that a
flood by one person uses up the hour's anonymous quota for everyone; signed
comments remain open, and the office can hide the flood.

Posting anonymously writes no audit event either: the trail stores the
actor and the client address.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import locked
from apps.core.models import Role
from apps.core.selectors import users_with_role
from apps.todos.services import todo_close, todo_open

from .models import Comment, CommentFlag
from .registry import can_view_target, is_open_for_comments

MAX_LENGTH = 2000
# Shared limits for anonymous comments (nobody's own counter; see above).
ANONYMOUS_PER_ITEM_PER_HOUR = 5
ANONYMOUS_PER_PROCURATORATE_PER_HOUR = 30
# Signed comments carry their author anyway, so they are limited per person.
SIGNED_PER_PERSON_PER_HOUR = 20
REVIEW_STEP = "comments.review"
# First key of the advisory lock: a fixed number naming "comments" ("Comm").
LOCK_NAMESPACE = 0x436F6D6D


def _hour(moment):
    local = timezone.localtime(moment)
    return local.replace(minute=0, second=0, microsecond=0)


def _lock_counting(procuratorate_id):
    # Serialise the count-then-insert of one procuratorate's comments, so two
    # posts at once cannot both slip under a limit. Released at commit.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, procuratorate_id]
        )


def _check_rate(*, anonymous, actor, procuratorate_id, content_type, object_id, now):
    if anonymous:
        hour = _hour(now)
        recent = Comment.objects.filter(
            procuratorate_id=procuratorate_id, is_anonymous=True, posted_at__gte=hour
        )
        if recent.count() >= ANONYMOUS_PER_PROCURATORATE_PER_HOUR or (
            recent.filter(content_type=content_type, object_id=object_id).count()
            >= ANONYMOUS_PER_ITEM_PER_HOUR
        ):
            raise ValidationError(
                _(
                    "Enough anonymous comments have been posted this hour; "
                    "please try again after the hour, or sign your comment."
                )
            )
    else:
        since = now - datetime.timedelta(hours=1)
        if (
            Comment.objects.filter(author=actor, posted_at__gte=since).count()
            >= SIGNED_PER_PERSON_PER_HOUR
        ):
            raise ValidationError(
                _("You have posted many comments this hour; please wait a while.")
            )


@transaction.atomic
def comment_post(*, actor, target, body, anonymous, parent=None):
    """Post a comment under `target` (a registered, published item).

    `parent` makes it a reply; replies to replies attach to the same thread.
    """
    if not actor.has_perm("comments.post") or not can_view_target(actor, target):
        raise PermissionDenied("comments.post")
    # Judge the item as it is now (e.g. withdrawn meanwhile), not as passed in.
    target = type(target)._default_manager.get(pk=target.pk)
    if not is_open_for_comments(target):
        raise ValidationError(_("This item no longer takes comments."))
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write something first."))
    if len(body) > MAX_LENGTH:
        raise ValidationError(
            _("A comment may be at most %(max)s characters.") % {"max": MAX_LENGTH}
        )
    content_type = ContentType.objects.get_for_model(target)
    object_id = str(target.pk)
    if parent is not None:
        if parent.content_type_id != content_type.pk or parent.object_id != object_id:
            raise ValidationError(_("A reply must be under the same item."))
        parent = parent.parent or parent
    now = timezone.now()
    _lock_counting(target.procuratorate_id)
    _check_rate(
        anonymous=anonymous,
        actor=actor,
        procuratorate_id=target.procuratorate_id,
        content_type=content_type,
        object_id=object_id,
        now=now,
    )
    comment = Comment(
        procuratorate_id=target.procuratorate_id,
        content_type=content_type,
        object_id=object_id,
        parent=parent,
        author=None if anonymous else actor,
        is_anonymous=bool(anonymous),
        body=body,
        posted_at=_hour(now) if anonymous else now,
    )
    comment.full_clean()
    comment.save()
    if not anonymous:
        audit_record(
            actor=actor,
            action="comments.comment.post",
            target=comment,
            after={
                "item": f"{content_type.app_label}.{content_type.model}:{object_id}"
            },
            message=gettext_noop("Comment posted"),
        )
    return comment


def _target_of(comment):
    target = comment.target
    if target is None:
        raise ValidationError(_("The item of this comment no longer exists."))
    return target


@transaction.atomic
def comment_flag(*, actor, comment, reason=""):
    """Mark a comment for the office; its moderators get a to-do."""
    if not actor.has_perm("comments.flag") or not can_view_target(
        actor, _target_of(comment)
    ):
        raise PermissionDenied("comments.flag")
    comment = locked(comment)
    if comment.is_hidden:
        raise ValidationError(_("This comment has already been hidden."))
    try:
        with transaction.atomic():
            CommentFlag.objects.create(
                comment=comment, flagged_by=actor, reason=(reason or "").strip()[:200]
            )
    except IntegrityError as exc:
        raise ValidationError(_("You have already flagged this comment.")) from exc
    Comment.objects.filter(pk=comment.pk).update(flag_count=F("flag_count") + 1)
    todo_open(
        target=comment,
        step_code=REVIEW_STEP,
        label=gettext_noop("Look at a flagged comment"),
        assignees=users_with_role(
            procuratorate_id=comment.procuratorate_id, role=Role.OFFICE_REVIEWER
        ),
        url=comment.get_absolute_url(),
        subject=str(comment),
    )
    audit_record(
        actor=actor,
        action="comments.comment.flag",
        target=comment,
        after={"reason": reason},
        message=gettext_noop("Comment flagged for the office"),
    )
    comment.refresh_from_db()
    return comment


@transaction.atomic
def comment_hide(*, actor, comment, reason):
    """The office hides an abusive comment; a dated placeholder stays, and
    the replies under it stay readable."""
    comment = locked(comment)
    if not actor.has_perm("comments.hide_comment", comment):
        raise PermissionDenied("comments.hide")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for hiding it."))
    if comment.is_hidden:
        raise ValidationError(_("This comment has already been hidden."))
    before = model_snapshot(comment, fields=["body", "hidden_at", "flag_count"])
    comment.hidden_at = timezone.now()
    comment.hidden_by = actor
    comment.hidden_reason = reason[:200]
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    todo_close(target=comment, step_code=REVIEW_STEP, actor=actor)
    audit_record(
        actor=actor,
        action="comments.comment.hide",
        target=comment,
        before=before,
        after={"hidden_at": comment.hidden_at, "reason": comment.hidden_reason},
        message=gettext_noop("Comment hidden by the office"),
    )
    return comment
