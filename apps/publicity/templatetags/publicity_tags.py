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
