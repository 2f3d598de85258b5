"""Which models take comments, and who may read and comment on them.

The comments app imports no business app: an app that wants a comment thread
under its items registers the model from its own AppConfig.ready()::

    from apps.comments.registry import register_commentable
    register_commentable(
        BoardPost,
        is_open=lambda post: post.withdrawn_at is None,
        can_view=lambda user, post: user.has_perm("disclosure.view_board"),
    )

`can_view(user, obj)` is checked in addition to the built-in rule that the
item belongs to the user's procuratorate; `is_open(obj)` says whether new
comments are accepted. A model that is not registered cannot be commented on,
whatever ids a request carries.
"""

from collections.abc import Callable
from dataclasses import dataclass

from apps.core.scoping import user_procuratorate_id


@dataclass(frozen=True)
class Commentable:
    model: type
    is_open: Callable
    can_view: Callable


_registry: dict[type, Commentable] = {}


def _always(*_args):
    return True


def register_commentable(model, *, is_open=None, can_view=None):
    """Let items of `model` (which must have `procuratorate_id`) take comments."""
    _registry[model] = Commentable(model, is_open or _always, can_view or _always)


def commentable_for(model):
    """The registration of `model`, or None."""
    return _registry.get(model)


def can_view_target(user, target):
    """True when `user` may read the comments of `target` (and comment on it)."""
    entry = commentable_for(type(target))
    if entry is None:
        return False
    procuratorate_id = user_procuratorate_id(user)
    return bool(
        procuratorate_id is not None
        and getattr(target, "procuratorate_id", None) == procuratorate_id
        and entry.can_view(user, target)
    )


def is_open_for_comments(target):
    entry = commentable_for(type(target))
    return bool(entry and entry.is_open(target))
