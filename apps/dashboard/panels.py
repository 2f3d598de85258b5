"""The leadership board gathers the panels the business apps declare.

Each app's `board.py` lists `PANELS` of `apps.core.panels.BoardPanel`; the
dashboard renders those the viewer may see, in app order, so no business app
edits or imports the dashboard, and the dashboard imports no business app.
"""

from functools import cache

from apps.core.discovery import collect_from_apps


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
