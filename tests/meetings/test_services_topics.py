"""Topic requests: scope review, pre-review and routing, approval, return,
withdrawal, resubmission and carrying over — with their to-dos."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from apps.core.actions import Refused
from apps.meetings import services
from apps.meetings.models import BodyKind, Topic, TopicLog
from apps.todos.models import TodoItem

from .factories import (
    HOSTILE_FILES,
    approved_topic,
    attend,
    committee_of_nine,
    docx_file,
    meeting_with,
    party_group_of,
    pdf_file,
    speak_all,
)

pytestmark = pytest.mark.django_db


def open_todos(target, step=None):
    qs = TodoItem.objects.filter(object_id=str(target.pk), status=TodoItem.Status.OPEN)
    if step:
        qs = qs.filter(step_code=step)
    return qs


def assignees(target, step):
    return set(open_todos(target, step).values_list("assignee__username", flat=True))


def file_committee_topic(people, **extra):
    return services.topic_file(
        actor=people["head"],
        body=BodyKind.COMMITTEE,
        title="关于李某抢劫案是否提起公诉的议题",
        scope_category="cm_major_case",
        summary="承办人意见：起诉；部门意见分歧。",
        department=people["head"].staff.department,
        **extra,
    )


def test_committee_path_scope_review_then_pg_then_scheduled(people):
    topic = file_committee_topic(people)
    assert topic.state == Topic.State.SUBMITTED
    assert assignees(topic, "meetings.topic.review") == {"t.committee"}
    review_todo = open_todos(topic, "meetings.topic.review").get()
    assert review_todo.due_at is not None

    topic = services.topic_review_pass(actor=people["committee_office"], topic=topic)
    assert topic.state == Topic.State.AWAITING_APPROVAL
    assert not open_todos(topic, "meetings.topic.review").exists()
    assert assignees(topic, "meetings.topic.approve") == {"t.pg"}

    topic = services.topic_approve(actor=people["pg"], topic=topic)
    assert topic.state == Topic.State.APPROVED
    assert assignees(topic, "meetings.topic.schedule") == {"t.committee"}

    _meeting, [item] = meeting_with(people, topic.body, [topic])
    topic.refresh_from_db()
    assert topic.state == Topic.State.SCHEDULED and item.position == 1
    assert not open_todos(topic).exists()
    assert [log.action for log in TopicLog.objects.filter(topic=topic)] == [
        "Filed the topic",
        "Found the topic within the body's scope",
        "Approved the topic for a meeting",
    ]


def test_topic_file_keeps_a_generic_source(people, prosecution):
    topic = file_committee_topic(people, source=prosecution)
    topic.refresh_from_db()
    assert topic.source == prosecution


def test_scope_category_must_be_in_the_bodys_list(people):
    with pytest.raises(ValidationError, match="published list"):
        services.topic_file(
            actor=people["head"],
            body=BodyKind.COMMITTEE,
            title="人事议题",
            scope_category="pg_personnel",
            summary="…",
            department=people["head"].staff.department,
        )


def test_filing_is_for_ones_own_department(people, office):
    with pytest.raises(ValidationError, match="own department"):
        services.topic_file(
            actor=people["head"],
            body=BodyKind.COMMITTEE,
            title="议题",
            scope_category="cm_guidance",
            summary="…",
            department=office,
        )


@pytest.mark.parametrize("who", ["system_admin", "audit_admin"])
def test_administrators_do_not_file_topics(people, who):
    with pytest.raises(PermissionDenied):
        services.topic_file(
            actor=people[who],
            body=BodyKind.COMMITTEE,
            title="议题",
            scope_category="cm_guidance",
            summary="…",
            department=people[who].staff.department,
        )


@pytest.mark.parametrize("who", ["head", "staff", "pg", "office_reviewer", "outsider"])
def test_only_the_committee_office_reviews_committee_topics(people, who):
    topic = file_committee_topic(people)
    with pytest.raises(PermissionDenied):
        services.topic_review_pass(actor=people[who], topic=topic)


def test_committee_office_may_not_review_its_own_topic(people):
    topic = services.topic_file(
        actor=people["committee_office"],
        body=BodyKind.COMMITTEE,
        title="关于检委会议事规则修订的议题",
        scope_category="cm_guidance",
        summary="…",
        department=people["committee_office"].staff.department,
    )
    with pytest.raises(PermissionDenied):
        services.topic_review_pass(actor=people["committee_office"], topic=topic)


@pytest.mark.parametrize("who", ["deputy", "committee_office", "head", "outsider"])
def test_only_the_pg_approves(people, who):
    topic = file_committee_topic(people)
    topic = services.topic_review_pass(actor=people["committee_office"], topic=topic)
    with pytest.raises(PermissionDenied):
        services.topic_approve(actor=people[who], topic=topic)


def test_approval_before_review_is_refused(people):
    topic = file_committee_topic(people)
    with pytest.raises(Refused) as refused:
        services.topic_approve(actor=people["pg"], topic=topic)
    assert refused.value.code == "wrong_step"


def test_two_reviewers_acting_on_the_same_topic_move_it_once(people):
    """The second reviewer holds a stale copy: the locked re-read refuses."""
    topic = file_committee_topic(people)
    stale = Topic.objects.get(pk=topic.pk)
    services.topic_review_pass(actor=people["committee_office"], topic=topic)
    with pytest.raises(Refused) as refused:
        services.topic_review_pass(actor=people["committee_office"], topic=stale)
    assert refused.value.code == "wrong_step"
    assert TopicLog.objects.filter(topic=topic).count() == 2


@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_produce_exactly_one_transition(people):
    topic = file_committee_topic(people)
    services.topic_review_pass(actor=people["committee_office"], topic=topic)
    barrier = threading.Barrier(2)
    outcomes = []

    def approve():
        try:
            barrier.wait()
            services.topic_approve(
                actor=people["pg"], topic=Topic.objects.get(pk=topic.pk)
            )
            outcomes.append("ok")
        except Refused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=approve) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert (
        TopicLog.objects.filter(topic=topic, action__startswith="Approved").count() == 1
    )


def test_party_group_pre_review_and_routing_to_the_committee(procuratorate, people):
    party_group, _members = party_group_of(procuratorate, people)
    topic = services.topic_file(
        actor=people["head"],
        body=party_group,
        title="关于王某职务犯罪案件处理意见的议题",
        scope_category="pg_other",
        summary="…",
        department=people["head"].staff.department,
    )
    assert assignees(topic, "meetings.topic.review") == {"t.officehead"}
    with pytest.raises(PermissionDenied):
        services.topic_route(
            actor=people["committee_office"],
            topic=topic,
            scope_category="cm_major_case",
        )
    with pytest.raises(ValidationError, match="published list"):
        services.topic_route(
            actor=people["office_head"], topic=topic, scope_category="pg_other"
        )
    topic = services.topic_route(
        actor=people["office_head"],
        topic=topic,
        scope_category="cm_major_case",
        note="属于重大案件，应由检委会研究。",
    )
    assert topic.body.kind == BodyKind.COMMITTEE
    assert topic.routed_from == BodyKind.PARTY_GROUP
    assert topic.state == Topic.State.SUBMITTED
    assert assignees(topic, "meetings.topic.review") == {"t.committee"}


def test_party_group_pre_review_passes_to_the_pg(procuratorate, people):
    party_group, _members = party_group_of(procuratorate, people)
    topic = approved_topic(people, party_group)
    assert topic.state == Topic.State.APPROVED
    assert assignees(topic, "meetings.topic.schedule") == {"t.officehead"}


def test_committee_topics_are_not_routed(people):
    topic = file_committee_topic(people)
    with pytest.raises(ValidationError, match="party group"):
        services.topic_route(
            actor=people["committee_office"], topic=topic, scope_category="cm_guidance"
        )


def test_office_meeting_topics_go_straight_to_the_pg(people):
    topic = services.topic_file(
        actor=people["head"],
        body=BodyKind.OFFICE,
        title="关于调整公诉科第三季度工作计划的议题",
        scope_category="of_adjustment",
        summary="…",
        department=people["head"].staff.department,
    )
    assert topic.state == Topic.State.AWAITING_APPROVAL
    assert assignees(topic, "meetings.topic.approve") == {"t.pg"}


def test_return_needs_a_reason_and_the_filer_resubmits(people):
    topic = file_committee_topic(people)
    with pytest.raises(ValidationError):
        services.topic_return(actor=people["committee_office"], topic=topic, reason=" ")
    topic = services.topic_return(
        actor=people["committee_office"],
        topic=topic,
        reason="不属于检委会议题范围：请补充案件事实。",
    )
    assert topic.state == Topic.State.RETURNED
    assert assignees(topic, "meetings.topic.revise") == {"t.head"}
    assert not open_todos(topic, "meetings.topic.review").exists()
    with pytest.raises(PermissionDenied):
        services.topic_resubmit(actor=people["staff"], topic=topic)
    topic = services.topic_resubmit(
        actor=people["head"], topic=topic, summary="已补充案件事实。"
    )
    assert topic.state == Topic.State.SUBMITTED
    assert topic.summary == "已补充案件事实。"
    assert assignees(topic, "meetings.topic.review") == {"t.committee"}
    assert not open_todos(topic, "meetings.topic.revise").exists()


def test_pg_returns_a_topic_awaiting_approval(people):
    topic = file_committee_topic(people)
    topic = services.topic_review_pass(actor=people["committee_office"], topic=topic)
    topic = services.topic_return(actor=people["pg"], topic=topic, reason="暂不上会")
    assert topic.state == Topic.State.RETURNED
    assert not open_todos(topic, "meetings.topic.approve").exists()


def test_only_the_filer_withdraws_and_all_todos_close(people):
    topic = file_committee_topic(people)
    with pytest.raises(PermissionDenied):
        services.topic_withdraw(actor=people["committee_office"], topic=topic)
    topic = services.topic_withdraw(
        actor=people["head"], topic=topic, reason="案件已撤回"
    )
    assert topic.state == Topic.State.WITHDRAWN
    assert not open_todos(topic).exists()
    with pytest.raises(Refused) as refused:
        services.topic_withdraw(actor=people["head"], topic=topic)
    assert refused.value.code == "wrong_step"


def test_withdrawing_a_scheduled_topic_takes_it_off_the_agenda(procuratorate, people):
    topic = approved_topic(
        people, services.bodies_ensure(procuratorate=procuratorate)["committee"]
    )
    _meeting, [item] = meeting_with(people, topic.body, [topic])
    services.topic_withdraw(actor=people["head"], topic=topic)
    item.refresh_from_db()
    assert item.status == "withdrawn"


def test_carrying_over_returns_the_topic_to_the_pool(procuratorate, people):
    body = services.bodies_ensure(procuratorate=procuratorate)["committee"]
    topic = approved_topic(people, body)
    meeting, [item] = meeting_with(people, body, [topic])
    with pytest.raises(ValidationError):
        services.item_carry_over(actor=people["committee_office"], item=item, reason="")
    services.item_carry_over(
        actor=people["committee_office"], item=item, reason="材料不全，下次会议研究"
    )
    topic.refresh_from_db()
    assert topic.state == Topic.State.APPROVED and topic.carried_count == 1
    assert assignees(topic, "meetings.topic.schedule") == {"t.committee"}
    later, [again] = meeting_with(people, body, [topic])
    assert again.meeting == later and later != meeting


def test_a_topic_of_another_body_is_not_put_on_the_agenda(procuratorate, people):
    bodies = services.bodies_ensure(procuratorate=procuratorate)
    party_group, _ = party_group_of(procuratorate, people)
    topic = approved_topic(people, party_group)
    meeting, _items = meeting_with(people, bodies["committee"], [])
    with pytest.raises(ValidationError, match="another body"):
        services.agenda_add(
            actor=people["committee_office"], meeting=meeting, topic=topic
        )


def test_outsider_cannot_touch_a_topic(people):
    topic = file_committee_topic(people)
    for action in (services.topic_review_pass, services.topic_approve):
        with pytest.raises(PermissionDenied):
            action(actor=people["outsider"], topic=topic)
    with pytest.raises(PermissionDenied):
        services.topic_withdraw(actor=people["outsider"], topic=topic)


def test_materials_are_added_by_the_filer_or_a_reviewer(people):
    topic = file_committee_topic(people)
    material = services.topic_material_add(
        actor=people["head"],
        topic=topic,
        title="起诉意见书",
        file=pdf_file("qisu.pdf"),
    )
    assert material.file.name.startswith(f"meetings/topics/{topic.pk}/")
    assert "qisu" not in material.file.name  # a random name, not the user's
    services.topic_material_add(
        actor=people["committee_office"],
        topic=topic,
        title="审查意见",
        file=docx_file("shencha.docx"),
    )
    with pytest.raises(ValidationError):
        services.topic_material_add(
            actor=people["head"],
            topic=topic,
            title="程序",
            file=SimpleUploadedFile("run.exe", b"MZ"),
        )
    with pytest.raises(ValidationError, match="filer or a reviewer"):
        services.topic_material_add(
            actor=people["staff"],
            topic=topic,
            title="补充",
            file=pdf_file("a.pdf"),
        )
    assert topic.materials.count() == 2


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_html_script_and_svg_materials_are_refused(people, name):
    """Nothing a browser would run is kept as a material, whatever its name."""
    topic = file_committee_topic(people)
    with pytest.raises(ValidationError) as refused:
        services.topic_material_add(
            actor=people["head"],
            topic=topic,
            title="恶意文件",
            file=SimpleUploadedFile(name, HOSTILE_FILES[name]),
        )
    assert "file" in refused.value.message_dict
    assert not topic.materials.exists()


def test_a_topic_being_voted_on_cannot_be_withdrawn(procuratorate, people):
    body, members = committee_of_nine(procuratorate, people)
    topic = approved_topic(people, body)
    meeting, [item] = meeting_with(people, body, [topic])
    attend(people, meeting, members, members)
    services.meeting_open(actor=people["committee_office"], meeting=meeting)
    speak_all(people, item)
    services.voting_open(actor=people["committee_office"], item=item)
    with pytest.raises(ValidationError, match="being voted on"):
        services.topic_withdraw(actor=people["head"], topic=topic)
