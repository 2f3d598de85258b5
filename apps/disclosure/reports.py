"""Reports of 政务公示: the monthly newsletter 《工作通讯》 as a PDF."""

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.reports import texts
from apps.reports.pdf import render_pdf
from apps.reports.registry import register_report

from .selectors import newsletter_context, parse_month


def produce_newsletter(job, progress):
    """《工作通讯》 of the month in job.params["month"] (default: this month)."""
    progress(5, texts.READING)
    month = parse_month(job.params.get("month"))
    context = newsletter_context(user=job.requested_by, month=month)
    progress(40, texts.WRITING)
    made_at = timezone.localtime()
    procuratorate = job.procuratorate
    content = render_pdf(
        "disclosure/newsletter_pdf.html",
        {
            **context,
            "pdf_header": procuratorate.name,
            "classification": texts.INTERNAL_USE_ONLY,
            "serif": True,
            "made_at": made_at,
            "procuratorate": procuratorate,
        },
    )
    name = gettext("Work Newsletter")
    return f"{name}-{procuratorate.name}-{month:%Y%m}.pdf", content


register_report(
    "disclosure_newsletter",
    label=_("Work Newsletter"),
    formats=["pdf"],
    permission="disclosure.view_board",
    producer=produce_newsletter,
)
