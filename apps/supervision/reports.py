"""Excel exports of civil and administrative supervision.

Both read through the same selectors as the pages, as the requester: an export
holds exactly the cases its requester may see, never more.
"""

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.reports import texts
from apps.reports.excel import Column, add_table_sheet, new_workbook, workbook_bytes
from apps.reports.registry import ReportError, register_report

from .forms import PetitionFilterForm
from .selectors import petition_list
from .statistics import supervision_statistics


def _filters(job):
    form = PetitionFilterForm(
        {k: v for k, v in (job.params or {}).items() if isinstance(v, str)}
    )
    if not form.is_valid():
        raise ReportError(str(texts.INVALID_PARAMS))
    return form.cleaned_data


def _date(value):
    return timezone.localtime(value).date() if value else None


def case_rows(petitions):
    for p in petitions:
        outcome = getattr(p, "outcome", None)
        yield [
            p.case_number or "",
            p.get_state_display(),
            p.get_source_display(),
            p.source_detail,
            p.received_on,
            "、".join(party.name for party in p.petitioners),
            p.cause,
            p.get_case_type_display(),
            p.court_name,
            p.judgment_number,
            p.handler.staff.name if p.handler_id else "",
            _date(p.registered_at),
            _date(p.review_due_at),
            outcome.get_kind_display() if outcome else "",
            outcome.document_number if outcome else "",
            outcome.get_court_result_display() if outcome else "",
            _date(p.closed_at),
        ]


CASE_COLUMNS = [
    (_("Case number"), 22),
    (_("State"), 14),
    (_("Case source"), 16),
    (_("Referred by"), 24),
    (_("Received on"), 12),
    (_("Petitioner"), 18),
    (_("Cause of action"), 18),
    (_("Case type"), 8),
    (_("Court"), 24),
    (_("Judgment case number"), 24),
    (_("Handler"), 10),
    (_("Registered"), 12),
    (_("Review due"), 12),
    (_("Outcome"), 14),
    (_("Document number"), 22),
    (_("Retrial result"), 12),
    (_("Closed at"), 12),
]


def produce_cases(job, progress):
    """案件台账: the cases the requester may see, with the list page's filters."""
    progress(5, str(texts.READING))
    petitions = list(petition_list(user=job.requested_by, filters=_filters(job)))
    made_at = timezone.localtime()
    title = gettext("Civil and administrative supervision cases")
    total = max(len(petitions), 1)
    workbook = new_workbook()
    add_table_sheet(
        workbook,
        sheet_title=gettext("Cases"),
        title=f"{job.procuratorate.name} {title}",
        subtitle=f"{texts.made_at(made_at)} · {job.requested_by}",
        columns=[Column(gettext(str(label)), width) for label, width in CASE_COLUMNS],
        rows=case_rows(petitions),
        on_row=lambda n: progress(10 + 85 * n // total, str(texts.WRITING)),
    )
    return f"{title}-{made_at:%Y%m%d}.xlsx", workbook_bytes(workbook)


def _figure(value):
    return "—" if value is None else value


def produce_statistics(job, progress):
    """The statistics page as a workbook: rates, sources, outcomes, handlers."""
    progress(5, str(texts.READING))
    raw_year = (job.params or {}).get("year") or timezone.localdate().year
    try:
        year = int(raw_year)
    except (TypeError, ValueError):
        raise ReportError(str(texts.INVALID_PARAMS)) from None
    if not 2000 <= year <= 2100:
        raise ReportError(str(texts.INVALID_PARAMS))
    figures = supervision_statistics(user=job.requested_by, year=year)
    progress(50, str(texts.WRITING))
    made_at = timezone.localtime()
    title = gettext("Supervision statistics %(year)s") % {"year": year}
    subtitle = f"{job.procuratorate.name} · {texts.made_at(made_at)}"
    workbook = new_workbook()
    this, last = str(year), str(year - 1)
    add_table_sheet(
        workbook,
        sheet_title=gettext("Year on year"),
        title=title,
        subtitle=subtitle,
        columns=[
            Column(gettext("Figure"), 24),
            Column(this, 10),
            Column(last, 10),
            Column(gettext("Change on last year"), 12),
        ],
        rows=(
            [
                str(r["label"]),
                _figure(r["current"]),
                _figure(r["previous"]),
                _figure(r["change"]),
            ]
            for r in figures["year_on_year"]
        ),
    )
    add_table_sheet(
        workbook,
        sheet_title=gettext("By source"),
        columns=[
            Column(gettext("Case source"), 24),
            Column(gettext("Received"), 10),
            Column(gettext("Accepted"), 10),
            Column(gettext("Not accepted"), 10),
            Column(gettext("Registered"), 10),
            Column(gettext("Received last year"), 12),
        ],
        rows=(
            [
                str(r["label"]),
                r["received"],
                r["accepted"],
                r["refused"],
                r["registered"],
                r["received_last_year"],
            ]
            for r in figures["sources"]
        ),
    )
    add_table_sheet(
        workbook,
        sheet_title=gettext("Outcomes"),
        columns=[Column(gettext("Outcome"), 24), Column(this, 10), Column(last, 10)],
        rows=(
            [str(r["label"]), r["count"], r["last_year"]]
            for r in figures["outcomes"] + figures["court_results"]
        ),
    )
    add_table_sheet(
        workbook,
        sheet_title=gettext("Handlers"),
        columns=[
            Column(gettext("Handler"), 14),
            Column(gettext("Open cases"), 10),
            Column(gettext("Overdue"), 8),
            Column(gettext("Registered"), 10),
            Column(gettext("Concluded"), 10),
            Column(gettext("Average review days"), 14),
        ],
        rows=(
            [
                r["name"],
                r["open"],
                r["overdue"],
                r["registered"],
                r["concluded"],
                _figure(r["review_days"]),
            ]
            for r in figures["handlers"]
        ),
    )
    return f"{title}-{made_at:%Y%m%d}.xlsx", workbook_bytes(workbook)


register_report(
    "supervision_cases",
    label=_("Civil and administrative supervision cases"),
    formats=["xlsx"],
    permission="supervision.export_petitions",
    producer=produce_cases,
)
register_report(
    "supervision_statistics",
    label=_("Supervision statistics"),
    formats=["xlsx"],
    permission="supervision.view_statistics",
    producer=produce_statistics,
)
