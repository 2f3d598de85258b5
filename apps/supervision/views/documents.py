"""The numbered documents of a case as PDF, each carrying its viewer's name.

One letter or document is small, so it is rendered at once in the request;
opening one is written to the audit trail like opening the case.
"""

from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

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
    content = render_pdf(template, context)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        False, f"{filename}.pdf"
    )
    response["Cache-Control"] = "no-store"
    return response


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
