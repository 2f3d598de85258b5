"""Integrity indicators (廉政评价指标) per department and period.

The essay asks to "量化廉政评价指标": this is the one public reading of them.
The appraisal app (and the leadership board) call `integrity_indicators`;
nothing here writes. Six queries whatever the number of departments.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from apps.core.models import Department, Staff

from .models import Activity, Attempt, Entry, Participation, QuizQuestion, Remark


@dataclass
class DepartmentIndicators:
    department_id: int
    department: str
    staff: int = 0
    education_hours: Decimal = Decimal(0)  # attended hours, all members together
    expected: int = 0  # attendances expected at held activities
    attended: int = 0
    contest_attempts: int = 0
    contest_percent_total: float = 0.0
    awards: int = 0
    violations: int = 0  # substantiated outside-supervision remarks
    by_award: dict = field(default_factory=dict)

    @property
    def hours_per_person(self):
        if not self.staff:
            return None
        return (self.education_hours / self.staff).quantize(Decimal("0.1"))

    @property
    def attendance_rate(self):
        return round(100 * self.attended / self.expected, 1) if self.expected else None

    @property
    def contest_average(self):
        """Average knowledge-contest result in percent of full marks."""
        if not self.contest_attempts:
            return None
        return round(self.contest_percent_total / self.contest_attempts, 1)


def _moment(day):
    tz = timezone.get_current_timezone()
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)


def integrity_indicators(*, procuratorate_id, start, end):
    """Indicators of every active department for the days `start`..`end` inclusive.

    - education hours: the hours of held activities each member attended;
    - attendance rate: attended ÷ expected at activities held in the period;
    - contest results: average knowledge-contest score in percent of full
      marks (attempts finished in the period), and awards won in essay,
      speech and photo contests published in the period;
    - recorded violations: outside-supervision remarks received in the period
      and found substantiated, fully or in part.
    """
    rows = {
        d.pk: DepartmentIndicators(department_id=d.pk, department=d.name)
        for d in Department.objects.filter(
            procuratorate_id=procuratorate_id, is_active=True
        ).order_by("sort_order", "name")
    }
    for department_id, n in (
        Staff.objects.filter(procuratorate_id=procuratorate_id, user__is_active=True)
        .values("department_id")
        .annotate(n=Count("id"))
        .values_list("department_id", "n")
    ):
        if department_id in rows:
            rows[department_id].staff = n

    held = Activity.objects.filter(
        procuratorate_id=procuratorate_id,
        state=Activity.State.HELD,
        held_on__range=(start, end),
    )
    for department_id, expected, attended, hours in (
        Participation.objects.filter(activity__in=held, attended__isnull=False)
        .values("department_id")
        .annotate(
            n_expected=Count("id"),
            n_attended=Count("id", filter=Q(attended=True)),
            hours=Coalesce(
                Sum("activity__education_hours", filter=Q(attended=True)),
                Decimal(0),
                output_field=DecimalField(),
            ),
        )
        .values_list("department_id", "n_expected", "n_attended", "hours")
    ):
        if department_id in rows:
            row = rows[department_id]
            row.expected, row.attended, row.education_hours = expected, attended, hours

    full_marks = (
        QuizQuestion.objects.filter(quiz_id=OuterRef("quiz_id"))
        .values("quiz_id")
        .annotate(total=Sum("points"))
        .values("total")
    )
    for department_id, score, total in (
        Attempt.objects.filter(
            quiz__procuratorate_id=procuratorate_id,
            finished_at__gte=_moment(start),
            finished_at__lt=_moment(end + datetime.timedelta(days=1)),
        )
        .exclude(status=Attempt.Status.IN_PROGRESS)
        .annotate(full=Subquery(full_marks))
        .values_list("department_id", "score", "full")
    ):
        if department_id in rows and total:
            row = rows[department_id]
            row.contest_attempts += 1
            row.contest_percent_total += 100 * score / total

    for department_id, award, n in (
        Entry.objects.filter(
            contest__procuratorate_id=procuratorate_id,
            contest__published_at__gte=_moment(start),
            contest__published_at__lt=_moment(end + datetime.timedelta(days=1)),
        )
        .exclude(award="")
        .values("department_id", "award")
        .annotate(n=Count("id"))
        .values_list("department_id", "award", "n")
    ):
        if department_id in rows:
            rows[department_id].awards += n
            rows[department_id].by_award[award] = n

    for department_id, n in (
        Remark.objects.filter(
            procuratorate_id=procuratorate_id,
            received_on__range=(start, end),
            finding__in=[Remark.Finding.SUBSTANTIATED, Remark.Finding.PARTLY],
        )
        .values("concerned_department_id")
        .annotate(n=Count("id"))
        .values_list("concerned_department_id", "n")
    ):
        if department_id in rows:
            rows[department_id].violations = n
    return list(rows.values())


def period_bounds(year, quarter=None):
    """(start, end) of a year or of one of its quarters."""
    if quarter:
        first_month = 3 * (quarter - 1) + 1
        start = datetime.date(year, first_month, 1)
        end_month = first_month + 2
        end = (
            datetime.date(year, 12, 31)
            if end_month == 12
            else datetime.date(year, end_month + 1, 1) - datetime.timedelta(days=1)
        )
        return start, end
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


__all__ = ["DepartmentIndicators", "integrity_indicators", "period_bounds"]
