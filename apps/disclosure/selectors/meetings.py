from django.db.models import Count, Prefetch, Q

from apps.core.scoping import (
    get_scoped_or_404,
    scope_to_procuratorate,
    user_procuratorate_id,
)

from ..models import MeetingQuestion, OfficeMeeting, ServiceStep


def meeting_list(*, user):
    """Meetings newest first, with their question counts; one query."""
    return (
        scope_to_procuratorate(OfficeMeeting.objects.all(), user)
        .annotate(
            question_count=Count("questions"),
            open_count=Count("questions", filter=Q(questions__answer="")),
        )
        .order_by("-held_on", "-id")
    )


def meeting_question_detail(*, user, pk):
    """One question raised at a meeting of the user's procuratorate, with it."""
    return get_scoped_or_404(
        MeetingQuestion.objects.select_related("meeting"),
        user,
        field="meeting__procuratorate",
        pk=pk,
    )


def meeting_detail(*, user, pk):
    """A meeting with its questions; for a liaison meeting also the refusals
    and deferrals since the previous one, which it must report (第6篇)."""
    meeting = get_scoped_or_404(
        OfficeMeeting.objects.select_related("recorded_by__staff").prefetch_related(
            Prefetch(
                "questions",
                queryset=MeetingQuestion.objects.select_related(
                    "department", "answered_by__staff"
                ).order_by("id"),
            )
        ),
        user,
        pk=pk,
    )
    refusals = []
    if meeting.kind == OfficeMeeting.Kind.LIAISON:
        previous = (
            OfficeMeeting.objects.filter(
                procuratorate_id=meeting.procuratorate_id,
                kind=OfficeMeeting.Kind.LIAISON,
                held_on__lt=meeting.held_on,
            )
            .order_by("-held_on")
            .values_list("held_on", flat=True)
            .first()
        )
        steps = ServiceStep.objects.filter(
            request__procuratorate_id=user_procuratorate_id(user),
            outcome__in=[ServiceStep.Outcome.REJECTED, ServiceStep.Outcome.DEFERRED],
            done_at__date__lte=meeting.held_on,
        )
        if previous:
            steps = steps.filter(done_at__date__gt=previous)
        refusals = list(steps.select_related("request__department").order_by("done_at"))
    return meeting, refusals
