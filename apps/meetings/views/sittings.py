"""Pages for meetings, their minutes and their agenda items: attendance,
sitting in, recusal, opinions, votes and decisions.

Each kind of object has one ActionSet: what may be done to it, by whom, with
which form and which service. The pages show what `.offered()` returns; the
one POST endpoint per kind always redirects back to the page.
"""

from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from apps.core.actions import Action, ActionSet, calls
from apps.core.selectors import staff_list
from apps.core.uploads import file_response

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
from ._common import (
    form_page,
    list_filter,
    load,
    offer_cards,
    offers_by_name,
    pdf_response,
)


@permission_required("meetings.use", raise_exception=True)
def meeting_list(request):
    body = list_filter(
        request,
        "body",
        BodyKind.choices,
        label=pgettext("meetings", "Body"),
        everything=_("All bodies"),
    )
    meetings = selectors.meeting_list(user=request.user, body_kind=body.value)
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "meetings": meetings[:200],
            "filters": [body],
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
    return form_page(
        request,
        form,
        "meetings/meeting_form.html",
        lambda d: services.meeting_create(
            actor=request.user,
            body=d["body"],
            title=d["title"],
            scheduled_at=d["scheduled_at"],
            location=d["location"],
        ),
        done=_("The meeting was called."),
    )


# ------------------------------------------------------------------ meetings


def _load_meeting(request, pk):
    return load(Meeting, request, pk, perm="meetings.view_meeting")


MEETING_ACTIONS = ActionSet(
    "meetings:meeting_action",
    load=_load_meeting,
    actions=[
        Action(
            "open",
            _("Open the meeting"),
            transition="open",
            style="success",
            run=calls(services.meeting_open, "meeting"),
            done=_("The meeting is in session."),
        ),
        Action(
            "close",
            _("Close the meeting"),
            transition="close",
            style="outline-dark",
            run=calls(services.meeting_close, "meeting"),
            done=_("The meeting is closed; the minutes can now be drafted."),
        ),
        Action(
            "agenda_add",
            _("Put on the agenda"),
            perm="meetings.manage_meeting",
            form=AgendaAddForm,
            form_kwargs=lambda request, meeting: {
                "topics": selectors.topics_to_schedule(meeting)
            },
            style="outline-primary",
            run=calls(services.agenda_add, "meeting", "topic"),
            done=_("The topic was put on the agenda."),
        ),
        Action(
            "attendance",
            _("Record attendance"),
            perm="meetings.manage_meeting",
            form=AttendanceForm,
            form_kwargs=lambda request, meeting: {
                "members": selectors.meeting_record(meeting).members
            },
            run=calls(services.attendance_record, "meeting", "entries"),
            done=_("Attendance was recorded."),
        ),
    ],
)


def _load_minutes(request, pk):
    minutes = load(Minutes, request, pk)
    _load_meeting(request, minutes.meeting_id)
    return minutes


MINUTES_ACTIONS = ActionSet(
    "meetings:minutes_action",
    load=_load_minutes,
    actions=[
        # The text may be edited exactly while the minutes may be submitted.
        Action(
            "update",
            _("Save the minutes"),
            transition="submit",
            form=MinutesForm,
            form_kwargs=lambda request, minutes: {
                "initial": {"summary": minutes.summary}
            },
            style="outline-primary",
            run=calls(services.minutes_update, "minutes", "summary"),
            done=_("The minutes were saved."),
        ),
        Action(
            "submit",
            _("Submit for approval"),
            transition="submit",
            run=calls(services.minutes_submit, "minutes"),
            done=_("The minutes were submitted to the procurator-general."),
        ),
        Action(
            "approve",
            _("Approve and lock the minutes"),
            transition="approve",
            style="success",
            run=calls(services.minutes_approve, "minutes"),
            done=_("The minutes are approved and locked."),
        ),
        Action(
            "return",
            _("Return the minutes"),
            transition="send_back",
            form=ReasonForm,
            style="outline-danger",
            run=calls(services.minutes_return, "minutes", "reason"),
            done=_("The minutes were returned."),
        ),
    ],
)


def meeting_detail(request, pk):
    meeting = _load_meeting(request, pk)
    record = selectors.meeting_record(meeting)
    minutes = record.minutes
    locked = bool(minutes and minutes.state == Minutes.State.APPROVED)
    only = None if meeting.takes_business and not locked else ["open", "close"]
    context = {
        "meeting": meeting,
        "record": record,
        "minutes": minutes,
        "locked": locked,
        "actions": offers_by_name(MEETING_ACTIONS.offered(request, meeting, only=only)),
        "minutes_actions": offers_by_name(
            MINUTES_ACTIONS.offered(request, minutes) if minutes else []
        ),
    }
    return render(request, "meetings/meeting_detail.html", context)


def minutes_pdf(request, pk):
    """The minutes: the approved, kept PDF once approved; else a fresh draft."""
    meeting = _load_meeting(request, pk)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    filename = f"minutes-{meeting.pk}.pdf"
    if minutes is not None and minutes.state == Minutes.State.APPROVED and minutes.pdf:
        return file_response(minutes.pdf, filename=filename, confidential=True)
    return pdf_response(render_minutes_pdf(meeting), filename)


# ------------------------------------------------------------------ items


def _load_item(request, pk):
    item = load(AgendaItem, request, pk, field="meeting__procuratorate")
    _load_meeting(request, item.meeting_id)
    return item


def _record(item):
    """The item with its roll, as the page has it; loaded when the POST needs it."""
    return item if hasattr(item, "roll") else selectors.item_record(item)


def _sit_in_kwargs(request, item):
    item = _record(item)
    members = member_ids_on(item.meeting.body, meeting_day(item.meeting))
    sitting = {s.staff_id for s in item.sitting_in.all()}
    return {"staff": staff_list(user=request.user).exclude(pk__in=members | sitting)}


def _recusal_kwargs(request, item):
    item = _record(item)
    spoken = {o.staff_id for o in item.opinions.all()}
    recused = {r.staff_id for r in item.recusals.all()}
    eligible = [
        m.staff_id
        for m in item.roll.members
        if m.staff_id not in spoken and m.staff_id not in recused
    ]
    return {"staff": staff_list(user=request.user).filter(pk__in=eligible)}


def _opinion_kwargs(request, item):
    speaker = _record(item).next_speaker
    return {"initial": {"speaker": speaker.staff_id if speaker else None}}


def _opinion_record(user, item, d):
    speaker = staff_list(user=user).filter(pk=d["speaker"]).first()
    if speaker is None:
        raise Http404
    return services.opinion_record(
        actor=user, item=item, speaker=speaker, text=d["text"]
    )


def _votes_kwargs(request, item):
    item = _record(item)
    return {
        "participants": item.roll.participants,
        "choices": vote_choices(item.topic.is_personnel),
        "current": item.vote_by_voter,
    }


def _count_kwargs(request, item):
    return {
        "personnel": item.topic.is_personnel,
        "initial": {
            "agree": item.agree_count,
            "disagree": item.disagree_count,
            "abstain": item.abstain_count,
            "postpone": item.postpone_count,
        },
    }


ITEM_ACTIONS = ActionSet(
    "meetings:item_action",
    load=_load_item,
    actions=[
        Action(
            "opinion",
            _("Record the opinion"),
            perm="meetings.manage_meeting",
            form=OpinionForm,
            form_kwargs=_opinion_kwargs,
            run=_opinion_record,
            done=_("The opinion was recorded."),
        ),
        # Votes and counts are recorded exactly while the vote may be closed.
        Action(
            "votes",
            _("Record the votes"),
            transition="close_voting",
            form=NamedVotesForm,
            form_kwargs=_votes_kwargs,
            style="outline-primary",
            run=calls(services.vote_record, "item", "votes"),
            done=_("The votes were recorded."),
        ),
        Action(
            "count",
            _("Record the count"),
            transition="close_voting",
            form=BallotCountForm,
            form_kwargs=_count_kwargs,
            style="outline-primary",
            run=lambda user, item, d: services.ballot_count_record(
                actor=user,
                item=item,
                agree=d["agree"],
                disagree=d["disagree"],
                abstain=d["abstain"],
                postpone=d.get("postpone") or 0,
            ),
            done=_("The count was recorded."),
        ),
        Action(
            "close",
            _("Close the vote and record the decision"),
            transition="close_voting",
            form=DecisionForm,
            run=calls(services.voting_close, "item", "decision_text"),
            done=_("Voting is closed and the resolution recorded."),
        ),
        Action(
            "recusal",
            _("Record the recusal"),
            title=_("Recusal"),
            perm="meetings.manage_meeting",
            form=RecusalForm,
            form_kwargs=_recusal_kwargs,
            style="outline-warning",
            run=calls(services.recusal_record, "item", "staff", "reason"),
            done=_("The recusal was recorded."),
        ),
        Action(
            "sit_in",
            _("Let sit in"),
            title=_("Sitting in (decided by the procurator-general)"),
            perm="meetings.decide_sitting_in",
            form=StaffPickForm,
            form_kwargs=_sit_in_kwargs,
            style="outline-info",
            run=calls(services.sitting_in_allow, "item", "staff"),
            done=_("The person may sit in on this topic, without a vote."),
        ),
        Action(
            "voting_open",
            _("Open the vote"),
            title=_("Vote"),
            transition="open_voting",
            form=VotingOpenForm,
            form_kwargs=lambda request, item: {
                "initial": {"ballot": item.meeting.body.default_ballot}
            },
            run=calls(services.voting_open, "item", "ballot"),
            done=_("Voting is open."),
        ),
        Action(
            "pg_decide",
            _("Record the decision"),
            title=_("The procurator-general decides"),
            transition="decide_directly",
            form=PgDecisionForm,
            run=calls(services.item_decide_by_pg, "item", "adopted", "decision_text"),
            done=_("The decision was recorded."),
        ),
        Action(
            "carry",
            _("Carry over"),
            title=_("Carry to a later meeting"),
            transition="carry_over",
            form=ReasonForm,
            style="outline-secondary",
            run=calls(services.item_carry_over, "item", "reason"),
            done=_("The topic was carried to a later meeting."),
        ),
    ],
)


def _item_open_actions(item, locked):
    """The item's actions that its meeting allows now (the item's own steps
    are asked of its transitions by the ActionSet)."""
    meeting, body = item.meeting, item.meeting.body
    if locked or not meeting.takes_business:
        return []
    names = ["recusal", "sit_in", "carry"]
    if meeting.state == Meeting.State.IN_SESSION:
        if item.next_speaker:
            names.append("opinion")
        names.append("voting_open" if body.votes else "pg_decide")
        names += ["votes" if item.ballot == Ballot.NAMED else "count", "close"]
    if item.status != AgendaItem.Status.PENDING:
        names = [n for n in names if n not in ("recusal", "sit_in", "opinion")]
    return names


def item_detail(request, pk):
    item = selectors.item_record(_load_item(request, pk))
    meeting = item.meeting
    locked = Minutes.objects.filter(
        meeting=meeting, state=Minutes.State.APPROVED
    ).exists()
    offers = ITEM_ACTIONS.offered(request, item, only=_item_open_actions(item, locked))
    context = {
        "item": item,
        "meeting": meeting,
        "body": meeting.body,
        "roll": item.roll,
        "resolution": Resolution.objects.filter(item=item).first(),
        "actions": offers_by_name(offers),
        "cards": offer_cards(
            offers, {"recusal", "sit_in", "voting_open", "pg_decide", "carry"}
        ),
    }
    return render(request, "meetings/item_detail.html", context)
