"""The documents the meetings produce: minutes, the committee's numbered
decision document, and the half-year review — PDFs drawn with the shared
WeasyPrint helper and the bundled Chinese fonts."""

from django.utils import timezone
from django.utils.translation import gettext

from .selectors import meeting_record, resolution_detail


def _render(template, context):
    # Imported here: WeasyPrint loads native libraries only when a PDF is made.
    from apps.reports.pdf import render_pdf

    return render_pdf(template, {"serif": True, **context})


def minutes_context(meeting):
    record = meeting_record(meeting)
    return {
        "record": record,
        "meeting": meeting,
        "body": meeting.body,
        "procuratorate": meeting.body.procuratorate,
        "pdf_header": meeting.body.procuratorate.name,
        "classification": gettext("Internal material"),
    }


def minutes_pdf(meeting):
    """会议纪要 from the agenda, attendance, opinions and votes."""
    return _render("meetings/pdf/minutes.html", minutes_context(meeting))


def decision_context(resolution):
    resolution = resolution_detail(resolution=resolution)
    item = resolution.item
    return {
        "resolution": resolution,
        "item": item,
        "meeting": item.meeting,
        "procuratorate": resolution.procuratorate,
        "issued_on": timezone.localdate(resolution.decided_at),
        "pdf_header": resolution.procuratorate.name,
    }


def decision_pdf(resolution):
    """The committee's numbered decision document (检察委员会决定)."""
    return _render("meetings/pdf/decision.html", decision_context(resolution))


def review_pdf(review, procuratorate):
    return _render(
        "meetings/pdf/review.html",
        {
            "review": review,
            "procuratorate": procuratorate,
            "pdf_header": procuratorate.name,
            "classification": gettext("Internal material"),
        },
    )
