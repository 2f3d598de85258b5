"""Leadership board panels contributed by the business apps.

A business app that has something for the leadership board defines, in its own
`board.py`, `PANELS = [BoardPanel(...)]`. Each panel names a template (rendered
with the request's user in context plus what `context` returns) and the
permission a viewer needs. The dashboard renders the panels in app order, so no
business app edits the dashboard, and the dashboard imports no business code
by name.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from apps.core.discovery import collect_from_apps


@dataclass(frozen=True)
class BoardPanel:
    title: str
    template: str
    context: Callable  # context(user) -> dict; must run a fixed number of queries
    permission: str | None = None


@cache
def _all_panels():
    return collect_from_apps("board", "PANELS")


def panels_for(user):
    """Return [(panel, context)] for the panels `user` may see."""
    return [
        (panel, panel.context(user))
        for panel in _all_panels()
        if not panel.permission or user.has_perm(panel.permission)
    ]
