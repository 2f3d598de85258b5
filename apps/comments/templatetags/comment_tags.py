"""`{% comment_thread target as thread %}` — used by comments/_thread.html."""

from django import template
from django.contrib.contenttypes.models import ContentType

from ..registry import can_view_target, is_open_for_comments
from ..selectors import comment_thread as select_thread
from ..services import ANONYMOUS_PER_ITEM_PER_HOUR

register = template.Library()


@register.simple_tag(takes_context=True)
def comment_thread(context, target):
    request = context["request"]
    user = request.user
    visible = can_view_target(user, target)
    return {
        "visible": visible,
        "comments": select_thread(user=user, target=target) if visible else [],
        "content_type_id": ContentType.objects.get_for_model(target).pk,
        "object_id": str(target.pk),
        "can_post": visible
        and user.has_perm("comments.post")
        and is_open_for_comments(target),
        "can_flag": user.has_perm("comments.flag"),
        "can_hide": user.has_perm("comments.hide"),
        "next": request.get_full_path(),
        "anonymous_limit": ANONYMOUS_PER_ITEM_PER_HOUR,
    }
