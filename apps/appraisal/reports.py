"""Appraisal exports: the leadership rankings as Excel and PDF, via apps.reports."""

from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from apps.reports import texts
from apps.reports.excel import Column, add_table_sheet, new_workbook, workbook_bytes
from apps.reports.pdf import render_pdf
from apps.reports.registry import ReportError, register_report

from . import selectors
from .models import Cycle, ScoreRun
from .templatetags.appraisal_tags import group_label


def _run_of(job):
    """The run the ranking page showed: the `cycle` parameter, else the newest."""
    cycle_id = job.params.get("cycle") or selectors.latest_ranked_cycle_id(
        user=job.requested_by
    )
    try:
        cycle_id = int(cycle_id)
    except (TypeError, ValueError):
        raise ReportError(str(texts.INVALID_PARAMS)) from None
    cycle = Cycle.objects.filter(
        procuratorate_id=job.procuratorate_id, pk=cycle_id
    ).first()
    run = selectors.ranking_run(cycle=cycle) if cycle else None
    if run is None:
        raise ReportError(gettext("No computed results for this cycle yet."))
    return run


def movement_text(row):
    if row.movement is None:
        return gettext("new")
    if row.movement > 0:
        return f"↑{row.movement}"
    if row.movement < 0:
        return f"↓{-row.movement}"
    return "—"


def _status_text(run):
    if run.status == ScoreRun.Status.APPROVED:
        return gettext("Approved by the party group") + f"：{run.decision_reference}"
    return gettext(
        "These results are computed but not yet approved by the party group."
    )


def _rows(groups, middle):
    """One row per ranked result: its group and rank, then `middle(result)`
    (who it is and the scores of its kind), total, normalised, movement, award."""
    for group, rows in groups:
        for r in rows:
            yield [
                str(group_label(group)),
                r.rank,
                *middle(r),
                r.total,
                r.normalised,
                movement_text(r),
                gettext("Yes") if r.award_candidate else "",
            ]


def _department_rows(data):
    return _rows(
        data["department_groups"],
        lambda r: [r.department.name, r.target_score, r.special_credit],
    )


def _individual_rows(data):
    return _rows(
        data["individual_groups"],
        lambda r: [
            r.staff.name,
            r.department.name,
            r.target_score,
            r.special_credit,
            r.department_score,
        ],
    )


def produce_rankings(job, progress):
    """考评排名: departments and staff by comparable group, with the award list."""
    progress(5, str(texts.READING))
    run = _run_of(job)
    data = selectors.rankings(run=run)
    cycle = run.cycle
    made_at = timezone.localtime()
    title = gettext("%(procuratorate)s appraisal rankings, %(cycle)s") % {
        "procuratorate": job.procuratorate.name,
        "cycle": cycle.name,
    }
    subtitle = f"{_status_text(run)} · {texts.made_at(made_at)}"
    filename = f"{gettext('Rankings')}-{cycle.name}-{made_at:%Y%m%d}.{job.format}"
    progress(40, str(texts.WRITING))
    if job.format == "xlsx":
        return filename, _xlsx(data, title, subtitle)
    return filename, _pdf(job, data, title, subtitle, made_at)


DEPARTMENT_HEADERS = [
    _("Comparable group"),
    _("Rank"),
    _("Department"),
    _("Target score"),
    _("Special task credit"),
    pgettext_lazy("appraisal", "Total"),
    _("Normalised"),
    _("Movement"),
    _("Award candidate"),
]
INDIVIDUAL_HEADERS = [
    _("Comparable group"),
    _("Rank"),
    _("Name"),
    _("Department"),
    _("Target score"),
    _("Special task credit"),
    _("Department score"),
    pgettext_lazy("appraisal", "Total"),
    _("Normalised"),
    _("Movement"),
    _("Award candidate"),
]


def _xlsx(data, title, subtitle):
    workbook = new_workbook()
    sheets = [
        (
            gettext("Department rankings"),
            DEPARTMENT_HEADERS,
            [14, 6, 18, 10, 10, 10, 10, 8, 8],
            _department_rows(data),
        ),
        (
            gettext("Individual rankings"),
            INDIVIDUAL_HEADERS,
            [12, 6, 10, 16, 10, 10, 10, 10, 10, 8, 8],
            _individual_rows(data),
        ),
    ]
    for sheet_title, headers, widths, rows in sheets:
        add_table_sheet(
            workbook,
            sheet_title=sheet_title,
            title=title,
            subtitle=subtitle,
            columns=[Column(str(h), w) for h, w in zip(headers, widths, strict=True)],
            rows=rows,
        )
    return workbook_bytes(workbook)


def _pdf(job, data, title, subtitle, made_at):
    return render_pdf(
        "appraisal/pdf_rankings.html",
        {
            "title": title,
            "subtitle": subtitle,
            "pdf_header": job.procuratorate.name,
            "classification": texts.INTERNAL_USE_ONLY,
            "watermark": f"{job.requested_by} {made_at:%Y-%m-%d %H:%M}",
            **data,
            "department_rows": [
                (group_label(group), [_department_row(r) for r in rows])
                for group, rows in data["department_groups"]
            ],
            "individual_rows": [
                (group_label(group), [_individual_row(r) for r in rows])
                for group, rows in data["individual_groups"]
            ],
        },
    )


def _department_row(r):
    return [
        r.rank,
        r.department.name,
        r.target_score,
        r.special_credit,
        r.total,
        r.normalised,
        movement_text(r),
        "★" if r.award_candidate else "",
    ]


def _individual_row(r):
    return [
        r.rank,
        r.staff.name,
        r.department.name,
        r.target_score,
        r.special_credit,
        r.department_score,
        r.normalised,
        movement_text(r),
        "★" if r.award_candidate else "",
    ]


register_report(
    "appraisal_rankings",
    label=_("Appraisal rankings"),
    formats=["xlsx", "pdf"],
    permission="appraisal.view_rankings",
    producer=produce_rankings,
)
