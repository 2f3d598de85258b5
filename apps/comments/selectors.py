"""Reading a thread: the comments under one item, replies grouped, two queries."""

from django.contrib.contenttypes.models import ContentType

from .models import Comment, CommentFlag
from .registry import can_view_target


def comment_thread(*, user, target):
    """Top-level comments of `target`, oldest first, each with `thread_replies`.

    Returns [] when the user may not see the item. Hidden comments are kept
    in place (shown as a placeholder) so their replies stay readable. Each
    comment gets `flagged_by_me`.
    """
    if not can_view_target(user, target):
        return []
    comments = list(
        Comment.objects.filter(
            content_type=ContentType.objects.get_for_model(target),
            object_id=str(target.pk),
        )
        .select_related("author__staff__department", "hidden_by__staff")
        .order_by("posted_at", "id")
    )
    mine = (
        set(
            CommentFlag.objects.filter(
                flagged_by=user, comment__in=[c.pk for c in comments]
            ).values_list("comment_id", flat=True)
        )
        if comments
        else set()
    )
    roots, by_id = [], {}
    for comment in comments:
        comment.thread_replies = []
        comment.flagged_by_me = comment.pk in mine
        by_id[comment.pk] = comment
    for comment in comments:
        parent = by_id.get(comment.parent_id)
        if parent is not None:
            parent.thread_replies.append(comment)
        else:
            roots.append(comment)
    return roots


def comment_count(*, target):
    return Comment.objects.filter(
        content_type=ContentType.objects.get_for_model(target),
        object_id=str(target.pk),
        hidden_at__isnull=True,
    ).count()
