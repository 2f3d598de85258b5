"""The comment box's POST endpoints. Each returns to the item's page."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import Comment
from .registry import can_view_target, commentable_for


def _next(request, fallback="/"):
    url = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback


def _load_target(request):
    try:
        content_type = ContentType.objects.get_for_id(int(request.POST["content_type"]))
    except (KeyError, ValueError, ContentType.DoesNotExist) as exc:
        raise Http404 from exc
    model = content_type.model_class()
    if model is None or commentable_for(model) is None:
        raise Http404
    try:
        target = model._default_manager.filter(pk=request.POST.get("object_id")).first()
    except (ValueError, TypeError, ValidationError) as exc:
        raise Http404 from exc
    # Another procuratorate's item is not found, as everywhere.
    if target is None or not can_view_target(request.user, target):
        raise Http404
    return target


@require_POST
def post(request):
    if not request.user.has_perm("comments.post"):
        raise PermissionDenied
    target = _load_target(request)
    back = _next(request, target.get_absolute_url())
    parent = None
    if request.POST.get("parent"):
        try:
            parent = Comment.objects.filter(pk=request.POST["parent"]).first()
        except ValidationError:  # not a UUID
            parent = None
        if parent is None:
            raise Http404
    body = request.POST.get("body", "")
    anonymous = bool(request.POST.get("anonymous"))
    try:
        comment = services.comment_post(
            actor=request.user,
            target=target,
            body=body,
            anonymous=anonymous,
            parent=parent,
        )
    except ValidationError as exc:
        # Show the form again with what was typed; nothing is stored meanwhile.
        return render(
            request,
            "comments/post_error.html",
            {
                "error": "；".join(exc.messages),
                "thread": {
                    "content_type_id": request.POST["content_type"],
                    "object_id": str(target.pk),
                    "next": back,
                    "anonymous_limit": services.ANONYMOUS_PER_ITEM_PER_HOUR,
                },
                "parent_id": parent.pk if parent else "",
                "body": body,
                "anonymous": anonymous,
            },
            status=400,
        )
    # No message for an anonymous post: a message is kept in the session
    # until shown, and would say that this account posted anonymously.
    if not anonymous:
        messages.success(request, _("Comment posted."))
    return redirect(f"{back.split('#')[0]}#comment-{comment.pk}")


def _load_comment(request, pk):
    comment = get_object_or_404(Comment, pk=pk)
    target = comment.target
    if target is None or not can_view_target(request.user, target):
        raise Http404
    return comment


@require_POST
def flag(request, pk):
    if not request.user.has_perm("comments.flag"):
        raise PermissionDenied
    comment = _load_comment(request, pk)
    try:
        services.comment_flag(
            actor=request.user, comment=comment, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, _("Thank you; the office will look at it."))
    return redirect(_next(request, comment.get_absolute_url()))


@require_POST
def hide(request, pk):
    comment = _load_comment(request, pk)
    if not request.user.has_perm("comments.hide_comment", comment):
        raise PermissionDenied
    try:
        services.comment_hide(
            actor=request.user, comment=comment, reason=request.POST.get("reason", "")
        )
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, _("Comment hidden; a dated placeholder remains."))
    return redirect(_next(request, comment.get_absolute_url()))
