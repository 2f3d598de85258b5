"""Reads for integrity culture: scoped to the user's procuratorate, fixed query
counts."""

import datetime

from django.db.models import Avg, Count, F, Max, Prefetch, Q, Sum, Window
from django.db.models.functions import Rank
from django.utils import timezone

from apps.core.models import Staff
from apps.core.scoping import get_scoped_or_404, scope_to_procuratorate

from .models import (
    Activity,
    Answer,
    Attempt,
    Choice,
    Entry,
    Exemplar,
    IntegrityPlan,
    JudgedContest,
    JudgeScore,
    Participation,
    Question,
    Quiz,
    QuizQuestion,
    Remark,
)


def question_list(*, user, kind=None, query=""):
    qs = scope_to_procuratorate(Question.objects.all(), user).annotate(
        option_count=Count("choices")
    )
    if kind:
        qs = qs.filter(kind=kind)
    if query:
        qs = qs.filter(Q(text__icontains=query) | Q(topic__icontains=query))
    return qs.order_by("kind", "-created_at")


def question_detail(*, user, pk):
    return get_scoped_or_404(Question.objects.prefetch_related("choices"), user, pk=pk)


def quiz_list(*, user):
    """Contests of the procuratorate with the user's own attempt (two queries)."""
    own = Attempt.objects.filter(user=user)
    return (
        scope_to_procuratorate(Quiz.objects.all(), user)
        .select_related("organiser__staff")
        .annotate(
            question_count=Count("quiz_questions", distinct=True),
            participant_count=Count(
                "attempts", filter=~Q(attempts__status="in_progress"), distinct=True
            ),
        )
        .prefetch_related(Prefetch("attempts", queryset=own, to_attr="own_attempts"))
        .order_by("-opens_at", "-id")
    )


def quiz_detail(*, user, pk):
    return get_scoped_or_404(
        Quiz.objects.select_related("organiser__staff").annotate(
            question_count=Count("quiz_questions"),
            points_total=Sum("quiz_questions__points"),
        ),
        user,
        pk=pk,
    )


def attempt_for_taking(attempt):
    """The attempt's questions in its own order, with option texts only.

    Nothing here says which option is correct: the page must not carry it.
    """
    quiz_questions = {
        qq.pk: qq
        for qq in QuizQuestion.objects.filter(quiz_id=attempt.quiz_id)
        .select_related("question")
        .prefetch_related(
            Prefetch(
                "question__choices",
                queryset=Choice.objects.only("pk", "question_id", "order", "text"),
            )
        )
    }
    saved = dict(attempt.answers.values_list("quiz_question_id", "selected"))
    items = []
    for number, qq_id in enumerate(attempt.question_order, start=1):
        qq = quiz_questions[qq_id]
        items.append(
            {
                "number": number,
                "id": qq.pk,
                "kind": qq.question.kind,
                "kind_label": qq.question.get_kind_display(),
                "text": qq.question.text,
                "points": qq.points,
                "options": [
                    {"id": c.pk, "letter": c.letter, "text": c.text}
                    for c in qq.question.choices.all()
                ],
                "selected": set(saved.get(qq.pk, [])),
            }
        )
    return items


def attempt_review(attempt):
    """After the contest: each question with the options chosen and the correct ones."""
    answers = {a.quiz_question_id: a for a in Answer.objects.filter(attempt=attempt)}
    quiz_questions = {
        qq.pk: qq
        for qq in QuizQuestion.objects.filter(quiz_id=attempt.quiz_id)
        .select_related("question")
        .prefetch_related("question__choices")
    }
    rows = []
    for number, qq_id in enumerate(attempt.question_order, start=1):
        qq = quiz_questions[qq_id]
        answer = answers.get(qq_id)
        selected = set(answer.selected) if answer else set()
        rows.append(
            {
                "number": number,
                "question": qq.question,
                "points": qq.points,
                "earned": answer.points if answer else 0,
                "is_correct": bool(answer and answer.is_correct),
                "options": [
                    {"choice": c, "chosen": c.pk in selected}
                    for c in qq.question.choices.all()
                ],
            }
        )
    return rows


def person_ranking(*, quiz):
    """Finished attempts ranked by score, then by time used (one query)."""
    return (
        Attempt.objects.filter(quiz=quiz)
        .exclude(status=Attempt.Status.IN_PROGRESS)
        .select_related("user__staff", "department")
        .annotate(
            used=F("finished_at") - F("started_at"),
            rank=Window(Rank(), order_by=[F("score").desc()]),
        )
        .order_by("-score", "used", "user__staff__name")
    )


def department_ranking(*, quiz):
    """Departments by average score, with participants and participation rate.

    Two queries: attempts grouped by department, staff counted by department.
    """
    rows = list(
        Attempt.objects.filter(quiz=quiz)
        .exclude(status=Attempt.Status.IN_PROGRESS)
        .values("department_id", "department__name")
        .annotate(
            participants=Count("id"),
            average=Avg("score"),
            best=Max("score"),
        )
        .order_by("-average", "department__name")
    )
    staff = dict(
        Staff.objects.filter(
            procuratorate_id=quiz.procuratorate_id, user__is_active=True
        )
        .values("department_id")
        .annotate(n=Count("id"))
        .values_list("department_id", "n")
    )
    previous, rank = None, 0
    for position, row in enumerate(rows, start=1):
        average = round(row["average"] or 0, 1)
        if average != previous:
            rank, previous = position, average
        row["rank"] = rank
        row["average"] = average
        total = staff.get(row["department_id"]) or 0
        row["staff"] = total
        row["participation"] = (
            round(100 * row["participants"] / total, 1) if total else None
        )
    return rows


# ------------------------------------------------------------ plan and activities
OVERLOAD_MIN_CAMPAIGNS = 2
HEAVY_CAMPAIGNS = 3


def plan_list(*, user):
    return (
        scope_to_procuratorate(IntegrityPlan.objects.all(), user)
        .select_related("drafted_by__staff", "approved_by__staff")
        .annotate(
            campaign_count=Count("campaigns", distinct=True),
            activity_count=Count("activities", distinct=True),
        )
        .order_by("-year")
    )


def plan_detail(*, user, pk):
    return get_scoped_or_404(
        IntegrityPlan.objects.select_related(
            "drafted_by__staff", "approved_by__staff"
        ).prefetch_related(
            "campaigns",
            Prefetch(
                "activities",
                queryset=Activity.objects.select_related("organiser", "campaign")
                .prefetch_related("audience")
                .annotate(
                    signed=Count(
                        "participations",
                        filter=Q(participations__signed_up_at__isnull=False),
                    ),
                    present=Count(
                        "participations", filter=Q(participations__attended=True)
                    ),
                ),
            ),
        ),
        user,
        pk=pk,
    )


def _monday(day):
    return day - datetime.timedelta(days=day.weekday())


def plan_overload(plan):
    """The weeks where campaigns of different sources run at the same time.

    A week is overloaded when at least two campaigns run in it and they come
    from at least two sources (the essay: national political-legal, local
    party and theme-education campaigns in one year); "heavy" from three.
    Returns {"weeks": [...], "spans": [...]}: each week with its campaigns,
    and runs of consecutive overloaded weeks for the warning. Two queries.
    """
    campaigns = list(plan.campaigns.all())
    activity_days = list(plan.activities.values_list("held_on", flat=True))
    if not campaigns:
        return {"weeks": [], "spans": []}
    activities_by_week = {}
    for day in activity_days:
        activities_by_week[_monday(day)] = activities_by_week.get(_monday(day), 0) + 1
    first = _monday(min(c.starts_on for c in campaigns))
    last = max(c.ends_on for c in campaigns)
    weeks = []
    monday = first
    while monday <= last:
        sunday = monday + datetime.timedelta(days=6)
        running = [
            c for c in campaigns if c.starts_on <= sunday and c.ends_on >= monday
        ]
        sources = {c.source for c in running}
        if len(running) >= OVERLOAD_MIN_CAMPAIGNS and len(sources) >= 2:
            weeks.append(
                {
                    "monday": monday,
                    "sunday": sunday,
                    "campaigns": running,
                    "sources": sorted(sources),
                    "activities": activities_by_week.get(monday, 0),
                    "heavy": len(running) >= HEAVY_CAMPAIGNS,
                }
            )
        monday += datetime.timedelta(days=7)
    spans = []
    for week in weeks:
        if spans and spans[-1]["last"] + datetime.timedelta(days=1) == week["monday"]:
            span = spans[-1]
            span["last"] = week["sunday"]
            span["weeks"] += 1
            span["campaigns"] |= {c.pk: c for c in week["campaigns"]}
            span["heavy"] = span["heavy"] or week["heavy"]
        else:
            spans.append(
                {
                    "first": week["monday"],
                    "last": week["sunday"],
                    "weeks": 1,
                    "campaigns": {c.pk: c for c in week["campaigns"]},
                    "heavy": week["heavy"],
                }
            )
    for span in spans:
        span["campaigns"] = sorted(
            span["campaigns"].values(), key=lambda c: c.starts_on
        )
    return {"weeks": weeks, "spans": spans}


def activity_list(*, user, upcoming_only=False):
    qs = (
        scope_to_procuratorate(Activity.objects.all(), user)
        .select_related("organiser", "plan", "campaign")
        .annotate(
            signed=Count(
                "participations",
                filter=Q(participations__signed_up_at__isnull=False),
            )
        )
        .prefetch_related(
            Prefetch(
                "participations",
                queryset=Participation.objects.filter(user=user),
                to_attr="own",
            )
        )
    )
    if upcoming_only:
        qs = qs.filter(held_on__gte=timezone.localdate(), state=Activity.State.PLANNED)
    return qs.order_by("held_on", "id")


def activity_detail(*, user, pk):
    return get_scoped_or_404(
        Activity.objects.select_related("organiser", "plan", "campaign", "quiz")
        .prefetch_related("audience")
        .annotate(
            signed=Count(
                "participations",
                filter=Q(participations__signed_up_at__isnull=False),
            )
        ),
        user,
        pk=pk,
    )


def activity_participants(activity):
    return list(
        Participation.objects.filter(activity=activity).select_related(
            "user__staff", "department"
        )
    )


# -------------------------------------------------------- outside supervision
def remark_list(*, user, state=""):
    """Remarks for discipline inspection and leadership; one query."""
    qs = scope_to_procuratorate(Remark.objects.all(), user).select_related(
        "concerned_department", "concerned_staff", "assignee__staff"
    )
    if state == "open":
        qs = qs.exclude(state=Remark.State.CLOSED)
    elif state:
        qs = qs.filter(state=state)
    return qs.order_by("-year", "-sequence")


def remark_detail(*, user, pk):
    return get_scoped_or_404(
        Remark.objects.select_related(
            "concerned_department",
            "concerned_staff",
            "assignee__staff",
            "recorded_by__staff",
            "closed_by__staff",
        ),
        user,
        pk=pk,
    )


def remark_statistics(*, user, year):
    """Remarks of a year by finding, with answers on time (one query)."""
    return (
        scope_to_procuratorate(Remark.objects.all(), user)
        .filter(year=year)
        .aggregate(
            total=Count("id"),
            closed=Count("id", filter=Q(state=Remark.State.CLOSED)),
            substantiated=Count(
                "id",
                filter=Q(
                    finding__in=[Remark.Finding.SUBSTANTIATED, Remark.Finding.PARTLY]
                ),
            ),
            answered=Count("id", filter=Q(answered_at__isnull=False)),
            on_time=Count("id", filter=Q(answered_at__lte=F("due_at"))),
        )
    )


def discipline_staff(*, user):
    return (
        scope_to_procuratorate(Staff.objects.all(), user)
        .filter(department__code="discipline", user__is_active=True)
        .select_related("user")
        .order_by("name")
    )


# ------------------------------------------------------------------ exemplars
def exemplar_list(*, user, include_drafts=False):
    qs = scope_to_procuratorate(Exemplar.objects.all(), user).select_related(
        "staff__department"
    )
    if not include_drafts:
        qs = qs.filter(is_published=True)
    return qs.order_by("-published_at", "-created_at")


def exemplar_detail(*, user, pk):
    return get_scoped_or_404(
        Exemplar.objects.select_related("staff__department", "created_by__staff"),
        user,
        pk=pk,
    )


# ----------------------------------------------------------- judged contests
def contest_list(*, user):
    return (
        scope_to_procuratorate(JudgedContest.objects.all(), user)
        .annotate(entry_count=Count("entries", distinct=True))
        .order_by("-entries_close_on", "-id")
    )


def contest_detail(*, user, pk):
    return get_scoped_or_404(
        JudgedContest.objects.select_related(
            "organiser__staff", "activity"
        ).prefetch_related("criteria", "judges__staff"),
        user,
        pk=pk,
    )


def contest_entries(contest):
    return list(
        Entry.objects.filter(contest=contest)
        .select_related("author__staff", "department")
        .order_by("rank", "id")
    )


def judge_sheet(contest, judge):
    """Each entry with this judge's scores by criterion, for the scoring page."""
    criteria = list(contest.criteria.all())
    mine = {
        (s.entry_id, s.criterion_id): s.score
        for s in JudgeScore.objects.filter(entry__contest=contest, judge=judge)
    }
    rows = []
    for entry in Entry.objects.filter(contest=contest).order_by("id"):
        cells = [(c, mine.get((entry.pk, c.pk))) for c in criteria]
        rows.append(
            {
                "entry": entry,
                "cells": cells,
                "done": all(v is not None for _c, v in cells),
                "total": sum(v for _c, v in cells if v is not None),
            }
        )
    return rows


def board_summary(*, user):
    """For the leadership board: this year's plan, open remarks, coming activities.

    Five queries whatever the data size (plan, its campaigns and activities for
    the overload, remarks, activities).
    """
    today = timezone.localdate()
    plan = (
        scope_to_procuratorate(IntegrityPlan.objects.all(), user)
        .filter(year=today.year)
        .first()
    )
    remarks = (
        scope_to_procuratorate(Remark.objects.all(), user)
        .exclude(state=Remark.State.CLOSED)
        .aggregate(
            open=Count("id"),
            overdue=Count(
                "id",
                filter=Q(answered_at__isnull=True, due_at__lt=timezone.now()),
            ),
        )
    )
    upcoming = (
        scope_to_procuratorate(Activity.objects.all(), user)
        .filter(held_on__gte=today, state=Activity.State.PLANNED)
        .count()
    )
    return {
        "plan": plan,
        "overload_weeks": len(plan_overload(plan)["weeks"]) if plan else 0,
        "remarks_open": remarks["open"],
        "remarks_overdue": remarks["overdue"],
        "upcoming": upcoming,
    }
