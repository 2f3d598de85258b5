"""Pages for topic requests: list, filing, detail and the review actions."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from apps.core.rules import staff_of
from apps.core.selectors import department_list

from .. import selectors, services
from ..forms import (
    MaterialForm,
    NoteForm,
    ReasonForm,
    ResubmitForm,
    RouteForm,
    TopicForm,
)
from ..models import BodyKind, Topic
from ._common import attempt, check, load

OPEN_STATES = {
    Topic.State.SUBMITTED,
    Topic.State.AWAITING_APPROVAL,
    Topic.State.APPROVED,
    Topic.State.RETURNED,
    Topic.State.SCHEDULED,
}


@permission_required("meetings.use", raise_exception=True)
def index(request):
    """三会 home: what waits for me, my topics, the next meetings."""
    return render(
        request,
        "meetings/index.html",
        {
            "todos": selectors.my_meeting_todos(user=request.user)[:20],
            "my_topics": selectors.topic_list(user=request.user).filter(
                filed_by=request.user
            )[:10],
            "meetings": selectors.meeting_list(user=request.user).filter(
                state__in=["planned", "in_session"]
            )[:5],
        },
    )


@permission_required("meetings.use", raise_exception=True)
def topic_list(request):
    body_kind = request.GET.get("body") or None
    state = request.GET.get("state") or None
    if body_kind not in (None, *BodyKind.values):
        body_kind = None
    if state not in (None, *Topic.State.values):
        state = None
    topics = selectors.topic_list(user=request.user, body_kind=body_kind, state=state)
    return render(
        request,
        "meetings/topic_list.html",
        {
            "topics": topics[:300],
            "body_kinds": BodyKind.choices,
            "states": Topic.State.choices,
            "body_kind": body_kind,
            "state": state,
        },
    )


def _filing_departments(user):
    staff = staff_of(user)
    departments = department_list(user=user)
    if staff.has_role("procurator_general", "deputy_procurator_general"):
        return departments
    return departments.filter(pk=staff.department_id)


@permission_required("meetings.file_topic", raise_exception=True)
def topic_create(request):
    """Fill in a topic request (议题提请表)."""
    staff = staff_of(request.user)
    bodies = services.bodies_ensure(procuratorate=staff.procuratorate)
    body_qs = selectors.body_list(user=request.user)
    form = TopicForm(
        request.POST or None,
        request.FILES or None,
        bodies=body_qs,
        departments=_filing_departments(request.user),
        initial={"body": bodies.get(request.GET.get("body"))},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def file_topic():
            with transaction.atomic():
                topic = services.topic_file(
                    actor=request.user,
                    body=data["body"],
                    title=data["title"],
                    scope_category=data["scope_category"],
                    summary=data["summary"],
                    department=data["department"],
                )
                if data.get("material_file"):
                    services.topic_material_add(
                        actor=request.user,
                        topic=topic,
                        title=data["material_title"],
                        file=data["material_file"],
                    )
                return topic

        topic = attempt(request, file_topic, form)
        if topic:
            messages.success(request, _("The topic request was filed."))
            return redirect(topic)
    return render(request, "meetings/topic_form.html", {"form": form})


def _topic_forms(topic, overrides=None):
    forms = {
        "review": NoteForm(prefix="review"),
        "route": RouteForm(prefix="route"),
        "return": ReasonForm(prefix="return"),
        "approve": NoteForm(prefix="approve"),
        "withdraw": NoteForm(prefix="withdraw"),
        "resubmit": ResubmitForm(prefix="resubmit", topic=topic),
        "material": MaterialForm(prefix="material"),
    }
    forms.update(overrides or {})
    return forms


def _topic_page(request, topic, forms=None):
    user = request.user
    state = topic.state
    can_review = state == Topic.State.SUBMITTED and user.has_perm(
        "meetings.review_topic", topic
    )
    can_approve = state == Topic.State.AWAITING_APPROVAL and user.has_perm(
        "meetings.approve_topic", topic
    )
    is_filer = user.has_perm("meetings.withdraw_topic", topic)
    context = {
        "topic": topic,
        **selectors.topic_detail(topic=topic),
        "forms": _topic_forms(topic, forms),
        "can_review": can_review,
        "can_route": can_review and topic.body.kind == BodyKind.PARTY_GROUP,
        "can_approve": can_approve,
        "can_return": can_review or can_approve,
        "can_withdraw": is_filer and state in OPEN_STATES,
        "can_resubmit": is_filer and state == Topic.State.RETURNED,
        "can_add_material": state not in (Topic.State.DECIDED, Topic.State.WITHDRAWN)
        and (is_filer or can_review),
    }
    return render(request, "meetings/topic_detail.html", context)


def topic_detail(request, pk):
    topic = load(Topic, request, pk)
    check(request, "meetings.view_topic", topic)
    return _topic_page(request, topic)


TOPIC_ACTIONS = {
    # action: (permission, form factory, service call, success message)
    "review": (
        "meetings.review_topic",
        lambda data, topic: NoteForm(data, prefix="review"),
        lambda user, topic, d: services.topic_review_pass(
            actor=user, topic=topic, note=d["note"]
        ),
        _("The topic is within scope; it goes to the procurator-general."),
    ),
    "route": (
        "meetings.review_topic",
        lambda data, topic: RouteForm(data, prefix="route"),
        lambda user, topic, d: services.topic_route(
            actor=user, topic=topic, scope_category=d["scope_category"], note=d["note"]
        ),
        _("The topic was routed to the procuratorial committee."),
    ),
    "return": (
        None,
        lambda data, topic: ReasonForm(data, prefix="return"),
        lambda user, topic, d: services.topic_return(
            actor=user, topic=topic, reason=d["reason"]
        ),
        _("The topic was returned to its filer."),
    ),
    "approve": (
        "meetings.approve_topic",
        lambda data, topic: NoteForm(data, prefix="approve"),
        lambda user, topic, d: services.topic_approve(
            actor=user, topic=topic, note=d["note"]
        ),
        _("The topic is approved for a meeting."),
    ),
    "withdraw": (
        "meetings.withdraw_topic",
        lambda data, topic: NoteForm(data, prefix="withdraw"),
        lambda user, topic, d: services.topic_withdraw(
            actor=user, topic=topic, reason=d["note"]
        ),
        _("The topic was withdrawn."),
    ),
    "resubmit": (
        "meetings.resubmit_topic",
        lambda data, topic: ResubmitForm(data, prefix="resubmit", topic=topic),
        lambda user, topic, d: services.topic_resubmit(
            actor=user,
            topic=topic,
            title=d["title"],
            summary=d["summary"],
            scope_category=d["scope_category"],
        ),
        _("The topic was resubmitted."),
    ),
}


@require_POST
def topic_action(request, pk, action):
    topic = load(Topic, request, pk)
    check(request, "meetings.view_topic", topic)
    if action == "material":
        form = MaterialForm(request.POST, request.FILES, prefix="material")
        call = lambda d: services.topic_material_add(  # noqa: E731
            actor=request.user, topic=topic, title=d["title"], file=d["file"]
        )
        success = _("The material was added.")
    elif action in TOPIC_ACTIONS:
        perm, make_form, service, success = TOPIC_ACTIONS[action]
        if perm:
            check(request, perm, topic)
        elif not (
            request.user.has_perm("meetings.review_topic", topic)
            or request.user.has_perm("meetings.approve_topic", topic)
        ):
            check(request, "meetings.review_topic", topic)
        form = make_form(request.POST, topic)
        call = lambda d: service(request.user, topic, d)  # noqa: E731
    else:
        raise Http404
    if form.is_valid() and attempt(request, lambda: call(form.cleaned_data), form):
        messages.success(request, success)
        return redirect("meetings:topic_detail", pk=topic.pk)
    topic.refresh_from_db()
    return _topic_page(request, topic, {action: form})
