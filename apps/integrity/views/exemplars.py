"""The exemplars gallery (先进典型)."""

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.actions import Action, ActionSet
from apps.core.uploads import file_response

from .. import services
from ..forms import ExemplarForm
from ..selectors import exemplar_detail, exemplar_list
from .common import editable, form_saved


@permission_required("integrity.view", raise_exception=True)
def gallery(request):
    organiser = request.user.has_perm("integrity.organise")
    return render(
        request,
        "integrity/exemplar_list.html",
        {"exemplars": exemplar_list(user=request.user, include_drafts=organiser)},
    )


def _load(request, pk):
    if not request.user.has_perm("integrity.view"):
        raise PermissionDenied
    exemplar = exemplar_detail(user=request.user, pk=pk)
    if not exemplar.is_published and not request.user.has_perm(
        "integrity.manage_exemplar", exemplar
    ):
        raise Http404
    return exemplar


exemplar_actions = ActionSet(
    "integrity:exemplar_act",
    load=_load,
    actions=[
        Action(
            "publish",
            gettext_lazy("Publish in the gallery"),
            perm="integrity.manage_exemplar",
            run=lambda user, exemplar, data: services.exemplar_publish(
                actor=user, exemplar=exemplar, publish=True
            ),
            done=gettext_lazy("Published in the gallery."),
        ),
        Action(
            "withdraw",
            gettext_lazy("Withdraw from the gallery"),
            perm="integrity.manage_exemplar",
            run=lambda user, exemplar, data: services.exemplar_publish(
                actor=user, exemplar=exemplar, publish=False
            ),
            done=gettext_lazy("Withdrawn."),
            style="outline-danger",
        ),
    ],
)


@permission_required("integrity.view", raise_exception=True)
def exemplar_view(request, pk):
    exemplar = _load(request, pk)
    return render(
        request,
        "integrity/exemplar_detail.html",
        {
            "exemplar": exemplar,
            "can_manage": request.user.has_perm("integrity.manage_exemplar", exemplar),
            "offers": exemplar_actions.offered(
                request,
                exemplar,
                only={"withdraw" if exemplar.is_published else "publish"},
            ),
        },
    )


@permission_required("integrity.view", raise_exception=True)
def exemplar_photo(request, pk):
    """The photo, checked as an image when uploaded and served as a file."""
    exemplar = _load(request, pk)
    if not exemplar.photo:
        raise Http404
    return file_response(exemplar.photo)


@permission_required("integrity.organise", raise_exception=True)
def exemplar_edit(request, pk=None):
    exemplar = editable(request, exemplar_detail, pk, "integrity.manage_exemplar")
    form = ExemplarForm(
        request.POST or None,
        request.FILES or None,
        instance=exemplar,
        user=request.user,
    )
    saved = form_saved(
        request,
        form,
        lambda data: services.exemplar_save(
            actor=request.user, fields=data, exemplar=exemplar
        ),
        _("The story is saved."),
    )
    if saved:
        return redirect(saved)
    return render(
        request, "integrity/exemplar_form.html", {"form": form, "exemplar": exemplar}
    )
