"""What every appraisal view shares: turning service refusals into messages."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_fsm import TransitionNotAllowed

use_appraisal = permission_required("appraisal.view_appraisal", raise_exception=True)

NOT_NOW = _("This step cannot be taken now: the item has moved on.")


def check(user, perm, obj=None):
    """Refuse with 403 unless `user` holds `perm` (on `obj`)."""
    if not user.has_perm(perm, obj):
        raise PermissionDenied


def apply_errors(form, exc):
    """Show a service's ValidationError on the form, by field where it can."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def attempt(request, form, call):
    """Run `call()`; on refusal put the reason on `form` and return None."""
    try:
        return call()
    except ValidationError as exc:
        apply_errors(form, exc)
    except PermissionDenied:
        form.add_error(None, _("You may not do this."))
    except TransitionNotAllowed:
        form.add_error(None, NOT_NOW)
    return None


def act(request, call, success):
    """Run a button's service call; report success or the refusal as a message."""
    try:
        result = call()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return None
    except PermissionDenied:
        messages.error(request, _("You may not do this."))
        return None
    except TransitionNotAllowed:
        messages.error(request, NOT_NOW)
        return None
    messages.success(request, success)
    return result if result is not None else True


def post_action(view):
    """A POST-only button that redirects back to where it came from."""

    @require_POST
    @use_appraisal
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        target = view(request, *args, **kwargs)
        return target if hasattr(target, "status_code") else redirect(target)

    return wrapper


def safe_next(request, default):
    """The `next` field of a form when it points into this site, else `default`."""
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default
