"""Template helpers of the disclosure pages."""

from django import template

register = template.Library()

# The tab of the app's navigation that a page belongs to, by the first word of
# its URL name (rule_detail → rules); the board's pages are all the others.
TABS = {
    "rule": "rules",
    "time": "limits",
    "request": "requests",
    "plan": "plans",
    "meeting": "meetings",
    "newsletter": "newsletter",
    "stock": "stock",
    "statistics": "statistics",
}


@register.filter
def nav_tab(url_name):
    """The navigation tab to mark for the page named `url_name`."""
    return TABS.get((url_name or "").split("_")[0], "board")
