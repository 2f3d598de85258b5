"""Reports of the organisation app: the staff roster (花名册), as Excel and PDF."""

from itertools import groupby

from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from apps.reports.excel import Column, xlsx_table
from apps.reports.pdf import render_pdf
from apps.reports.registry import ReportError, register_report

from .scoping import user_procuratorate_id
from .selectors import staff_list


def _roster(job):
    """The job's staff, in department order, for the requester's procuratorate."""
    user = job.requested_by
    if user_procuratorate_id(user) != job.procuratorate_id:
        raise ReportError(gettext("You have moved to another procuratorate."))
    department_id = job.params.get("department") or None
    if department_id is not None:
        try:
            department_id = int(department_id)
        except (TypeError, ValueError):
            raise ReportError(gettext("Unknown department.")) from None
    return list(staff_list(user=user, department_id=department_id))


def _row(staff):
    department = staff.department or gettext("No department")
    return [
        str(department),
        staff.name,
        staff.position,
        staff.get_roles_display(),
        staff.phone,
    ]


def produce_staff_roster(job, progress):
    """花名册 of the requester's procuratorate, grouped by department order."""
    progress(5, gettext("Reading the staff list"))
    staff = _roster(job)
    procuratorate = job.procuratorate
    made_at = timezone.localtime()
    title = gettext("Staff roster of %(procuratorate)s") % {
        "procuratorate": procuratorate.name
    }
    subtitle = " · ".join(
        [
            ngettext("%(count)d person", "%(count)d people", len(staff))
            % {"count": len(staff)},
            gettext("Made at %(time)s") % {"time": f"{made_at:%Y-%m-%d %H:%M}"},
        ]
    )
    filename = f"{gettext('Staff roster')}-{procuratorate.name}-{made_at:%Y%m%d}"
    progress(20, gettext("Writing the file"))
    if job.format == "xlsx":
        total = max(len(staff), 1)
        content = xlsx_table(
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
            rows=(_row(s) for s in staff),
            on_row=lambda n: progress(
                20 + 75 * n // total, gettext("Writing the file")
            ),
        )
    else:
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
            label = department.name if department else gettext("No department")
            groups.append({"label": f"{label}（{len(rows)}）", "rows": rows})
        content = render_pdf(
            "reports/pdf_table.html",
            {
                "title": title,
                "subtitle": subtitle,
                "pdf_header": procuratorate.name,
                "classification": gettext("Internal use only"),
                "watermark": f"{job.requested_by} {made_at:%Y-%m-%d %H:%M}",
                "columns": [
                    gettext("No."),
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
    progress(100, gettext("Done"))
    return f"{filename}.{job.format}", content


register_report(
    "staff_roster",
    label=_("Staff roster"),
    formats=["xlsx", "pdf"],
    permission="core.export_staff_roster",
    producer=produce_staff_roster,
)
