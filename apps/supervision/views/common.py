"""What the supervision pages share: a list's page, and a form's one service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect

from apps.core.actions import apply_errors


def page_of(request, queryset):
    """The page of ``queryset`` that the request asks for, 25 rows a page."""
    return Paginator(queryset, 25).get_page(request.GET.get("page"))


def recorded(request, form, record, done):
    """Call ``record()``, the service that records what ``form`` describes:
    the redirect to what it made, with ``done`` as the message; None, with
    the errors on ``form``, when the service refuses the input."""
    try:
        made = record()
    except ValidationError as exc:
        apply_errors(form, exc)
        return None
    messages.success(request, done)
    return redirect(made)
