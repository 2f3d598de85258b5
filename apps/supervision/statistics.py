"""The figures the department is judged by, over the cases the viewer may see.

Every figure of a year is counted by the year of its own event: a petition is
"received" in the year of its receipt, "registered" in the year of its
registration, an outcome in the year it was issued, a retrial result in the
year the court concluded it. A rate whose denominator is zero is None (shown
as "—"), never 0 % or 100 %.

Definitions (documented in docs/supervision.md):
- 改判率 changed rate: retrials concluded with 改判 ÷ all retrials concluded.
- 和解率 settlement rate: settlements ÷ all outcomes issued.
- suggestion adoption rate: suggestions (再审检察建议 and 检察建议) the
  court adopted ÷ suggestions the court answered.
- 成案率 case-forming rate: clues that became a case ÷ clues whose inquiry
  concluded (became a case or not); clues with no inquiry are not counted.

The page costs a fixed number of queries, whatever the number of cases.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Clue, Outcome, Petition, Source
from .selectors import clues_visible_to, petitions_visible_to

OPEN_STATES = (
    Petition.State.UNDER_REVIEW,
    Petition.State.OUTCOME_PENDING,
    Petition.State.FOLLOW_UP,
)


# What the year-on-year table compares: attribute, label, unit.
COMPARED = [
    ("received", _("Petitions received"), "count"),
    ("accepted", _("Petitions accepted"), "count"),
    ("registered", _("Cases registered"), "count"),
    ("issued", _("Outcomes issued"), "count"),
    ("changed_rate", _("Changed rate"), "rate"),
    ("settlement_rate", _("Settlement rate"), "rate"),
    ("adoption_rate", _("Suggestion adoption rate"), "rate"),
    ("case_forming_rate", _("Case-forming rate of clues"), "rate"),
    ("review_days", _("Average review days"), "days"),
]


def rate(numerator, denominator):
    """Percentage with one decimal, or None when there is nothing to divide by."""
    if not denominator:
        return None
    value = Decimal(numerator) * 100 / Decimal(denominator)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def change(current, previous):
    """Year-on-year change in percent, or None when last year had nothing."""
    if current is None or previous is None or not previous:
        return None
    return rate(current - previous, previous)


def _days(duration):
    if duration is None:
        return None
    return Decimal(duration.total_seconds() / 86400).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )


@dataclass
class YearFigures:
    year: int
    received: int = 0
    accepted: int = 0
    refused: int = 0
    registered: int = 0
    issued: int = 0
    settlements: int = 0
    retrials_concluded: int = 0
    changed: int = 0
    suggestions_answered: int = 0
    suggestions_adopted: int = 0
    clues_registered: int = 0
    clues_concluded: int = 0
    clues_became_case: int = 0
    review_days: Decimal | None = None
    outcomes: dict = field(default_factory=dict)
    court_results: dict = field(default_factory=dict)

    @property
    def changed_rate(self):
        return rate(self.changed, self.retrials_concluded)

    @property
    def settlement_rate(self):
        return rate(self.settlements, self.issued)

    @property
    def adoption_rate(self):
        return rate(self.suggestions_adopted, self.suggestions_answered)

    @property
    def case_forming_rate(self):
        return rate(self.clues_became_case, self.clues_concluded)


def _year_q(lookup, year):
    return Q(**{f"{lookup}__year": year})


def _petition_figures(petitions, years):
    """Receipts, decisions and registrations per source and year: one query."""
    annotations = {}
    for year in years:
        annotations[f"received_{year}"] = Count(
            "id", filter=_year_q("received_on", year)
        )
        annotations[f"accepted_{year}"] = Count(
            "id",
            filter=_year_q("decided_at", year) & ~Q(state=Petition.State.REFUSED),
        )
        annotations[f"refused_{year}"] = Count(
            "id", filter=_year_q("decided_at", year) & Q(state=Petition.State.REFUSED)
        )
        annotations[f"registered_{year}"] = Count(
            "id", filter=_year_q("registered_at", year)
        )
    rows = petitions.order_by().values("source").annotate(**annotations)
    return {row["source"]: row for row in rows}


def _outcome_figures(outcomes, years):
    """Outcomes by kind and court result per year, with review durations: one query."""
    review = ExpressionWrapper(
        F("issued_at") - F("petition__registered_at"), output_field=DurationField()
    )
    annotations = {}
    for year in years:
        annotations[f"issued_{year}"] = Count("id", filter=_year_q("issued_at", year))
        annotations[f"review_{year}"] = Sum(review, filter=_year_q("issued_at", year))
        annotations[f"concluded_{year}"] = Count(
            "id", filter=_year_q("court_result_on", year)
        )
        annotations[f"answered_{year}"] = Count(
            "id", filter=_year_q("court_replied_on", year)
        )
        annotations[f"adopted_{year}"] = Count(
            "id",
            filter=_year_q("court_replied_on", year) & Q(suggestion_adopted=True),
        )
    rows = (
        outcomes.filter(state=Outcome.State.ISSUED)
        .order_by()
        .values("kind", "court_result")
        .annotate(**annotations)
    )
    return list(rows)


def _clue_figures(clues, years):
    annotations = {}
    for year in years:
        annotations[f"registered_{year}"] = Count(
            "id", filter=_year_q("registered_at", year)
        )
        concluded = _year_q("concluded_at", year) & Q(
            state__in=[Clue.State.BECAME_CASE, Clue.State.NOT_CASE]
        )
        annotations[f"concluded_{year}"] = Count("id", filter=concluded)
        annotations[f"became_{year}"] = Count(
            "id", filter=concluded & Q(state=Clue.State.BECAME_CASE)
        )
    return clues.order_by().aggregate(**annotations)


def handler_load(*, user, year):
    """Per handler: open cases, overdue reviews, registered and concluded this year."""
    now = timezone.now()
    review = ExpressionWrapper(
        F("outcome__issued_at") - F("registered_at"), output_field=DurationField()
    )
    issued_this_year = _year_q("outcome__issued_at", year) & Q(
        outcome__state=Outcome.State.ISSUED
    )
    rows = (
        petitions_visible_to(user)
        .filter(handler__isnull=False)
        .order_by()
        .values("handler", "handler__staff__name")
        .annotate(
            open=Count("id", filter=Q(state__in=OPEN_STATES)),
            overdue=Count(
                "id",
                filter=Q(state=Petition.State.UNDER_REVIEW, review_due_at__lt=now),
            ),
            registered=Count("id", filter=_year_q("registered_at", year)),
            concluded=Count("id", filter=issued_this_year),
            review=Avg(review, filter=issued_this_year),
        )
        .order_by("-open", "handler__staff__name")
    )
    return [
        {
            "name": row["handler__staff__name"],
            "open": row["open"],
            "overdue": row["overdue"],
            "registered": row["registered"],
            "concluded": row["concluded"],
            "review_days": _days(row["review"]),
        }
        for row in rows
    ]


def _by_choice(choices, name, counts, last_year):
    """One row a choice (its value as ``name``): its count this year and last."""
    return [
        {
            name: value,
            "label": label,
            "count": counts.get(value, 0),
            "last_year": last_year.get(value, 0),
        }
        for value, label in choices
    ]


def supervision_statistics(*, user, year):
    """All figures of `year` and the year before, for the statistics page and export."""
    years = (year, year - 1)
    petitions = petitions_visible_to(user)
    outcomes = Outcome.objects.filter(petition__in=petitions)
    by_source = _petition_figures(petitions, years)
    outcome_rows = _outcome_figures(outcomes, years)
    clue_totals = _clue_figures(clues_visible_to(user), years)

    figures = {}
    for y in years:
        f = YearFigures(year=y)
        for row in by_source.values():
            f.received += row[f"received_{y}"]
            f.accepted += row[f"accepted_{y}"]
            f.refused += row[f"refused_{y}"]
            f.registered += row[f"registered_{y}"]
        review_total, weight = datetime.timedelta(0), 0
        for row in outcome_rows:
            kind, result = row["kind"], row["court_result"]
            issued = row[f"issued_{y}"]
            f.issued += issued
            f.outcomes[kind] = f.outcomes.get(kind, 0) + issued
            if kind == Outcome.Kind.SETTLEMENT:
                f.settlements += issued
            if result and row[f"concluded_{y}"]:
                f.retrials_concluded += row[f"concluded_{y}"]
                f.court_results[result] = (
                    f.court_results.get(result, 0) + row[f"concluded_{y}"]
                )
                if result == Outcome.CourtResult.CHANGED:
                    f.changed += row[f"concluded_{y}"]
            f.suggestions_answered += row[f"answered_{y}"]
            f.suggestions_adopted += row[f"adopted_{y}"]
            if row[f"review_{y}"] is not None and issued:
                review_total += row[f"review_{y}"]
                weight += issued
        f.review_days = _days(review_total / weight) if weight else None
        f.clues_registered = clue_totals[f"registered_{y}"]
        f.clues_concluded = clue_totals[f"concluded_{y}"]
        f.clues_became_case = clue_totals[f"became_{y}"]
        figures[y] = f

    current, previous = figures[year], figures[year - 1]
    sources = [
        {
            "source": value,
            "label": label,
            **{
                key: by_source.get(value, {}).get(f"{key}_{year}", 0)
                for key in ("received", "accepted", "refused", "registered")
            },
            "received_last_year": by_source.get(value, {}).get(
                f"received_{year - 1}", 0
            ),
        }
        for value, label in Source.choices
    ]
    outcomes_table = _by_choice(
        Outcome.Kind.choices, "kind", current.outcomes, previous.outcomes
    )
    court_table = _by_choice(
        Outcome.CourtResult.choices,
        "result",
        current.court_results,
        previous.court_results,
    )
    year_on_year = []
    for key, label, unit in COMPARED:
        now, before = getattr(current, key), getattr(previous, key)
        if unit == "count":
            difference = change(now, before)
        else:  # rates and days: the plain difference (points, days)
            difference = None if now is None or before is None else now - before
        year_on_year.append(
            {
                "key": key,
                "label": label,
                "unit": unit,
                "current": now,
                "previous": before,
                "change": difference,
            }
        )
    return {
        "year": year,
        "current": current,
        "previous": previous,
        "sources": sources,
        "outcomes": outcomes_table,
        "court_results": court_table,
        "year_on_year": year_on_year,
        "handlers": handler_load(user=user, year=year),
    }
