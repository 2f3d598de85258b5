from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def attach(form, exc):
    """Put a service's ValidationError on the form (field errors where they fit)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def refusal(request, exc):
    """Show a refused action's reason as an error message."""
    text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    messages.error(request, text or _("This cannot be done now."))
