"""The review chain's rules, each with its refusals."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.core.actions import Refused
from apps.core.models import Role
from apps.publicity import services
from apps.publicity.models import Item, ItemEvent, Revision, Urgency
from apps.todos.models import TodoItem
from apps.workdays.clock import due_for_step
from tests.factories import make_user

from . import factories as f

pytestmark = pytest.mark.django_db


def open_todos(item, step=None):
    qs = TodoItem.objects.filter(object_id=str(item.pk), status="open")
    if step:
        qs = qs.filter(step_code=step)
    return qs


def assignees(item, step):
    return {t.assignee.username for t in open_todos(item, step)}


# ------------------------------------------------------------------ drafts
def test_draft_body_is_sanitised_and_author_holds_the_whole_share(people):
    item = f.draft(people, body='<p onclick="x()">正文<script>alert(1)</script></p>')
    assert item.body == "<p>正文</p>"
    assert item.state == Item.State.DRAFT
    assert [(a.user_id, a.share, a.is_primary) for a in item.authorships.all()] == [
        (people["staff"].pk, 100, True)
    ]
    assert item.department == people["staff"].staff.department
    assert not item.revisions.exists()


def test_plain_text_body_becomes_escaped_paragraphs(people):
    item = f.draft(people, body="第一段 a<b\n\n第二段")
    assert item.body == "<p>第一段 a&lt;b</p><p>第二段</p>"


def test_co_author_shares_must_total_100(people):
    with pytest.raises(ValidationError) as exc:
        f.draft(people, shares=[(people["staff"], 60), (people["clerk"], 30)])
    assert "90" in str(exc.value.message_dict["shares"])
    item = f.draft(people, shares=[(people["staff"], 60), (people["clerk"], 40)])
    assert sorted(a.share for a in item.authorships.all()) == [40, 60]


@pytest.mark.parametrize(
    "case",
    ["duplicate", "author_missing", "other_house", "zero_share"],
)
def test_co_author_refusals(people, case):
    staff, clerk, outsider = people["staff"], people["clerk"], people["outsider"]
    shares = {
        "duplicate": [(staff, 50), (staff, 50)],
        "author_missing": [(clerk, 100)],
        "other_house": [(staff, 50), (outsider, 50)],
        "zero_share": [(staff, 100), (clerk, 0)],
    }[case]
    with pytest.raises(ValidationError) as exc:
        f.draft(people, shares=shares)
    assert "shares" in exc.value.message_dict


def test_administrators_do_not_write_items(people):
    with pytest.raises(PermissionDenied):
        f.draft(people, author="system_admin")


def test_only_a_never_submitted_draft_can_be_deleted(people):
    item = f.draft(people)
    with pytest.raises(PermissionDenied):
        services.item_delete(actor=people["clerk"], item=item)
    services.item_delete(actor=people["staff"], item=item)
    assert not Item.objects.filter(pk=item.pk).exists()
    submitted = f.submitted(people)
    with pytest.raises(Refused):
        services.item_delete(actor=people["staff"], item=submitted)


# ------------------------------------------------------------------ submit
def test_submission_fixes_text_and_time_and_asks_the_department(people):
    item = f.submitted(people)
    assert item.state == Item.State.SUBMITTED
    assert item.submitted_at is not None
    assert item.dispatch_deadline == due_for_step(
        "publicity.dispatch_routine", item.submitted_at
    )
    revision = item.revisions.get()
    assert (revision.number, revision.title, revision.body) == (
        1,
        item.title,
        item.body,
    )
    # Head and information officer both see it; the author does not approve.
    assert assignees(item, "publicity.department_approval") == {"t.head", "t.officer"}
    todo = open_todos(item).first()
    assert todo.due_at == due_for_step(
        "publicity.department_approval", item.submitted_at
    )
    assert AuditEvent.objects.filter(action="publicity.item.submit").count() == 1
    with pytest.raises(Refused):
        services.item_update(
            actor=people["staff"],
            item=item,
            kind=item.kind,
            category=item.category,
            urgency=item.urgency,
            title="改了标题",
            body=item.body,
        )
    with pytest.raises(Refused):
        services.item_submit(actor=people["staff"], item=item)


def test_important_items_must_leave_within_3_days(people):
    item = f.submitted(people, urgency=Urgency.IMPORTANT)
    assert item.dispatch_deadline == due_for_step(
        "publicity.dispatch_important", item.submitted_at
    )
    assert item.dispatch_deadline < due_for_step(
        "publicity.dispatch_routine", item.submitted_at
    )


def test_someone_else_cannot_submit_my_draft(people):
    item = f.draft(people)
    with pytest.raises(PermissionDenied):
        services.item_submit(actor=people["head"], item=item)


def test_an_empty_body_cannot_be_submitted(people):
    item = f.draft(people, body="<p> </p>")
    with pytest.raises(ValidationError):
        services.item_submit(actor=people["staff"], item=item)
    assert Item.objects.get(pk=item.pk).state == Item.State.DRAFT


# ------------------------------------------------------------------ department
def test_head_approves_and_the_office_is_asked_to_review(people):
    item = f.submitted(people)
    item = services.item_approve(actor=people["officer"], item=item, comment="同意")
    assert item.state == Item.State.DEPARTMENT_APPROVED
    assert item.approved_by == people["officer"]
    assert not open_todos(item, "publicity.department_approval").exists()
    assert (
        TodoItem.objects.filter(
            object_id=str(item.pk), status="done", closed_by=people["officer"]
        ).count()
        == 2
    )
    assert assignees(item, "publicity.review") == {"t.reviewer", "t.officehead"}
    assert open_todos(item, "publicity.review").first().due_at == due_for_step(
        "publicity.review", item.approved_at
    )


@pytest.mark.parametrize("who", ["staff", "clerk", "office_reviewer", "outsider", "pg"])
def test_others_cannot_approve_for_the_department(people, who):
    item = f.submitted(people)
    with pytest.raises(PermissionDenied):
        services.item_approve(actor=people[who], item=item)


def test_nobody_approves_their_own_item(people):
    item = f.submitted(people, author="head")
    assert assignees(item, "publicity.department_approval") == {"t.officer"}
    with pytest.raises(PermissionDenied):
        services.item_approve(actor=people["head"], item=item)
    services.item_approve(actor=people["officer"], item=item)


def test_the_overseeing_deputy_approves_when_nobody_else_can(people, prosecution):
    officer = people["officer"].staff
    officer.roles = []
    officer.save()
    item = f.submitted(people, author="head")
    assert assignees(item, "publicity.department_approval") == {"t.deputy"}
    services.item_approve(actor=people["deputy"], item=item)
    prosecution.deputy = None
    prosecution.save()
    lonely = f.draft(people, author="head", title="无人审批")
    with pytest.raises(ValidationError):
        services.item_submit(actor=people["head"], item=lonely)


# ------------------------------------------------------------------ review
def test_review_marks_fine_and_highlight_and_asks_for_sign_off(people):
    item = services.item_review(
        actor=people["office_reviewer"],
        item=f.approved(people),
        is_fine=True,
        is_highlight=True,
    )
    assert (item.state, item.is_fine, item.is_highlight) == (
        Item.State.REVIEWED,
        True,
        True,
    )
    assert assignees(item, "publicity.sign_off") == {"t.pg"}
    assert (
        open_todos(item, "publicity.sign_off").first().due_at == item.dispatch_deadline
    )


def test_the_office_reviewer_does_not_review_their_own_item(people):
    item = f.submitted(people, author="office_reviewer")
    # The office reviewer's item is approved by the office's own head…
    item = services.item_approve(actor=people["office_head"], item=item)
    assert assignees(item, "publicity.review") == {"t.officehead"}
    with pytest.raises(PermissionDenied):
        services.item_review(actor=people["office_reviewer"], item=item)


def test_review_before_department_approval_is_refused(people):
    item = f.submitted(people)
    with pytest.raises(Refused):
        services.item_review(actor=people["office_reviewer"], item=item)


def test_office_edit_is_a_tracked_revision_and_keeps_the_submitted_text(people):
    item = f.approved(people)
    submitted_body = item.body
    with pytest.raises(ValidationError):
        services.item_office_edit(
            actor=people["office_reviewer"], item=item, title="新标题", body="新正文"
        )
    item = services.item_office_edit(
        actor=people["office_reviewer"],
        item=item,
        title="公诉科案件质量评查取得实效",
        body="<p>修改后的正文</p>",
        urgency=Urgency.IMPORTANT,
        note="精简标题",
    )
    assert item.title == "公诉科案件质量评查取得实效"
    first, second = item.revisions.order_by("number")
    assert first.body == submitted_body
    assert (second.number, second.editor, second.note) == (
        2,
        people["office_reviewer"],
        "精简标题",
    )
    assert second.changes == {"urgency": {"before": "routine", "after": "important"}}
    assert item.dispatch_deadline == due_for_step(
        "publicity.dispatch_important", item.submitted_at
    )
    event = item.events.get(action=ItemEvent.Action.EDIT)
    assert event.revision == second
    with pytest.raises(PermissionDenied):
        services.item_office_edit(
            actor=people["head"], item=item, title="x", body="y", note="z"
        )


# ------------------------------------------------------------------ sign-off
def test_only_the_procurator_general_signs_off(people):
    item = f.reviewed(people)
    for who in ("deputy", "office_reviewer", "head"):
        with pytest.raises(PermissionDenied):
            services.item_sign_off(actor=people[who], item=item)
    item = services.item_sign_off(actor=people["pg"], item=item)
    assert item.state == Item.State.SIGNED_OFF
    due = min(
        due_for_step("publicity.dispatch", item.signed_off_at), item.dispatch_deadline
    )
    todo = open_todos(item, "publicity.dispatch")
    assert {t.assignee.username for t in todo} == {"t.reviewer", "t.officehead"}
    assert todo.first().due_at == due == item.step_due_at


def test_a_deputy_signs_the_procurator_generals_own_item(people):
    item = f.draft(people, author="pg", title="检察长署名文章")
    # The pg sits in the office in the fixtures; the office head approves.
    item = services.item_submit(actor=people["pg"], item=item)
    item = services.item_approve(actor=people["office_head"], item=item)
    item = services.item_review(actor=people["office_reviewer"], item=item)
    assert assignees(item, "publicity.sign_off") == {"t.deputy"}
    with pytest.raises(PermissionDenied):
        services.item_sign_off(actor=people["pg"], item=item)
    services.item_sign_off(actor=people["deputy"], item=item)


# ------------------------------------------------------------------ dispatch
def test_nothing_is_dispatched_before_sign_off(people):
    item = f.reviewed(people)
    with pytest.raises(Refused) as exc:
        services.item_dispatch(
            actor=people["office_reviewer"], item=item, outlets=[f.outlet()]
        )
    assert "签发" in str(exc.value.message) or "signed off" in str(exc.value.message)
    assert not item.dispatches.exists()


def test_dispatch_to_several_destinations(people):
    item = f.signed_off(people)
    with pytest.raises(ValidationError):
        services.item_dispatch(actor=people["office_reviewer"], item=item, outlets=[])
    with pytest.raises(PermissionDenied):
        services.item_dispatch(actor=people["head"], item=item, outlets=[f.outlet()])
    item = services.item_dispatch(
        actor=people["office_reviewer"],
        item=item,
        outlets=[f.outlet("检察日报"), f.outlet("广西壮族自治区人民检察院")],
    )
    assert item.state == Item.State.DISPATCHED
    assert item.dispatches.count() == 2
    assert not open_todos(item).exists()
    assert item.step_due_at is None


# ------------------------------------------------------------------ returns
@pytest.mark.parametrize(
    "stage, who",
    [("submitted", "head"), ("approved", "office_reviewer"), ("reviewed", "pg")],
)
def test_any_reviewer_returns_the_item_to_its_author(people, stage, who):
    item = getattr(f, stage)(people)
    with pytest.raises(ValidationError):
        services.item_return(actor=people[who], item=item, comment=" ")
    item = services.item_return(actor=people[who], item=item, comment="数据需核实")
    assert item.state == Item.State.RETURNED
    assert item.return_comment == "数据需核实"
    assert assignees(item, "publicity.revise") == {"t.staff"}
    assert set(open_todos(item).values_list("step_code", flat=True)) == {
        "publicity.revise"
    }
    assert item.events.filter(action="return", comment="数据需核实").exists()


def test_returned_item_is_revised_and_resubmitted_with_its_first_time_kept(people):
    item = f.approved(people)
    first_submitted_at = item.submitted_at
    item = services.item_return(
        actor=people["office_reviewer"], item=item, comment="补充数据"
    )
    item = services.item_update(
        actor=people["staff"],
        item=item,
        kind=item.kind,
        category=item.category,
        urgency=item.urgency,
        title=item.title,
        body="<p>补充了数据的正文</p>",
        note="按意见补充数据",
    )
    assert item.revisions.count() == 2
    item = services.item_submit(actor=people["staff"], item=item)
    assert item.state == Item.State.SUBMITTED
    assert item.submitted_at == first_submitted_at
    assert item.last_submitted_at > first_submitted_at
    assert item.return_comment == ""
    assert not open_todos(item, "publicity.revise").exists()
    assert assignees(item, "publicity.department_approval") == {"t.head", "t.officer"}
    assert list(item.events.values_list("action", flat=True)) == [
        "create",
        "submit",
        "approve",
        "return",
        "edit",
        "resubmit",
    ]


def test_a_dispatched_item_cannot_be_returned(people):
    item = f.dispatched(people)
    with pytest.raises(Refused):
        services.item_return(actor=people["pg"], item=item, comment="x")


# ------------------------------------------------------------------ races
def test_a_stale_page_cannot_take_a_step_twice(people):
    item = f.submitted(people)
    stale = Item.objects.get(pk=item.pk)
    services.item_approve(actor=people["head"], item=item)
    with pytest.raises(Refused):
        services.item_approve(actor=people["officer"], item=stale)
    assert ItemEvent.objects.filter(item=item, action="approve").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_approvers_at_once_make_one_approval(people):
    import threading

    from django.db import connection

    item = f.submitted(people)
    barrier = threading.Barrier(2)
    outcomes = []

    def act(user):
        try:
            barrier.wait()
            services.item_approve(actor=user, item=Item.objects.get(pk=item.pk))
            outcomes.append("ok")
        except Refused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=(people[u],)) for u in ("head", "officer")
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert ItemEvent.objects.filter(item=item, action="approve").count() == 1
    assert (
        TodoItem.objects.filter(
            object_id=str(item.pk), step_code="publicity.review", status="open"
        ).count()
        == 2
    )


# ------------------------------------------------------------------ adoptions
def test_adoptions_are_recorded_only_for_dispatched_items(people):
    item = f.signed_off(people)
    with pytest.raises(Refused):
        services.adoption_record(
            actor=people["office_reviewer"],
            item=item,
            outlet=f.outlet(),
            adopted_on=timezone.localdate(),
            form="full",
        )


def test_an_item_is_adopted_many_times_but_each_use_once(people):
    item = f.dispatched(people)
    today = timezone.localdate()
    kwargs = {"actor": people["office_reviewer"], "item": item, "adopted_on": today}
    services.adoption_record(outlet=f.outlet("检察日报"), form="full", **kwargs)
    services.adoption_record(outlet=f.outlet("正义网"), form="forwarded", **kwargs)
    with pytest.raises(ValidationError):
        services.adoption_record(outlet=f.outlet("检察日报"), form="full", **kwargs)
    assert item.adoptions.count() == 2


def test_adoption_dates_must_be_after_dispatch_and_not_in_the_future(people):
    item = f.dispatched(people)
    today = timezone.localdate()
    for day in (today + datetime.timedelta(days=1), today - datetime.timedelta(days=3)):
        with pytest.raises(ValidationError) as exc:
            services.adoption_record(
                actor=people["office_reviewer"],
                item=item,
                outlet=f.outlet(),
                adopted_on=day,
                form="full",
            )
        assert "adopted_on" in exc.value.message_dict


def test_only_the_office_records_adoptions(people):
    item = f.dispatched(people)
    with pytest.raises(PermissionDenied):
        services.adoption_record(
            actor=people["staff"],
            item=item,
            outlet=f.outlet(),
            adopted_on=timezone.localdate(),
            form="full",
        )


def test_another_procuratorate_cannot_touch_the_item(people, other_procuratorate):
    item = f.submitted(people)
    stranger = make_user(
        procuratorate=other_procuratorate,
        roles=[Role.OFFICE_REVIEWER, Role.PROCURATOR_GENERAL],
        username="t.stranger",
    )
    for action in (services.item_approve, services.item_review, services.item_sign_off):
        with pytest.raises((PermissionDenied, Refused)):
            action(actor=stranger, item=item)
    with pytest.raises(PermissionDenied):
        services.item_return(actor=stranger, item=item, comment="x")
    assert Item.objects.get(pk=item.pk).state == Item.State.SUBMITTED
    assert Revision.objects.filter(item=item).count() == 1
