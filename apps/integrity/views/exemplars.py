"""The exemplars gallery (先进典型)."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..forms import ExemplarForm
from ..selectors import exemplar_detail, exemplar_list
from ._common import attach


@permission_required("integrity.view", raise_exception=True)
def gallery(request):
    organiser = request.user.has_perm("integrity.organise")
    return render(
        request,
        "integrity/exemplar_list.html",
        {"exemplars": exemplar_list(user=request.user, include_drafts=organiser)},
    )


def _load(request, pk):
    exemplar = exemplar_detail(user=request.user, pk=pk)
    if not exemplar.is_published and not request.user.has_perm(
        "integrity.manage_exemplar", exemplar
    ):
        raise Http404
    return exemplar


@permission_required("integrity.view", raise_exception=True)
def exemplar_view(request, pk):
    exemplar = _load(request, pk)
    return render(
        request,
        "integrity/exemplar_detail.html",
        {
            "exemplar": exemplar,
            "can_manage": request.user.has_perm("integrity.manage_exemplar", exemplar),
        },
    )


@permission_required("integrity.view", raise_exception=True)
def exemplar_photo(request, pk):
    exemplar = _load(request, pk)
    if not exemplar.photo:
        raise Http404
    return FileResponse(exemplar.photo.open("rb"))


@permission_required("integrity.organise", raise_exception=True)
def exemplar_edit(request, pk=None):
    exemplar = exemplar_detail(user=request.user, pk=pk) if pk else None
    if exemplar and not request.user.has_perm("integrity.manage_exemplar", exemplar):
        raise PermissionDenied
    form = ExemplarForm(
        request.POST or None,
        request.FILES or None,
        instance=exemplar,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            exemplar = services.exemplar_save(
                actor=request.user, fields=form.cleaned_data, exemplar=exemplar
            )
        except ValidationError as exc:
            attach(form, exc)
        else:
            messages.success(request, _("The story is saved."))
            return redirect(exemplar)
    return render(
        request, "integrity/exemplar_form.html", {"form": form, "exemplar": exemplar}
    )


@require_POST
def exemplar_publish(request, pk):
    exemplar = exemplar_detail(user=request.user, pk=pk)
    if not request.user.has_perm("integrity.manage_exemplar", exemplar):
        raise PermissionDenied
    publish = request.POST.get("publish") == "1"
    services.exemplar_publish(actor=request.user, exemplar=exemplar, publish=publish)
    messages.success(
        request, _("Published in the gallery.") if publish else _("Withdrawn.")
    )
    return redirect(exemplar)
