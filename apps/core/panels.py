"""What a business app declares for the leadership board.

An app that has something for the leadership board defines, in its own
`board.py`, `PANELS = [BoardPanel(...)]`. Each panel names a template (rendered
with the request's user in context plus what `context` returns) and the
permission a viewer needs. The type lives here, in the ground, so that apps
declare panels without knowing the dashboard that shows them.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class BoardPanel:
    title: str
    template: str
    context: Callable  # context(user) -> dict; must run a fixed number of queries
    permission: str | None = None
