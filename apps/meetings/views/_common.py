"""What every meeting view shares: loading scoped objects and running a service
with the refusal shown as a Chinese message."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed

from apps.core.scoping import get_scoped_or_404


def load(model, request, pk, field="procuratorate"):
    """One object of the user's procuratorate; another's is simply not found."""
    return get_scoped_or_404(model.objects.all(), request.user, field=field, pk=pk)


def check(request, perm, obj=None):
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def error_messages(exc):
    if isinstance(exc, ValidationError):
        return exc.messages
    if isinstance(exc, TransitionNotAllowed):
        return [
            _(
                "This step is no longer possible: someone else may have acted "
                "first. Reload the page."
            )
        ]
    return [str(exc) or _("You may not do this.")]


def attempt(request, call, form=None):
    """Run `call()`; on refusal show why (on the form when there is one) and
    return None, so the view re-renders with what the user typed."""
    try:
        return call() or True
    except (ValidationError, PermissionDenied, TransitionNotAllowed) as exc:
        if (
            isinstance(exc, ValidationError)
            and form is not None
            and hasattr(exc, "error_dict")
        ):
            for field, errors in exc.message_dict.items():
                target = field if field in form.fields else None
                for error in errors:
                    form.add_error(target, error)
        else:
            for text in error_messages(exc):
                messages.error(request, text)
        return None


def pdf_response(content, filename):
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
