"""Pages for meetings and their agenda items: attendance, sitting in, recusal,
opinions, votes, decisions, and the minutes."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from apps.core.selectors import staff_list

from .. import selectors, services
from ..documents import minutes_pdf as render_minutes_pdf
from ..forms import (
    AgendaAddForm,
    AttendanceForm,
    BallotCountForm,
    DecisionForm,
    MeetingForm,
    MinutesForm,
    NamedVotesForm,
    OpinionForm,
    PgDecisionForm,
    ReasonForm,
    RecusalForm,
    StaffPickForm,
    VotingOpenForm,
    vote_choices,
)
from ..models import AgendaItem, Ballot, BodyKind, Meeting, Minutes, Resolution
from ..roster import meeting_day, member_ids_on
from ._common import attempt, check, load, pdf_response

LIVE = (Meeting.State.PLANNED, Meeting.State.IN_SESSION)


@permission_required("meetings.use", raise_exception=True)
def meeting_list(request):
    body_kind = request.GET.get("body") or None
    if body_kind not in (None, *BodyKind.values):
        body_kind = None
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "meetings": selectors.meeting_list(user=request.user, body_kind=body_kind)[
                :200
            ],
            "body_kinds": BodyKind.choices,
            "body_kind": body_kind,
            "can_add": request.user.has_perm("meetings.add_meeting"),
        },
    )


@permission_required("meetings.add_meeting", raise_exception=True)
def meeting_create(request):
    bodies = [
        b
        for b in selectors.body_list(user=request.user)
        if request.user.has_perm("meetings.manage_meeting", b)
    ]
    body_qs = selectors.body_list(user=request.user).filter(
        pk__in=[b.pk for b in bodies]
    )
    form = MeetingForm(request.POST or None, bodies=body_qs)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        meeting = attempt(
            request,
            lambda: services.meeting_create(
                actor=request.user,
                body=d["body"],
                title=d["title"],
                scheduled_at=d["scheduled_at"],
                location=d["location"],
            ),
            form,
        )
        if meeting:
            messages.success(request, _("The meeting was called."))
            return redirect(meeting)
    return render(request, "meetings/meeting_form.html", {"form": form})


def _meeting_page(request, meeting, forms=None):
    forms = forms or {}
    user = request.user
    record = selectors.meeting_record(meeting)
    minutes = record.minutes
    locked = bool(minutes and minutes.state == Minutes.State.APPROVED)
    can_manage = user.has_perm("meetings.manage_meeting", meeting) and not locked
    live = meeting.state in LIVE
    context = {
        "meeting": meeting,
        "record": record,
        "minutes": minutes,
        "locked": locked,
        "can_manage": can_manage,
        "can_open": can_manage and meeting.state == Meeting.State.PLANNED,
        "can_close": can_manage and meeting.state == Meeting.State.IN_SESSION,
        "can_approve_minutes": bool(
            minutes
            and minutes.state == Minutes.State.SUBMITTED
            and user.has_perm("meetings.approve_minutes", minutes)
        ),
        "can_edit_minutes": bool(
            can_manage and minutes and minutes.state == Minutes.State.DRAFT
        ),
    }
    if can_manage and live:
        context["agenda_form"] = forms.get("agenda_add") or AgendaAddForm(
            prefix="agenda", topics=selectors.topics_to_schedule(meeting)
        )
        context["attendance_form"] = forms.get("attendance") or AttendanceForm(
            prefix="attendance", members=record.members
        )
    if context["can_edit_minutes"]:
        context["minutes_form"] = forms.get("minutes_update") or MinutesForm(
            prefix="minutes", initial={"summary": minutes.summary}
        )
    if context["can_approve_minutes"]:
        context["minutes_return_form"] = forms.get("minutes_return") or ReasonForm(
            prefix="minutes_return"
        )
    return render(request, "meetings/meeting_detail.html", context)


def meeting_detail(request, pk):
    meeting = load(Meeting, request, pk)
    check(request, "meetings.view_meeting", meeting)
    return _meeting_page(request, meeting)


def _minutes_of(meeting):
    try:
        return meeting.minutes
    except Minutes.DoesNotExist as exc:
        raise Http404 from exc


@require_POST
def meeting_action(request, pk, action):
    meeting = load(Meeting, request, pk)
    user = request.user
    form = None
    if action == "agenda_add":
        check(request, "meetings.manage_meeting", meeting)
        form = AgendaAddForm(
            request.POST, prefix="agenda", topics=selectors.topics_to_schedule(meeting)
        )
        call = lambda d: services.agenda_add(  # noqa: E731
            actor=user, meeting=meeting, topic=d["topic"]
        )
        success = _("The topic was put on the agenda.")
    elif action == "attendance":
        check(request, "meetings.manage_meeting", meeting)
        record = selectors.meeting_record(meeting)
        form = AttendanceForm(request.POST, prefix="attendance", members=record.members)
        call = lambda d: services.attendance_record(  # noqa: E731
            actor=user, meeting=meeting, entries=form.entries()
        )
        success = _("Attendance was recorded.")
    elif action in ("open", "close"):
        check(request, "meetings.manage_meeting", meeting)
        service = services.meeting_open if action == "open" else services.meeting_close
        call = lambda d: service(actor=user, meeting=meeting)  # noqa: E731
        success = (
            _("The meeting is in session.")
            if action == "open"
            else _("The meeting is closed; the minutes can now be drafted.")
        )
    elif action == "minutes_update":
        minutes = _minutes_of(meeting)
        check(request, "meetings.manage_meeting", minutes)
        form = MinutesForm(request.POST, prefix="minutes")
        call = lambda d: services.minutes_update(  # noqa: E731
            actor=user, minutes=minutes, summary=d["summary"]
        )
        success = _("The minutes were saved.")
    elif action == "minutes_submit":
        minutes = _minutes_of(meeting)
        check(request, "meetings.manage_meeting", minutes)
        call = lambda d: services.minutes_submit(  # noqa: E731
            actor=user, minutes=minutes
        )
        success = _("The minutes were submitted to the procurator-general.")
    elif action == "minutes_return":
        minutes = _minutes_of(meeting)
        check(request, "meetings.approve_minutes", minutes)
        form = ReasonForm(request.POST, prefix="minutes_return")
        call = lambda d: services.minutes_return(  # noqa: E731
            actor=user, minutes=minutes, reason=d["reason"]
        )
        success = _("The minutes were returned.")
    elif action == "minutes_approve":
        minutes = _minutes_of(meeting)
        check(request, "meetings.approve_minutes", minutes)
        call = lambda d: services.minutes_approve(  # noqa: E731
            actor=user, minutes=minutes
        )
        success = _("The minutes are approved and locked.")
    else:
        raise Http404
    valid = form is None or form.is_valid()
    data = form.cleaned_data if form is not None and valid else {}
    if valid and attempt(request, lambda: call(data), form):
        messages.success(request, success)
        return redirect(meeting)
    meeting.refresh_from_db()
    return _meeting_page(request, meeting, {action: form} if form else None)


def minutes_pdf(request, pk):
    """The minutes: the approved, kept PDF once approved; else a fresh draft."""
    meeting = load(Meeting, request, pk)
    check(request, "meetings.view_meeting", meeting)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None and minutes.state == Minutes.State.APPROVED and minutes.pdf:
        with minutes.pdf.open("rb") as f:
            content = f.read()
    else:
        content = render_minutes_pdf(meeting)
    return pdf_response(content, f"minutes-{meeting.pk}.pdf")


# ------------------------------------------------------------------ items


def _item_page(request, item, forms=None):
    forms = forms or {}
    user = request.user
    item = selectors.item_record(item)
    meeting = item.meeting
    body = meeting.body
    roll = item.roll
    locked = Minutes.objects.filter(
        meeting=meeting, state=Minutes.State.APPROVED
    ).exists()
    can_manage = user.has_perm("meetings.manage_meeting", item) and not locked
    pending = item.status == AgendaItem.Status.PENDING
    voting = item.status == AgendaItem.Status.VOTING
    in_session = meeting.state == Meeting.State.IN_SESSION
    live = meeting.state in LIVE
    context = {
        "item": item,
        "meeting": meeting,
        "body": body,
        "roll": roll,
        "can_manage": can_manage,
        "resolution": Resolution.objects.filter(item=item).first(),
    }
    if pending and live and not locked:
        if user.has_perm("meetings.decide_sitting_in", item):
            members = member_ids_on(body, meeting_day(meeting))
            sitting = {s.staff_id for s in item.sitting_in.all()}
            context["sit_in_form"] = forms.get("sit_in") or StaffPickForm(
                prefix="sit_in",
                staff=staff_list(user=user).exclude(pk__in=members | sitting),
            )
        if can_manage:
            spoken = {o.staff_id for o in item.opinions.all()}
            eligible = [m.staff_id for m in roll.members if m.staff_id not in spoken]
            recused = {r.staff_id for r in item.recusals.all()}
            context["recusal_form"] = forms.get("recusal") or RecusalForm(
                prefix="recusal",
                staff=staff_list(user=user).filter(
                    pk__in=[pk for pk in eligible if pk not in recused]
                ),
            )
            context["carry_form"] = forms.get("carry") or ReasonForm(prefix="carry")
    if pending and in_session and can_manage and item.next_speaker:
        context["opinion_form"] = forms.get("opinion") or OpinionForm(
            prefix="opinion", initial={"speaker": item.next_speaker.staff_id}
        )
    if pending and in_session and can_manage and body.votes:
        context["voting_open_form"] = forms.get("voting_open") or VotingOpenForm(
            prefix="voting_open", initial={"ballot": body.default_ballot}
        )
    if voting and can_manage:
        if item.ballot == Ballot.NAMED:
            context["votes_form"] = forms.get("votes") or NamedVotesForm(
                prefix="votes",
                participants=roll.participants,
                choices=vote_choices(item.topic.is_personnel),
                current=item.vote_by_voter,
            )
        else:
            context["count_form"] = forms.get("count") or BallotCountForm(
                prefix="count",
                personnel=item.topic.is_personnel,
                initial={
                    "agree": item.agree_count,
                    "disagree": item.disagree_count,
                    "abstain": item.abstain_count,
                    "postpone": item.postpone_count,
                },
            )
        context["close_form"] = forms.get("close") or DecisionForm(prefix="close")
    if (
        pending
        and in_session
        and body.kind == BodyKind.OFFICE
        and not locked
        and user.has_perm("meetings.decide_office_item", item)
    ):
        context["pg_form"] = forms.get("pg_decide") or PgDecisionForm(
            prefix="pg_decide"
        )
    return render(request, "meetings/item_detail.html", context)


def _load_item(request, pk):
    return load(AgendaItem, request, pk, field="meeting__procuratorate")


def item_detail(request, pk):
    item = _load_item(request, pk)
    check(request, "meetings.view_meeting", item.meeting)
    return _item_page(request, item)


def _staff_of_procuratorate(request, pk):
    return staff_list(user=request.user).filter(pk=pk).first()


@require_POST
def item_action(request, pk, action):
    item = _load_item(request, pk)
    user = request.user
    form = None
    if action == "sit_in":
        check(request, "meetings.decide_sitting_in", item)
        form = StaffPickForm(request.POST, prefix="sit_in", staff=staff_list(user=user))
        call = lambda d: services.sitting_in_allow(  # noqa: E731
            actor=user, item=item, staff=d["staff"]
        )
        success = _("The person may sit in on this topic, without a vote.")
    elif action == "recusal":
        check(request, "meetings.manage_meeting", item)
        form = RecusalForm(request.POST, prefix="recusal", staff=staff_list(user=user))
        call = lambda d: services.recusal_record(  # noqa: E731
            actor=user, item=item, staff=d["staff"], reason=d["reason"]
        )
        success = _("The recusal was recorded.")
    elif action == "opinion":
        check(request, "meetings.manage_meeting", item)
        form = OpinionForm(request.POST, prefix="opinion")

        def call(d):
            speaker = _staff_of_procuratorate(request, d["speaker"])
            if speaker is None:
                raise Http404
            return services.opinion_record(
                actor=user, item=item, speaker=speaker, text=d["text"]
            )

        success = _("The opinion was recorded.")
    elif action == "carry":
        check(request, "meetings.manage_meeting", item)
        form = ReasonForm(request.POST, prefix="carry")
        call = lambda d: services.item_carry_over(  # noqa: E731
            actor=user, item=item, reason=d["reason"]
        )
        success = _("The topic was carried to a later meeting.")
    elif action == "voting_open":
        check(request, "meetings.manage_meeting", item)
        form = VotingOpenForm(request.POST, prefix="voting_open")
        call = lambda d: services.voting_open(  # noqa: E731
            actor=user, item=item, ballot=d["ballot"]
        )
        success = _("Voting is open.")
    elif action == "votes":
        check(request, "meetings.manage_meeting", item)
        roll_item = selectors.item_record(item)
        form = NamedVotesForm(
            request.POST,
            prefix="votes",
            participants=roll_item.roll.participants,
            choices=vote_choices(item.topic.is_personnel),
            current=roll_item.vote_by_voter,
        )
        call = lambda d: services.vote_record(  # noqa: E731
            actor=user, item=item, votes=form.votes()
        )
        success = _("The votes were recorded.")
    elif action == "count":
        check(request, "meetings.manage_meeting", item)
        form = BallotCountForm(
            request.POST, prefix="count", personnel=item.topic.is_personnel
        )
        call = lambda d: services.ballot_count_record(  # noqa: E731
            actor=user,
            item=item,
            agree=d["agree"],
            disagree=d["disagree"],
            abstain=d["abstain"],
            postpone=d.get("postpone") or 0,
        )
        success = _("The count was recorded.")
    elif action == "close":
        check(request, "meetings.manage_meeting", item)
        form = DecisionForm(request.POST, prefix="close")
        call = lambda d: services.voting_close(  # noqa: E731
            actor=user, item=item, decision_text=d["decision_text"]
        )
        success = _("Voting is closed and the resolution recorded.")
    elif action == "pg_decide":
        check(request, "meetings.decide_office_item", item)
        form = PgDecisionForm(request.POST, prefix="pg_decide")
        call = lambda d: services.item_decide_by_pg(  # noqa: E731
            actor=user,
            item=item,
            adopted=d["adopted"],
            decision_text=d["decision_text"],
        )
        success = _("The decision was recorded.")
    else:
        raise Http404
    if form.is_valid():
        result = attempt(request, lambda: call(form.cleaned_data), form)
        if result:
            messages.success(request, success)
            return redirect(item)
    item.refresh_from_db()
    return _item_page(request, item, {action: form})
