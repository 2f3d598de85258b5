"""Reports of the organisation app: the staff roster (花名册), as Excel and PDF."""

from itertools import groupby

from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from apps.core.selectors import staff_list
from apps.reports import texts
from apps.reports.excel import Column, xlsx_table
from apps.reports.pdf import render_pdf
from apps.reports.registry import ReportError, register_report

NO_DEPARTMENT = "—"


def _roster(job):
    """The active staff of the job's procuratorate (the requester's), by department."""
    department_id = job.params.get("department") or None
    if department_id is not None:
        try:
            department_id = int(department_id)
        except (TypeError, ValueError):
            raise ReportError(str(texts.INVALID_PARAMS)) from None
    # The selector scopes to the requester's procuratorate, which report_job_run
    # has checked is still the job's.
    return list(staff_list(user=job.requested_by, department_id=department_id))


def produce_staff_roster(job, progress):
    """花名册 of the requester's procuratorate, grouped by department order."""
    progress(5, texts.READING)
    staff = _roster(job)
    procuratorate = job.procuratorate
    made_at = timezone.localtime()
    title = gettext("Staff roster of %(procuratorate)s") % {
        "procuratorate": procuratorate.name
    }
    count = ngettext("%(count)d person", "%(count)d people", len(staff)) % {
        "count": len(staff)
    }
    subtitle = f"{count} · {texts.made_at(made_at)}"
    filename = f"{gettext('Staff roster')}-{procuratorate.name}-{made_at:%Y%m%d}"
    progress(20, texts.WRITING)
    if job.format == "xlsx":
        content = _xlsx(staff, title, subtitle, progress)
    else:
        content = _pdf(job, staff, title, subtitle, made_at)
    return f"{filename}.{job.format}", content


def _xlsx(staff, title, subtitle, progress):
    total = max(len(staff), 1)
    return xlsx_table(
        sheet_title=gettext("Staff roster"),
        title=title,
        subtitle=subtitle,
        columns=[
            Column(gettext("Department"), 18),
            Column(gettext("Name"), 12),
            Column(gettext("Position"), 16),
            Column(gettext("Roles"), 28),
            Column(gettext("Office phone"), 16),
        ],
        rows=(
            [
                s.department.name if s.department else NO_DEPARTMENT,
                s.name,
                s.position,
                s.get_roles_display(),
                s.phone,
            ]
            for s in staff
        ),
        on_row=lambda n: progress(20 + 75 * n // total, texts.WRITING),
    )


def _pdf(job, staff, title, subtitle, made_at):
    groups = []
    number = 0
    for department, members in groupby(staff, key=lambda s: s.department):
        rows = []
        for member in members:
            number += 1
            rows.append(
                [
                    number,
                    member.name,
                    member.position,
                    member.get_roles_display(),
                    member.phone,
                ]
            )
        label = department.name if department else NO_DEPARTMENT
        groups.append({"label": f"{label}（{len(rows)}）", "rows": rows})
    return render_pdf(
        "reports/pdf_table.html",
        {
            "title": title,
            "subtitle": subtitle,
            "pdf_header": job.procuratorate.name,
            "classification": texts.INTERNAL_USE_ONLY,
            # Who exported it and when, across every page.
            "watermark": f"{job.requested_by} {made_at:%Y-%m-%d %H:%M}",
            "columns": [
                texts.NUMBER,
                gettext("Name"),
                gettext("Position"),
                gettext("Roles"),
                gettext("Office phone"),
            ],
            "numeric_columns": [0],
            "groups": groups,
            "empty_text": gettext("No staff."),
        },
    )


register_report(
    "staff_roster",
    label=_("Staff roster"),
    formats=["xlsx", "pdf"],
    permission="core.export_staff_roster",
    producer=produce_staff_roster,
)
