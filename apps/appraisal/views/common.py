"""What the appraisal pages share: the app's gate and the form-page flow.

Buttons go through the ActionSets in ``actions.py``; create and edit pages
keep Django's form flow and show a service's refusal on the form.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import redirect, render

from apps.core.actions import form_call

use_appraisal = permission_required("appraisal.view_appraisal", raise_exception=True)


def form_page(request, form, service, *, done, title, back, to=None, **context):
    """The create/edit page: on a valid POST call ``service(cleaned_data)``
    through ``form_call``; when it succeeds, say ``done`` (or let ``done(request,
    result)`` say it) and go to ``to`` (default: what the service returned).
    Otherwise show the form, with its errors, on ``appraisal/form.html``."""
    if request.method == "POST" and form.is_valid():
        result = form_call(form, lambda: service(form.cleaned_data))
        if result:
            if callable(done):
                done(request, result)
            else:
                messages.success(request, done)
            return redirect(result if to is None else to)
    return render(
        request,
        "appraisal/form.html",
        {"form": form, "title": title, "back": back, **context},
    )


def instance_service(form, service):
    """The ``form_page`` service of a ModelForm on an instance: the form's fields
    go to ``service(**fields)``, which saves. The form wrote into its instance
    while validating, so the instance is read again first."""

    def save(data):
        fields = {name: data[name] for name in form.fields}
        if form.instance.pk is not None:
            form.instance.refresh_from_db()
        return service(**fields)

    return save
