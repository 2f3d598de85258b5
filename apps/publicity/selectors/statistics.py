"""月统计 and yearly statistics: counts by month, department, person, category,
outlet level and medium; the adoption rate; change on the same period last year;
the monthly ranking for the 信息点评会.

Every function runs a fixed number of grouped queries, whatever the data size.
Definitions (the essays count this way):
- submitted: items whose first submission falls in the period;
- dispatched: items dispatched in the period;
- adoptions: uses by an outlet dated in the period (one item may count several
  times, as "采用8篇" counts each use);
- adoption rate: of the items dispatched in the period, the share adopted at
  least once (adopted ÷ dispatched).
"""

import calendar
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from apps.core.models import Department
from apps.core.scoping import scope_to_procuratorate, user_procuratorate_id

from ..models import Adoption, Authorship, Category, Item, Kind, Medium, OutletLevel


@dataclass(frozen=True)
class Period:
    """Whole days from `start` to `end`, both included."""

    start: datetime.date
    end: datetime.date

    @property
    def is_empty(self):
        return self.end < self.start

    def same_period_last_year(self):
        return Period(_year_earlier(self.start), _year_earlier(self.end))

    def datetime_range(self):
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=tz)
        end = datetime.datetime.combine(
            self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
        )
        return start, end


def _year_earlier(day):
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def period_for(year, month=None, *, today=None):
    """The period of a year or one month, cut at today so last year compares fairly."""
    today = today or timezone.localdate()
    if month:
        start = datetime.date(year, month, 1)
        end = datetime.date(year, month, calendar.monthrange(year, month)[1])
    else:
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return Period(start, min(end, today))


def change_percent(current, previous):
    """Change on the same period last year, in percent (None without a base)."""
    if not previous:
        return None
    return round((Decimal(current) - Decimal(previous)) * 100 / Decimal(previous), 1)


def rate_percent(part, whole):
    if not whole:
        return None
    return round(Decimal(part) * 100 / Decimal(whole), 1)


def _items(user):
    return scope_to_procuratorate(Item.objects.all(), user)


def _adoptions(user):
    return scope_to_procuratorate(Adoption.objects.all(), user)


def _in(field, period):
    """Q for `field` (a datetime) inside `period`."""
    start, end = period.datetime_range()
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def _on(field, period):
    """Q for `field` (a date) inside `period`."""
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


def _adopted():
    return Exists(Adoption.objects.filter(item=OuterRef("pk")))


# ------------------------------------------------------------------ summary
def statistics_summary(*, user, period):
    """Totals of the period and of the same period last year, with the changes."""
    last = period.same_period_last_year()
    items = _items(user).aggregate(
        submitted=Count("id", filter=_in("submitted_at", period)),
        submitted_last=Count("id", filter=_in("submitted_at", last)),
        dispatched=Count("id", filter=_in("dispatched_at", period)),
        dispatched_last=Count("id", filter=_in("dispatched_at", last)),
        adopted=Count("id", filter=_in("dispatched_at", period) & Q(_adopted())),
        adopted_last=Count("id", filter=_in("dispatched_at", last) & Q(_adopted())),
        fine=Count("id", filter=_in("dispatched_at", period) & Q(is_fine=True)),
        highlight=Count(
            "id", filter=_in("dispatched_at", period) & Q(is_highlight=True)
        ),
    )
    adoption_counts = {}
    for kind in Kind.values:
        adoption_counts[f"{kind}"] = Count(
            "id", filter=_on("adopted_on", period) & Q(item__kind=kind)
        )
        adoption_counts[f"{kind}_last"] = Count(
            "id", filter=_on("adopted_on", last) & Q(item__kind=kind)
        )
    adoptions = _adoptions(user).aggregate(**adoption_counts)
    total = sum(adoptions[k] for k in Kind.values)
    total_last = sum(adoptions[f"{k}_last"] for k in Kind.values)
    by_kind = [
        {
            "kind": kind,
            "label": label,
            "adoptions": adoptions[kind],
            "adoptions_last": adoptions[f"{kind}_last"],
            "change": change_percent(adoptions[kind], adoptions[f"{kind}_last"]),
        }
        for kind, label in Kind.choices
    ]
    return {
        "period": period,
        "last_period": last,
        **items,
        "adoptions": total,
        "adoptions_last": total_last,
        "adoptions_change": change_percent(total, total_last),
        "dispatched_change": change_percent(
            items["dispatched"], items["dispatched_last"]
        ),
        "rate": rate_percent(items["adopted"], items["dispatched"]),
        "rate_last": rate_percent(items["adopted_last"], items["dispatched_last"]),
        "by_kind": by_kind,
    }


# ------------------------------------------------------------------ by month
def statistics_by_month(*, user, year, today=None):
    """Twelve rows: submitted, dispatched and adopted this year; adopted last year."""
    today = today or timezone.localdate()
    months = {m: {"month": m, "submitted": 0, "dispatched": 0} for m in range(1, 13)}
    for field in ("submitted", "dispatched"):
        rows = (
            _items(user)
            .filter(**{f"{field}_at__year": year})
            .annotate(m=ExtractMonth(f"{field}_at"))
            .values("m")
            .annotate(n=Count("id"))
        )
        for row in rows:
            months[row["m"]][field] = row["n"]
    adoption_rows = (
        _adoptions(user)
        .filter(adopted_on__year__in=[year, year - 1])
        .annotate(y=ExtractYear("adopted_on"), m=ExtractMonth("adopted_on"))
        .values("y", "m")
        .annotate(n=Count("id"))
    )
    for month in months.values():
        month["adoptions"] = 0
        month["adoptions_last"] = 0
    for row in adoption_rows:
        key = "adoptions" if row["y"] == year else "adoptions_last"
        months[row["m"]][key] = row["n"]
    rows = []
    for m, month in months.items():
        future = datetime.date(year, m, 1) > today
        month["future"] = future
        month["change"] = (
            None
            if future
            else change_percent(month["adoptions"], month["adoptions_last"])
        )
        rows.append(month)
    return rows


# ------------------------------------------------------------------ by department
def statistics_by_department(*, user, period):
    """One row per active department (also those with nothing: they lag)."""
    last = period.same_period_last_year()
    departments = list(
        scope_to_procuratorate(Department.objects.filter(is_active=True), user)
        .order_by("sort_order", "name")
        .values("id", "name", "kind")
    )
    item_rows = {
        r["department_id"]: r
        for r in _items(user)
        .values("department_id")
        .annotate(
            submitted=Count("id", filter=_in("submitted_at", period)),
            dispatched=Count("id", filter=_in("dispatched_at", period)),
            adopted=Count("id", filter=_in("dispatched_at", period) & Q(_adopted())),
            fine=Count("id", filter=_in("dispatched_at", period) & Q(is_fine=True)),
        )
    }
    adoption_rows = {
        r["item__department_id"]: r
        for r in _adoptions(user)
        .values("item__department_id")
        .annotate(
            adoptions=Count("id", filter=_on("adopted_on", period)),
            adoptions_last=Count("id", filter=_on("adopted_on", last)),
            national=Count(
                "id",
                filter=_on("adopted_on", period)
                & Q(outlet__level=OutletLevel.NATIONAL),
            ),
            provincial=Count(
                "id",
                filter=_on("adopted_on", period)
                & Q(outlet__level=OutletLevel.PROVINCIAL),
            ),
        )
    }
    rows = []
    for dept in departments:
        items = item_rows.get(dept["id"], {})
        adoptions = adoption_rows.get(dept["id"], {})
        row = {
            "department_id": dept["id"],
            "department": dept["name"],
            "submitted": items.get("submitted", 0),
            "dispatched": items.get("dispatched", 0),
            "adopted": items.get("adopted", 0),
            "fine": items.get("fine", 0),
            "adoptions": adoptions.get("adoptions", 0),
            "adoptions_last": adoptions.get("adoptions_last", 0),
            "national": adoptions.get("national", 0),
            "provincial": adoptions.get("provincial", 0),
        }
        row["rate"] = rate_percent(row["adopted"], row["dispatched"])
        row["change"] = change_percent(row["adoptions"], row["adoptions_last"])
        rows.append(row)
    return rows


def monthly_ranking(*, user, year, month, today=None, best=3, lagging=3):
    """Departments ranked for the month's 信息点评会: praise the best, push laggards.

    Ranked by adoptions, then dispatched, then submitted. The best are the top
    `best` with at least one adoption; the lagging are the bottom `lagging`
    and every department that sent nothing at all.
    """
    period = period_for(year, month, today=today)
    rows = statistics_by_department(user=user, period=period)
    rows.sort(key=lambda r: (-r["adoptions"], -r["dispatched"], -r["submitted"]))
    rank = 0
    previous = None
    for index, row in enumerate(rows, start=1):
        key = (row["adoptions"], row["dispatched"], row["submitted"])
        if key != previous:
            rank, previous = index, key
        row["rank"] = rank
    tail = {r["department_id"] for r in rows[-lagging:]} if lagging else set()
    for index, row in enumerate(rows):
        row["best"] = index < best and row["adoptions"] > 0
        row["lagging"] = not row["best"] and (
            row["department_id"] in tail or row["submitted"] == 0
        )
    return {"period": period, "rows": rows}


# ------------------------------------------------------------------ by person
def statistics_by_person(*, user, period, limit=100):
    """Authors by adoptions in the period: every author counts the adoption, and
    the share-weighted count splits it as the rewards do."""
    procuratorate_id = user_procuratorate_id(user)
    adoption_filter = Q(item__adoptions__adopted_on__gte=period.start) & Q(
        item__adoptions__adopted_on__lte=period.end
    )
    rows = {
        r["user_id"]: {
            "user_id": r["user_id"],
            "name": r["user__staff__name"],
            "department": r["user__staff__department__name"],
            "adoptions": r["adoptions"],
            "weighted": (r["shares"] or 0) / Decimal(100),
            "submitted": 0,
        }
        for r in Authorship.objects.filter(item__procuratorate_id=procuratorate_id)
        .filter(adoption_filter)
        .values("user_id", "user__staff__name", "user__staff__department__name")
        .annotate(adoptions=Count("item__adoptions"), shares=Sum("share"))
    }
    start, end = period.datetime_range()
    for r in (
        Authorship.objects.filter(
            item__procuratorate_id=procuratorate_id,
            item__submitted_at__gte=start,
            item__submitted_at__lt=end,
        )
        .values("user_id", "user__staff__name", "user__staff__department__name")
        .annotate(n=Count("item_id", distinct=True))
    ):
        row = rows.setdefault(
            r["user_id"],
            {
                "user_id": r["user_id"],
                "name": r["user__staff__name"],
                "department": r["user__staff__department__name"],
                "adoptions": 0,
                "weighted": Decimal(0),
            },
        )
        row["submitted"] = r["n"]
    ordered = sorted(
        rows.values(), key=lambda r: (-r["adoptions"], -r["submitted"], r["name"] or "")
    )
    return ordered[:limit]


# ------------------------------------------------------------------ by category
def statistics_by_category(*, user, period):
    """Dispatched items and adoptions per category (动态 / 经验 / 综述 …)."""
    dispatched = {
        r["category"]: r["n"]
        for r in _items(user)
        .filter(_in("dispatched_at", period))
        .values("category")
        .annotate(n=Count("id"))
    }
    adoptions = {
        r["item__category"]: r["n"]
        for r in _adoptions(user)
        .filter(_on("adopted_on", period))
        .values("item__category")
        .annotate(n=Count("id"))
    }
    return [
        {
            "category": value,
            "label": label,
            "dispatched": dispatched.get(value, 0),
            "adoptions": adoptions.get(value, 0),
        }
        for value, label in Category.choices
    ]


# ------------------------------------------------------------------ by outlet
def statistics_by_outlet(*, user, period):
    """Adoptions by outlet level (rows) and medium (columns), with totals."""
    counts = {
        (r["outlet__level"], r["outlet__medium"]): r["n"]
        for r in _adoptions(user)
        .filter(_on("adopted_on", period))
        .values("outlet__level", "outlet__medium")
        .annotate(n=Count("id"))
    }
    rows = []
    for level, label in OutletLevel.choices:
        cells = [counts.get((level, medium), 0) for medium in Medium.values]
        rows.append(
            {"level": level, "label": label, "cells": cells, "total": sum(cells)}
        )
    totals = [sum(r["cells"][i] for r in rows) for i in range(len(Medium.values))]
    return {
        "media": Medium.choices,
        "rows": rows,
        "totals": totals,
        "total": sum(totals),
    }


def statistics_top_outlets(*, user, period, limit=10):
    """The outlets that adopted most in the period."""
    return list(
        _adoptions(user)
        .filter(_on("adopted_on", period))
        .values("outlet__name", "outlet__level", "outlet__medium")
        .annotate(n=Count("id"))
        .order_by("-n", "outlet__name")[:limit]
    )
