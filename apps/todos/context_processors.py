from django.utils.functional import SimpleLazyObject

from .selectors import todo_counts_for_user


def todo_count(request):
    """The header's to-do badge; counted only when a template shows it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "todo_counts": SimpleLazyObject(
            lambda: dict(
                zip(("open", "overdue"), todo_counts_for_user(user), strict=True)
            )
        )
    }
