"""Template helpers for report exports and PDF templates."""

from django import template
from django.utils.safestring import mark_safe

from ..selectors import report_formats_for_user, report_kind_label

register = template.Library()


@register.simple_tag(takes_context=True)
def report_formats(context, kind):
    """The formats of report `kind` the signed-in user may export: [(value, label)]."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None:
        return []
    return report_formats_for_user(user=user, kind=kind)


@register.filter
def report_label(kind):
    return report_kind_label(kind)


def css_string_literal(value):
    """Quote `value` as a CSS string, safe inside a <style> element."""
    text = "" if value is None else str(value)
    escaped = "".join(
        ch if ch.isprintable() and ch not in '"\\<>&' else f"\\{ord(ch):x} "
        for ch in text
    )
    return f'"{escaped}"'


@register.filter
def css_string(value):
    """Render `value` as a quoted CSS string (e.g. for `content:` in @page)."""
    return mark_safe(css_string_literal(value))
