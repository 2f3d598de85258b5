from django.shortcuts import render

from .models import TodoItem
from .selectors import todo_list_for_user


def inbox(request):
    """我的待办: the steps waiting for the signed-in user."""
    show_done = request.GET.get("show") == "done"
    items = todo_list_for_user(
        user=request.user,
        status=TodoItem.Status.DONE if show_done else TodoItem.Status.OPEN,
    )[:200]
    return render(request, "todos/inbox.html", {"items": items, "show_done": show_done})
