"""Small display helpers for the appraisal templates."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

BADGES = {
    "draft": "secondary",
    "proposed": "info",
    "reviewed": "primary",
    "submitted": "warning",
    "approved": "success",
    "rejected": "danger",
    "open": "success",
    "closed": "dark",
    "queued": "info",
    "computed": "warning",
    "failed": "danger",
    "superseded": "secondary",
}

GROUPS = {
    "business": _("Business departments"),
    "comprehensive": _("Comprehensive departments"),
    "leaders": _("Leaders"),
    "middle": _("Middle managers"),
    "staff": _("Staff"),
}


@register.filter
def badge(status):
    """The Bootstrap colour of a workflow status."""
    return BADGES.get(str(status), "secondary")


@register.filter
def group_label(group):
    return GROUPS.get(group, group)


@register.filter
def method_label(method):
    """The readable name of a normalisation method code."""
    from ..models import Cycle

    return dict(Cycle.Normalisation.choices).get(method, method)


@register.filter
def lookup(mapping, key):
    return mapping.get(key) if mapping else None
