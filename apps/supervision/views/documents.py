"""The files of a case: documents handed in, and its numbered documents as PDF.

Cases are confidential: every file is served by core's file_response as an
attachment that is never cached. A numbered letter or document is small, so
it is rendered at once in the request, carrying its viewer's name. Opening
any of them is written to the audit trail like opening the case.
"""

from django.contrib.auth.decorators import permission_required
from django.core.files.base import ContentFile
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.core.uploads import file_response
from apps.reports.pdf import render_pdf

from .. import selectors, services
from ..models import Outcome, Party, Petition


def watermark_for(user):
    """The viewer's name and the time, printed faintly across every page."""
    staff = getattr(user, "staff", None)
    name = staff.name if staff else user.get_username()
    return f"{name} {timezone.localtime():%Y-%m-%d %H:%M}"


def _pdf_response(request, petition, template, context, filename):
    services.petition_record_view(actor=request.user, petition=petition, what="pdf")
    context = {
        "petition": petition,
        "procuratorate": petition.procuratorate,
        "petitioners": [
            p for p in petition.parties.all() if p.role == Party.Role.PETITIONER
        ],
        "others": [
            p for p in petition.parties.all() if p.role != Party.Role.PETITIONER
        ],
        "watermark": watermark_for(request.user),
        "pdf_header": petition.procuratorate.name,
        "classification": _("Internal: confidential"),
        "serif": True,
        **context,
    }
    content = ContentFile(render_pdf(template, context), name="document.pdf")
    return file_response(content, filename=f"{filename}.pdf", confidential=True)


@permission_required("supervision.view_petition_list", raise_exception=True)
def attachment_download(request, pk):
    """A document of a case, only for who may see the case; the download is audited."""
    attachment = selectors.attachment_get(user=request.user, pk=pk)
    services.petition_record_view(
        actor=request.user, petition=attachment.petition, what="attachment"
    )
    return file_response(
        attachment.file, filename=attachment.original_name, confidential=True
    )


@permission_required("supervision.view_petition_list", raise_exception=True)
def petition_letter_pdf(request, pk):
    """受理通知书 / 不予受理通知书 of a case the user may see."""
    petition = selectors.petition_get(user=request.user, pk=pk)
    if not petition.letter_number:
        raise Http404
    accepted = petition.state != Petition.State.REFUSED
    title = _("Notice of acceptance") if accepted else _("Notice of non-acceptance")
    return _pdf_response(
        request,
        petition,
        "supervision/pdf/letter.html",
        {"title": title, "accepted": accepted, "number": petition.letter_number},
        petition.letter_number,
    )


DOCUMENT_TITLES = {
    Outcome.Kind.PROTEST_REQUEST: gettext_noop("Report requesting a protest"),
    Outcome.Kind.PROTEST: gettext_noop("Protest"),
    Outcome.Kind.RETRIAL_SUGGESTION: gettext_noop(
        "Procuratorial suggestion for retrial"
    ),
    Outcome.Kind.PROCURATORIAL_SUGGESTION: gettext_noop("Procuratorial suggestion"),
    Outcome.Kind.SETTLEMENT: gettext_noop("Record of settlement"),
    Outcome.Kind.PETITION_WITHDRAWN: gettext_noop("Record of the petition withdrawn"),
    Outcome.Kind.NOT_SUPPORTED: gettext_noop("Decision not to support the petition"),
}


@permission_required("supervision.view_petition_list", raise_exception=True)
def outcome_pdf(request, pk):
    """The issued outcome's numbered document (抗诉书, 检察建议书, 决定书...)."""
    petition = selectors.petition_get(user=request.user, pk=pk)
    outcome = getattr(petition, "outcome", None)
    if outcome is None or outcome.state != Outcome.State.ISSUED:
        raise Http404
    return _pdf_response(
        request,
        petition,
        "supervision/pdf/outcome.html",
        {
            "title": _(DOCUMENT_TITLES[outcome.kind]),
            "outcome": outcome,
            "number": outcome.document_number,
        },
        outcome.document_number,
    )
