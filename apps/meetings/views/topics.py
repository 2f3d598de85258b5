"""Pages for topic requests: list, filing, detail, materials and the review actions."""

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from apps.core.actions import Action, ActionSet, calls
from apps.core.rules import staff_of
from apps.core.selectors import department_list
from apps.core.uploads import file_response

from .. import selectors, services
from ..forms import (
    MaterialForm,
    NoteForm,
    ReasonForm,
    ResubmitForm,
    RouteForm,
    TopicForm,
)
from ..models import BodyKind, Topic, TopicMaterial
from ._common import (
    form_page,
    list_filter,
    load,
    offer_cards,
    offers_by_name,
)


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
    body = list_filter(
        request,
        "body",
        BodyKind.choices,
        label=pgettext("meetings", "Body"),
        everything=_("All bodies"),
    )
    state = list_filter(
        request,
        "state",
        Topic.State.choices,
        label=_("State"),
        everything=_("All states"),
    )
    topics = selectors.topic_list(
        user=request.user, body_kind=body.value, state=state.value
    )
    return render(
        request,
        "meetings/topic_list.html",
        {"topics": topics[:300], "filters": [body, state]},
    )


def _filing_departments(user):
    staff = staff_of(user)
    departments = department_list(user=user)
    if staff.has_role("procurator_general", "deputy_procurator_general"):
        return departments
    return departments.filter(pk=staff.department_id)


@transaction.atomic
def _file_topic(user, data):
    """File the topic and add the material given with it, or neither."""
    topic = services.topic_file(
        actor=user,
        body=data["body"],
        title=data["title"],
        scope_category=data["scope_category"],
        summary=data["summary"],
        department=data["department"],
    )
    if data.get("material_file"):
        try:
            services.topic_material_add(
                actor=user,
                topic=topic,
                title=data["material_title"],
                file=data["material_file"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "file" in exc.error_dict:
                raise ValidationError(
                    {"material_file": exc.error_dict["file"]}
                ) from exc
            raise
    return topic


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
    return form_page(
        request,
        form,
        "meetings/topic_form.html",
        lambda data: _file_topic(request.user, data),
        done=_("The topic request was filed."),
    )


def _load_topic(request, pk):
    return load(Topic, request, pk, perm="meetings.view_topic")


TOPIC_ACTIONS = ActionSet(
    "meetings:topic_action",
    load=_load_topic,
    actions=[
        Action(
            "review",
            _("Within scope: send to the procurator-general"),
            transition="pass_review",
            form=NoteForm,
            run=calls(services.topic_review_pass, "topic", "note"),
            done=_("The topic is within scope; it goes to the procurator-general."),
        ),
        Action(
            "route",
            _("Route to the committee"),
            transition="route",
            form=RouteForm,
            style="outline-primary",
            run=calls(services.topic_route, "topic", "scope_category", "note"),
            done=_("The topic was routed to the procuratorial committee."),
        ),
        Action(
            "approve",
            _("Approve for a meeting"),
            title=_("Procurator-general's approval"),
            transition="approve",
            form=NoteForm,
            run=calls(services.topic_approve, "topic", "note"),
            done=_("The topic is approved for a meeting."),
        ),
        Action(
            "return",
            _("Return"),
            title=_("Return to the filer"),
            transition="send_back",
            form=ReasonForm,
            style="outline-danger",
            run=calls(services.topic_return, "topic", "reason"),
            done=_("The topic was returned to its filer."),
        ),
        Action(
            "resubmit",
            _("Resubmit"),
            title=_("Revise and resubmit"),
            transition="resubmit",
            form=ResubmitForm,
            form_kwargs=lambda request, topic: {"topic": topic},
            run=calls(
                services.topic_resubmit, "topic", "title", "summary", "scope_category"
            ),
            done=_("The topic was resubmitted."),
        ),
        Action(
            "withdraw",
            _("Withdraw the topic"),
            title=_("Withdraw"),
            transition="withdraw",
            form=NoteForm,
            style="outline-danger",
            confirm=_("Withdraw this topic?"),
            run=lambda user, topic, d: services.topic_withdraw(
                actor=user, topic=topic, reason=d["note"]
            ),
            done=_("The topic was withdrawn."),
        ),
        Action(
            "material",
            _("Add material"),
            perm="meetings.add_material",
            form=MaterialForm,
            style="outline-secondary",
            run=calls(services.topic_material_add, "topic", "title", "file"),
            done=_("The material was added."),
        ),
    ],
)


def topic_detail(request, pk):
    topic = _load_topic(request, pk)
    only = [
        name
        for name in TOPIC_ACTIONS.actions
        if name != "material" or topic.takes_materials
    ]
    offers = TOPIC_ACTIONS.offered(request, topic, only=only)
    context = {
        "topic": topic,
        **selectors.topic_detail(topic=topic),
        "actions": offers_by_name(offers),
        "cards": offer_cards(offers, {"approve", "return", "resubmit", "withdraw"}),
        "is_party_group": topic.body.kind == BodyKind.PARTY_GROUP,
    }
    return render(request, "meetings/topic_detail.html", context)


def material_download(request, pk):
    """A topic's material, to those who may see the topic or its meeting."""
    material = load(TopicMaterial, request, pk, field="topic__procuratorate")
    if not request.user.has_perm("meetings.view_material", material.topic):
        raise PermissionDenied
    return file_response(
        material.file, filename=material.download_name, confidential=True
    )
