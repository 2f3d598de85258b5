"""What the disclosure pages share: the month navigation and the ordinary
create/edit form flow."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError

from apps.core.actions import apply_errors


def month_nav(month):
    """The month shown with the first days of the months before and after it."""
    return {
        "month": month,
        "previous": (month - datetime.timedelta(days=1)).replace(day=1),
        "following": (month.replace(day=28) + datetime.timedelta(days=4)).replace(
            day=1
        ),
    }


def form_saved(request, form, save, done=None, *, formsets=()):
    """The ordinary flow of a create/edit form.

    On a POST where the form (and its `formsets`) are valid, `save(cleaned_data)`
    calls the one service; a ValidationError lands on the form's fields so the
    page is shown again with what was typed. Returns what `save` returned, with
    `done` as the success message (a callable is given the result); None when
    the page is to be shown (again).
    """
    if request.method != "POST" or not all(f.is_valid() for f in (form, *formsets)):
        return None
    try:
        saved = save(form.cleaned_data)
    except ValidationError as exc:
        apply_errors(form, exc)
        return None
    if done:
        messages.success(request, done(saved) if callable(done) else done)
    return saved
