"""Navigation by role: each app lists its entries in its own `nav.py`.

An app's `nav.py` defines `ITEMS`, a list of `NavItem`. The base layout shows the
entries whose permission the user holds, grouped by section, in app order.
"""

from dataclasses import dataclass
from functools import cache

from django.urls import reverse

from .discovery import collect_from_apps


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str | None = None
    icon: str = "circle"
    section: str = ""

    def url(self):
        return reverse(self.url_name)


@cache
def _all_items():
    return collect_from_apps("nav", "ITEMS")


def nav_items_for(user):
    """Return the navigation entries `user` may open: personal ones first."""
    if not user.is_authenticated:
        return []
    visible = [
        item
        for item in _all_items()
        if not item.permission or user.has_perm(item.permission)
    ]
    # Entries without a section (to-dos, reports) first; sorted() keeps app order.
    return sorted(visible, key=lambda item: item.section != "")
