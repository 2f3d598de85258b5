"""What the integrity pages share: loading the object of a page or of an edit
form, and the ordinary create/edit form flow."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404

from apps.core.actions import form_call


def visible(detail, perm):
    """A loader for an object page and its ActionSet: the object ``detail``
    finds for the user, or 404 when the user lacks ``perm`` on it."""

    def load(request, pk):
        obj = detail(user=request.user, pk=pk)
        if not request.user.has_perm(perm, obj):
            raise Http404
        return obj

    return load


def editable(request, detail, pk, perm):
    """The object an edit page changes (None on a create page); 403 when the
    user lacks ``perm`` on it."""
    obj = detail(user=request.user, pk=pk) if pk else None
    if obj and not request.user.has_perm(perm, obj):
        raise PermissionDenied
    return obj


def form_saved(request, form, save, done):
    """The ordinary flow of a create/edit form.

    On a valid POST ``save(cleaned_data)`` calls the one service; a
    ValidationError lands on the form's fields and a refusal on the form, so
    the page is shown again with what was typed. Returns what ``save``
    returned, with ``done`` as the success message; None when the page is to
    be shown (again).
    """
    if request.method != "POST" or not form.is_valid():
        return None
    saved = form_call(form, lambda: save(form.cleaned_data))
    if saved is not None:
        messages.success(request, done)
    return saved
