from django import template

register = template.Library()

STATE_CLASSES = {
    "draft": "text-bg-secondary",
    "submitted": "text-bg-info",
    "department_approved": "text-bg-primary",
    "reviewed": "text-bg-warning",
    "signed_off": "text-bg-warning",
    "dispatched": "text-bg-success",
    "returned": "text-bg-danger",
}


@register.filter
def state_class(state):
    """Bootstrap badge class for an item state."""
    return STATE_CLASSES.get(state, "text-bg-light")


@register.filter
def percent(value, total):
    """value ÷ total as a whole percentage (0 when total is 0)."""
    try:
        return round(100 * float(value) / float(total)) if total else 0
    except (TypeError, ValueError):
        return 0


@register.filter
def is_past(moment):
    """True when `moment` (an aware datetime) has passed."""
    from django.utils import timezone

    return bool(moment) and moment < timezone.now()


@register.simple_tag
def change_text(percent):
    """与去年同期相比: "up 12.5%" / "down 54%" / "level" / "—" (no base)."""
    from django.utils.translation import gettext as _

    if percent is None:
        return "—"
    if percent > 0:
        return _("up %(percent)s%%") % {"percent": percent}
    if percent < 0:
        return _("down %(percent)s%%") % {"percent": -percent}
    return _("no change")


@register.filter
def change_class(percent):
    if percent is None or percent == 0:
        return "text-body-secondary"
    return "text-success" if percent > 0 else "text-danger"


@register.filter
def get_item(mapping, key):
    return mapping.get(key, key) if mapping else key


@register.filter
def revision_changes(revision):
    """[(field label, before, after)] of a revision's kind/category/urgency changes."""
    from ..models import Item

    rows = []
    for name, change in (revision.changes or {}).items():
        field = Item._meta.get_field(name)
        labels = dict(field.choices or ())
        rows.append(
            (
                field.verbose_name,
                labels.get(change.get("before"), change.get("before")),
                labels.get(change.get("after"), change.get("after")),
            )
        )
    return rows
