"""Exports of 信息宣传 through the report jobs: statistics, the adoption register,
and the year-end payout ledger (Excel, and a PDF for signature)."""

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.reports import texts
from apps.reports.excel import Column, add_table_sheet, new_workbook, workbook_bytes
from apps.reports.pdf import render_pdf
from apps.reports.registry import ReportError, register_report

from .models import Medium
from .selectors import adoption_list
from .selectors import rewards as reward_selectors
from .selectors import statistics as stats


def _year_month(job, *, month_allowed=True):
    try:
        year = int(job.params.get("year") or timezone.localdate().year)
        month = job.params.get("month")
        month = int(month) if month and month_allowed else None
    except (TypeError, ValueError):
        raise ReportError(str(texts.INVALID_PARAMS)) from None
    if not 2000 <= year <= 2100 or (month is not None and not 1 <= month <= 12):
        raise ReportError(str(texts.INVALID_PARAMS))
    return year, month


def _period_label(year, month):
    if month:
        return gettext("%(year)s-%(month)02d") % {"year": year, "month": month}
    return gettext("Year %(year)s") % {"year": year}


def _percent(value):
    return "" if value is None else f"{value}%"


def _change(value):
    if value is None:
        return ""
    if value > 0:
        return gettext("up %(percent)s%%") % {"percent": value}
    if value < 0:
        return gettext("down %(percent)s%%") % {"percent": -value}
    return gettext("no change")


# ------------------------------------------------------------------ statistics
def produce_statistics(job, progress):
    """The statistics page as a workbook: one sheet per table."""
    year, month = _year_month(job)
    user = job.requested_by
    period = stats.period_for(year, month)
    progress(5, texts.READING)
    summary = stats.statistics_summary(user=user, period=period)
    monthly = stats.statistics_by_month(user=user, year=year)
    departments = stats.statistics_by_department(user=user, period=period)
    persons = stats.statistics_by_person(user=user, period=period, limit=10_000)
    categories = stats.statistics_by_category(user=user, period=period)
    outlets = stats.statistics_by_outlet(user=user, period=period)
    progress(40, texts.WRITING)
    made_at = timezone.localtime()
    name = job.procuratorate.name
    label = _period_label(year, month)
    title = gettext("Publicity statistics of %(procuratorate)s, %(period)s") % {
        "procuratorate": name,
        "period": label,
    }
    subtitle = texts.made_at(made_at)
    book = new_workbook()
    same = gettext("Same period last year")
    change = gettext("Change on last year")
    add_table_sheet(
        book,
        sheet_title=gettext("Summary"),
        title=title,
        subtitle=subtitle,
        columns=[Column(gettext("Item"), 24), Column(label, 14), Column(same, 14)],
        rows=[
            [gettext("Submitted"), summary["submitted"], summary["submitted_last"]],
            [gettext("Dispatched"), summary["dispatched"], summary["dispatched_last"]],
            [gettext("Adoptions"), summary["adoptions"], summary["adoptions_last"]],
            [
                gettext("Adoption rate"),
                _percent(summary["rate"]),
                _percent(summary["rate_last"]),
            ],
            *[
                [k["label"], k["adoptions"], k["adoptions_last"]]
                for k in summary["by_kind"]
            ],
        ],
    )
    add_table_sheet(
        book,
        sheet_title=gettext("By month"),
        title=title,
        columns=[
            Column(gettext("Month"), 8),
            Column(gettext("Submitted"), 10),
            Column(gettext("Dispatched"), 10),
            Column(gettext("Adoptions"), 10),
            Column(gettext("Adoptions last year"), 12),
            Column(change, 14),
        ],
        rows=(
            [
                m["month"],
                m["submitted"],
                m["dispatched"],
                m["adoptions"],
                m["adoptions_last"],
                _change(m["change"]),
            ]
            for m in monthly
        ),
    )
    progress(60, texts.WRITING)
    add_table_sheet(
        book,
        sheet_title=gettext("By department"),
        title=title,
        columns=[
            Column(gettext("Department"), 20),
            Column(gettext("Submitted"), 10),
            Column(gettext("Dispatched"), 10),
            Column(gettext("Adoptions"), 10),
            Column(gettext("National"), 10),
            Column(gettext("Provincial"), 10),
            Column(gettext("Adoption rate"), 10),
            Column(gettext("Fine"), 8),
            Column(same, 12),
            Column(change, 14),
        ],
        rows=(
            [
                d["department"],
                d["submitted"],
                d["dispatched"],
                d["adoptions"],
                d["national"],
                d["provincial"],
                _percent(d["rate"]),
                d["fine"],
                d["adoptions_last"],
                _change(d["change"]),
            ]
            for d in departments
        ),
    )
    add_table_sheet(
        book,
        sheet_title=gettext("By person"),
        title=title,
        columns=[
            Column(gettext("Name"), 12),
            Column(gettext("Department"), 20),
            Column(gettext("Items submitted"), 10),
            Column(gettext("Adoptions"), 10),
            Column(gettext("Adoptions by share"), 12),
        ],
        rows=(
            [
                p["name"],
                p["department"] or "",
                p["submitted"],
                p["adoptions"],
                p["weighted"],
            ]
            for p in persons
        ),
    )
    progress(80, texts.WRITING)
    add_table_sheet(
        book,
        sheet_title=gettext("By category"),
        title=title,
        columns=[
            Column(gettext("Category"), 18),
            Column(gettext("Dispatched"), 10),
            Column(gettext("Adoptions"), 10),
        ],
        rows=([c["label"], c["dispatched"], c["adoptions"]] for c in categories),
    )
    add_table_sheet(
        book,
        sheet_title=gettext("By level and medium"),
        title=title,
        columns=[Column(gettext("Level"), 14)]
        + [Column(str(label), 10) for _value, label in Medium.choices]
        + [Column(gettext("Total"), 10)],
        rows=[[r["label"], *r["cells"], r["total"]] for r in outlets["rows"]]
        + [[gettext("Total"), *outlets["totals"], outlets["total"]]],
    )
    filename = f"{gettext('Publicity statistics')}-{name}-{label}"
    return f"{filename}.xlsx", workbook_bytes(book)


# ------------------------------------------------------------------ adoptions
def produce_adoptions(job, progress):
    """The adoption register of a year or month."""
    year, month = _year_month(job)
    progress(5, texts.READING)
    rows = list(
        adoption_list(user=job.requested_by, period=stats.period_for(year, month))
    )
    label = _period_label(year, month)
    book = new_workbook()
    total = max(len(rows), 1)
    add_table_sheet(
        book,
        sheet_title=gettext("Adoption register"),
        title=gettext("Adoption register of %(procuratorate)s, %(period)s")
        % {"procuratorate": job.procuratorate.name, "period": label},
        subtitle=texts.made_at(timezone.localtime()),
        columns=[
            Column(gettext("Date adopted"), 12),
            Column(gettext("Title"), 40),
            Column(gettext("Department"), 16),
            Column(gettext("Author"), 10),
            Column(gettext("Outlet"), 22),
            Column(gettext("Level"), 12),
            Column(gettext("Medium"), 10),
            Column(gettext("Form of use"), 10),
            Column(gettext("Fine"), 6),
            Column(gettext("link"), 30),
        ],
        rows=(
            [
                a.adopted_on,
                a.item.title,
                a.item.department.name,
                a.item.author.staff.name,
                a.outlet.name,
                a.outlet.get_level_display(),
                a.outlet.get_medium_display(),
                a.get_form_display(),
                "✓" if a.item.is_fine else "",
                a.link,
            ]
            for a in rows
        ),
        on_row=lambda n: progress(10 + 85 * n // total, texts.WRITING),
    )
    filename = f"{gettext('Adoption register')}-{job.procuratorate.name}-{label}"
    return f"{filename}.xlsx", workbook_bytes(book)


# ------------------------------------------------------------------ ledger
def _ledger(job):
    year, _month = _year_month(job, month_allowed=False)
    ledger = reward_selectors.ledger_get(user=job.requested_by, year=year)
    if ledger is None or ledger.state == ledger.State.PENDING:
        raise ReportError(gettext("The ledger of this year has not been computed yet."))
    lines = list(ledger.lines.all())
    persons = [line for line in lines if line.user_id]
    departments = [line for line in lines if not line.user_id]
    return ledger, persons, departments


def produce_ledger(job, progress):
    """年终兑现表: person and department lines, with every adoption's split (Excel),
    or a page for signature (PDF)."""
    progress(5, texts.READING)
    ledger, persons, departments = _ledger(job)
    made_at = timezone.localtime()
    title = gettext("Year-end publicity payout of %(procuratorate)s, %(year)s") % {
        "procuratorate": job.procuratorate.name,
        "year": ledger.year,
    }
    state = f"{ledger.get_state_display()} · {texts.made_at(made_at)}"
    filename = (
        f"{gettext('Year-end payout ledger')}-{job.procuratorate.name}-{ledger.year}"
    )
    progress(30, texts.WRITING)
    if job.format == "pdf":
        content = render_pdf(
            "publicity/pdf_ledger.html",
            {
                "title": title,
                "subtitle": state,
                "ledger": ledger,
                "persons": persons,
                "departments": departments,
                "pdf_header": job.procuratorate.name,
                "classification": texts.INTERNAL_USE_ONLY,
                "watermark": f"{job.requested_by} {made_at:%Y-%m-%d %H:%M}",
            },
        )
        return f"{filename}.pdf", content
    book = new_workbook()
    add_table_sheet(
        book,
        sheet_title=gettext("Persons"),
        title=title,
        subtitle=state,
        columns=[
            Column(gettext("Name"), 12),
            Column(gettext("Department"), 18),
            Column(gettext("Adoptions by share"), 12),
            Column(gettext("Points"), 10),
            Column(gettext("Reward (yuan)"), 12),
        ],
        rows=[
            [
                p.user.staff.name,
                p.department.name if p.department else "",
                p.adoptions,
                p.points,
                p.reward,
            ]
            for p in persons
        ]
        + [[gettext("Total"), "", "", "", ledger.total_reward]],
    )
    add_table_sheet(
        book,
        sheet_title=gettext("Departments"),
        title=title,
        columns=[
            Column(gettext("Department"), 18),
            Column(gettext("Adoptions"), 10),
            Column(gettext("Quota"), 10),
            Column(gettext("Points"), 10),
            Column(gettext("Reward (yuan)"), 12),
            Column(gettext("Penalty (yuan)"), 12),
            Column(gettext("Net (yuan)"), 12),
        ],
        rows=(
            [
                d.department.name,
                d.adoptions,
                d.quota_target,
                d.points,
                d.reward,
                d.penalty,
                d.total,
            ]
            for d in departments
        ),
    )
    progress(60, texts.WRITING)
    add_table_sheet(
        book,
        sheet_title=gettext("Details"),
        title=title,
        columns=[
            Column(gettext("Date adopted"), 12),
            Column(gettext("Title"), 36),
            Column(gettext("Outlet"), 22),
            Column(gettext("Name"), 10),
            Column(gettext("Share (%)"), 8),
            Column(gettext("Multiplier"), 8),
            Column(gettext("Points"), 8),
            Column(gettext("Reward (yuan)"), 10),
        ],
        rows=(
            [
                e.adoption.adopted_on,
                e.adoption.item.title,
                e.adoption.outlet.name,
                e.user.staff.name,
                e.share,
                e.multiplier,
                e.points,
                e.amount,
            ]
            for e in reward_selectors.ledger_entries(ledger=ledger)
        ),
    )
    return f"{filename}.xlsx", workbook_bytes(book)


register_report(
    "publicity_statistics",
    label=_("Publicity statistics"),
    formats=["xlsx"],
    permission="publicity.view_statistics",
    producer=produce_statistics,
)
register_report(
    "publicity_adoptions",
    label=_("Adoption register"),
    formats=["xlsx"],
    permission="publicity.view_adoptions",
    producer=produce_adoptions,
)
register_report(
    "publicity_ledger",
    label=_("Year-end payout ledger"),
    formats=["xlsx", "pdf"],
    permission="publicity.view_ledger",
    producer=produce_ledger,
)
