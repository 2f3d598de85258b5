"""What the audit trail hears from the ground: core may not import the audit
app, so core's action layer announces a refused attempt with a signal."""

from django.utils.translation import gettext_noop

from .services import audit_record


def record_refused_action(sender, *, user, obj, action, **kwargs):
    """A user tried an action a page did not offer them (a 403): keep who and what."""
    audit_record(
        actor=user,
        action="core.action_refused",
        target=obj,
        after={"action": action, "route": sender.url_name},
        message=gettext_noop("Tried an action they may not take"),
    )
