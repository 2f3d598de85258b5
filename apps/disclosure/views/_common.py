"""What the views share: turning a service's refusal into a Chinese message."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django_fsm import TransitionNotAllowed


def require_perm(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def refusal_text(exc):
    """A sentence for the user from a ValidationError or TransitionNotAllowed."""
    if isinstance(exc, ValidationError):
        return "；".join(str(m) for m in exc.messages)
    if isinstance(exc, TransitionNotAllowed):
        text = str(exc.args[0]) if exc.args else ""
        if text and not text.startswith("Can't switch"):
            return text
    from django.utils.translation import gettext

    return gettext("This step cannot be taken now; reload the page to see the state.")


def report_refusal(request, exc):
    messages.error(request, refusal_text(exc))


SERVICE_ERRORS = (ValidationError, TransitionNotAllowed)
