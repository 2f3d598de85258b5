"""What the supervision views share: permission checks and turning service
errors into form errors or a clear message."""

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django_fsm import TransitionNotAllowed

STATE_CHANGED = _(
    "This step cannot be taken now: the record has moved on (perhaps someone "
    "else acted on it just now). The page shows its current state."
)


def check_perm(user, perm, obj=None):
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def attach_errors(form, exc):
    """Put a service's ValidationError on the form, by field where it can."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = field if field in form.fields else None
            if field == NON_FIELD_ERRORS:
                target = None
            for error in errors:
                form.add_error(target, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)


def perform(request, form, action, *, success, redirect_to, on_error):
    """Run `action(cleaned_data)` for a valid form.

    Success: flash `success` and redirect. A ValidationError goes onto the form
    and `on_error()` renders the page again with what the user typed; a
    transition that is no longer allowed says so and shows the current state.
    """
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        except TransitionNotAllowed:
            messages.error(request, STATE_CHANGED)
            return redirect(redirect_to)
        else:
            messages.success(request, success)
            return redirect(redirect_to)
    return on_error()
