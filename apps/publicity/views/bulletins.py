"""《工作简报》 pages: the list, compiling an issue, and its print-ready PDF."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from apps.core.actions import Action, ActionSet, Refused, apply_errors
from apps.reports.pdf import render_pdf
from apps.reports.texts import INTERNAL_USE_ONLY

from .. import services
from ..forms import BulletinForm
from ..models import Bulletin
from ..selectors import bulletins as bulletin_selectors


@permission_required("publicity.view_bulletins", raise_exception=True)
def bulletin_list(request):
    return render(
        request,
        "publicity/bulletin_list.html",
        {
            "bulletins": bulletin_selectors.bulletin_list(user=request.user),
            "can_manage": request.user.has_perm("publicity.manage_bulletins"),
        },
    )


def _save(request, bulletin=None):
    form = BulletinForm(
        request.POST if request.method == "POST" else None,
        instance=bulletin,
        candidates=bulletin_selectors.bulletin_candidates(user=request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            if bulletin is None:
                bulletin = services.bulletin_create(
                    actor=request.user, **form.service_kwargs()
                )
            else:
                services.bulletin_update(
                    actor=request.user, bulletin=bulletin, **form.service_kwargs()
                )
        except ValidationError as exc:
            apply_errors(form, exc)
        except Refused as exc:
            messages.error(request, exc.message)
            return redirect(bulletin)
        else:
            messages.success(request, _("The bulletin was saved."))
            return redirect(bulletin)
    return render(
        request, "publicity/bulletin_form.html", {"form": form, "bulletin": bulletin}
    )


@permission_required("publicity.manage_bulletins", raise_exception=True)
def bulletin_create(request):
    return _save(request)


@permission_required("publicity.manage_bulletins", raise_exception=True)
def bulletin_edit(request, pk):
    bulletin = bulletin_selectors.bulletin_get(user=request.user, pk=pk)
    if bulletin.state != Bulletin.State.DRAFT:
        messages.error(request, _("An issued bulletin can no longer be changed."))
        return redirect(bulletin)
    return _save(request, bulletin)


@permission_required("publicity.view_bulletins", raise_exception=True)
def bulletin_detail(request, pk):
    bulletin = bulletin_selectors.bulletin_get(user=request.user, pk=pk)
    return render(
        request,
        "publicity/bulletin_detail.html",
        {
            "bulletin": bulletin,
            "can_manage": request.user.has_perm("publicity.manage_bulletins"),
            "offers": BULLETIN_ACTIONS.offered(request, bulletin),
        },
    )


def _load_bulletin(request, pk):
    if not request.user.has_perm("publicity.view_bulletins"):
        raise PermissionDenied
    return bulletin_selectors.bulletin_get(user=request.user, pk=pk)


BULLETIN_ACTIONS = ActionSet(
    "publicity:bulletin_action",
    load=_load_bulletin,
    actions=[
        Action(
            "issue",
            _("Issue the bulletin"),
            transition="issue",
            confirm=_("Issue this bulletin? Its content is fixed afterwards."),
            run=lambda user, bulletin, data: services.bulletin_issue(
                actor=user, bulletin=bulletin
            ),
            done=_("The bulletin was issued."),
        )
    ],
)
bulletin_action = BULLETIN_ACTIONS.view


@permission_required("publicity.view_bulletins", raise_exception=True)
def bulletin_pdf(request, pk):
    """One issue, laid out as a printed internal bulletin (rendered at once)."""
    bulletin = bulletin_selectors.bulletin_get(user=request.user, pk=pk)
    content = render_pdf(
        "publicity/pdf_bulletin.html",
        {
            "bulletin": bulletin,
            "entries": list(bulletin.entries.all()),
            "distribution": [
                line.strip()
                for line in bulletin.distribution.splitlines()
                if line.strip()
            ],
            "serif": True,
            "classification": INTERNAL_USE_ONLY,
            "draft": bulletin.state == Bulletin.State.DRAFT,
        },
        request=request,
    )
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"{bulletin.title}{bulletin.year}-{bulletin.number}.pdf"
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = "private, no-store"
    return response
