"""Report kinds of the three meetings: the committee's half-year review as
Excel or PDF, through the shared report jobs."""

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.core.scoping import user_procuratorate_id
from apps.reports.excel import Column, xlsx_table
from apps.reports.registry import ReportError, register_report

from .documents import review_pdf
from .selectors import current_half, half_year_review


def _period(params):
    year, half = current_half()
    try:
        year = int(params.get("year") or year)
        half = int(params.get("half") or half)
    except (TypeError, ValueError):
        raise ReportError(gettext("Unknown half-year.")) from None
    if half not in (1, 2) or not 2000 <= year <= 2100:
        raise ReportError(gettext("Unknown half-year."))
    return year, half


def _rows(review):
    execution = review["execution"]
    yield [gettext("Committee meetings held"), review["meetings"]]
    yield [gettext("Topics filed"), review["topics_filed"]]
    yield [gettext("Topics decided"), review["decided"]]
    yield [gettext("Cases decided"), review["cases_decided"]]
    yield [gettext("Passed"), review["passed"]]
    yield [gettext("Not passed"), review["failed"]]
    yield [gettext("Reported to the upper procuratorate"), review["reported_upward"]]
    for row in review["categories"]:
        yield [
            gettext("Filed: %(category)s") % {"category": row["label"]},
            row["filed"],
        ]
        yield [
            gettext("Decided: %(category)s") % {"category": row["label"]},
            row["decided"],
        ]
    yield [gettext("Carried out"), execution["completed"]]
    yield [gettext("Being carried out"), execution["in_progress"]]
    yield [gettext("Overdue"), execution["overdue"]]
    yield [gettext("Not yet assigned"), execution["unassigned"]]
    yield [gettext("Awaiting the upper procuratorate"), execution["reported_upward"]]


def produce_half_year_review(job, progress):
    """检委会半年总结 of the requester's procuratorate."""
    user = job.requested_by
    if user_procuratorate_id(user) != job.procuratorate_id:
        raise ReportError(gettext("You have moved to another procuratorate."))
    year, half = _period(job.params)
    progress(10, gettext("Counting the half-year"))
    review = half_year_review(
        procuratorate_id=job.procuratorate_id, year=year, half=half
    )
    procuratorate = job.procuratorate
    title = gettext("Half-year review of the procuratorial committee")
    filename = f"{title}-{procuratorate.name}-{year}-{half}"
    progress(50, gettext("Writing the file"))
    if job.format == "xlsx":
        content = xlsx_table(
            sheet_title=title[:31],
            title=f"{procuratorate.name}{title}",
            subtitle=f"{review['start']:%Y-%m-%d} — {review['end']:%Y-%m-%d} · "
            + gettext("Made at %(time)s")
            % {"time": f"{timezone.localtime():%Y-%m-%d %H:%M}"},
            columns=[Column(gettext("Item"), 40), Column(gettext("Count"), 10)],
            rows=_rows(review),
        )
    else:
        content = review_pdf(review, procuratorate)
    progress(100, gettext("Finished"))
    return f"{filename}.{job.format}", content


register_report(
    "meetings_half_year_review",
    label=_("Half-year review of the procuratorial committee"),
    formats=["xlsx", "pdf"],
    permission="meetings.view_review",
    producer=produce_half_year_review,
)
