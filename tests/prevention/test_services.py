"""Services of case-specific prevention: the eight steps in order, approvals,
to-dos, time limits and the lock after archiving."""

import contextlib
import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.core.actions import Refused
from apps.core.models import Role
from apps.prevention import services
from apps.prevention.models import (
    Approval,
    Material,
    PreventionProject,
    ProjectStep,
    State,
    Step,
)
from apps.todos.models import TodoItem
from apps.workdays.clock import due_for_step
from tests.factories import make_user

from .builders import (
    ANALYSIS,
    APPROVAL_FORM,
    FINAL_REPORT,
    SELECTION,
    activity_fields,
    open_project,
    png_file,
    run_to,
    symposium_fields,
    visit_fields,
)

pytestmark = pytest.mark.django_db


def open_todos(project, step_code=None):
    qs = TodoItem.objects.filter(object_id=str(project.pk), status="open")
    if step_code:
        qs = qs.filter(step_code=step_code)
    return qs


@pytest.fixture
def project(people):
    return open_project(people["staff"])


@contextlib.contextmanager
def out_of_order(match=None):
    """Expect the step-order refusal: the project is not at this step."""
    with pytest.raises(Refused, match=match) as refused:
        yield refused
    assert refused.value.code == "wrong_step"


# ---------------------------------------------------------------- opening
def test_create_numbers_projects_and_opens_step_one(people, procuratorate):
    procuratorate.case_number_prefix = "测检"
    procuratorate.save()
    first = open_project(people["staff"])
    second = open_project(people["officer"])
    year = timezone.localdate().year
    assert (first.year, first.sequence, second.sequence) == (year, 1, 2)
    assert first.number == f"测检预〔{year}〕1号"
    assert first.state == State.SELECTION
    assert first.department == people["staff"].staff.department
    step = ProjectStep.objects.get(project=first)
    assert step.step == Step.SELECTION
    assert step.due_at == due_for_step("prevention.selection", step.started_at)
    todo = open_todos(first).get()
    assert todo.assignee == people["staff"]
    assert todo.step_code == "prevention.step1"
    assert todo.due_at == step.due_at
    assert AuditEvent.objects.filter(action="prevention.project.create").count() == 2


@pytest.mark.parametrize("who", ["system_admin", "audit_admin"])
def test_administrators_cannot_open_projects(people, who):
    with pytest.raises(PermissionDenied):
        open_project(people[who])


def test_only_the_team_edits_a_project(people, project):
    for who in ("officer", "pg", "office_head", "outsider"):
        with pytest.raises(PermissionDenied):
            services.case_selection_save(
                actor=people[who], project=project, fields=SELECTION
            )
    # The head of the project's department belongs to the team.
    services.case_selection_save(
        actor=people["head"], project=project, fields=SELECTION
    )


# ------------------------------------------------------------ step 1: selection
def test_selection_needs_two_of_the_four_criteria(people, project):
    fields = {**SELECTION, "criterion_widespread": False, "criterion_loopholes": False}
    with pytest.raises(ValidationError, match=r"至少|at least"):
        services.case_selection_save(
            actor=people["staff"], project=project, fields=fields, complete=True
        )
    project.refresh_from_db()
    assert project.state == State.SELECTION
    # Saved without finishing, the record keeps what was typed.
    services.case_selection_save(actor=people["staff"], project=project, fields=fields)
    assert project.selection.criteria_met == 1


def test_selection_links_the_source_case_and_moves_to_step_two(people, project):
    services.case_selection_save(
        actor=people["staff"], project=project, fields=SELECTION, complete=True
    )
    project.refresh_from_db()
    assert project.state == State.APPROVAL_DRAFT
    assert project.selection.source_case_number == SELECTION["source_case_number"]
    assert project.selection.criteria_met == 3
    steps = {s.step: s for s in project.steps.all()}
    assert steps[Step.SELECTION].completed_at is not None
    assert steps[Step.SELECTION].completed_by == people["staff"]
    assert steps[Step.APPROVAL].completed_at is None
    assert list(open_todos(project).values_list("step_code", flat=True)) == [
        "prevention.step2"
    ]


def test_source_department_must_be_ours(people, project, other_procuratorate):
    foreign = people["outsider"].staff.department
    with pytest.raises(ValidationError):
        services.case_selection_save(
            actor=people["staff"],
            project=project,
            fields={**SELECTION, "source_department": foreign},
        )


# --------------------------------------------------------------- step order
def _attempt(step, project, people):
    """Try the work of `step` on `project` as its handler."""
    handler = project.handler
    if step == Step.SELECTION:
        services.case_selection_save(actor=handler, project=project, fields=SELECTION)
    elif step == Step.APPROVAL:
        services.approval_form_save(
            actor=handler, project=project, fields=APPROVAL_FORM
        )
    elif step == Step.ANALYSIS:
        services.analysis_report_save(actor=handler, project=project, fields=ANALYSIS)
    elif step == Step.SYMPOSIUM:
        services.symposium_save(
            actor=handler, project=project, fields=symposium_fields()
        )
    elif step == Step.SUGGESTION:
        services.suggestion_letter_save(
            actor=handler,
            project=project,
            addressee="某镇国土所",
            problems="问题",
            suggestions=["建议"],
        )
    elif step == Step.ACTIVITIES:
        services.activity_add(actor=handler, project=project, fields=activity_fields())
    elif step == Step.RETURN_VISIT:
        services.return_visit_save(
            actor=handler, project=project, fields=visit_fields(), feedback={}
        )
    elif step == Step.FINAL_REPORT:
        services.final_report_save(actor=handler, project=project, fields=FINAL_REPORT)


# The state a project is in while step N-1 is open (its predecessor not done).
PREDECESSOR_OPEN = {
    Step.APPROVAL: State.SELECTION,
    Step.ANALYSIS: State.APPROVAL_PG,
    Step.SYMPOSIUM: State.ANALYSIS,
    Step.SUGGESTION: State.SYMPOSIUM,
    Step.ACTIVITIES: State.DELIVERY,
    Step.RETURN_VISIT: State.ACTIVITIES,
    Step.FINAL_REPORT: State.RETURN_VISIT,
}


@pytest.mark.parametrize("step", list(PREDECESSOR_OPEN), ids=lambda s: f"step{s}")
def test_no_step_before_its_predecessor_is_done(people, project, step):
    run_to(project, people, PREDECESSOR_OPEN[step])
    with out_of_order(match=rf"步骤{step}|Step {step}|第{step}步"):
        _attempt(step, project, people)
    project.refresh_from_db()
    assert project.state == PREDECESSOR_OPEN[step]
    assert not ProjectStep.objects.filter(project=project, step=step).exists()


@pytest.mark.parametrize("step", list(Step)[1:], ids=lambda s: f"step{s}")
def test_no_step_can_be_skipped_from_the_start(people, project, step):
    with out_of_order():
        _attempt(step, project, people)


def test_finished_steps_are_locked(people, project):
    run_to(project, people, State.SYMPOSIUM)
    for step in (Step.SELECTION, Step.APPROVAL, Step.ANALYSIS):
        with out_of_order():
            _attempt(step, project, people)


def test_delivery_and_archive_refused_out_of_order(people, project):
    run_to(project, people, State.SUGGESTION_DRAFT)
    with out_of_order():
        services.suggestion_letter_deliver(
            actor=people["staff"],
            project=project,
            delivered_on=timezone.localdate(),
            recipient="张某",
            receipt=png_file(),
        )
    with out_of_order():
        services.activities_complete(actor=people["staff"], project=project)
    with out_of_order():
        services.project_archive(actor=people["clerk"], project=project)


# ---------------------------------------------------------- step 2: approvals
def test_approval_goes_to_the_head_then_the_procurator_general(people, project):
    run_to(project, people, State.APPROVAL_HEAD)
    assert [t.assignee for t in open_todos(project)] == [people["head"]]
    # The procurator-general does not sign before the department head.
    with pytest.raises(PermissionDenied):
        services.approval_decide(actor=people["pg"], project=project, approve=True)
    services.approval_decide(
        actor=people["head"], project=project, approve=True, opinion="同意立项"
    )
    project.refresh_from_db()
    assert project.state == State.APPROVAL_PG
    assert [t.assignee for t in open_todos(project)] == [people["pg"]]
    assert open_todos(project).get().due_at is not None
    services.approval_decide(actor=people["pg"], project=project, approve=True)
    project.refresh_from_db()
    assert project.state == State.ANALYSIS
    levels = list(project.approvals.values_list("level", "decision"))
    assert levels == [
        ("department_head", "approved"),
        ("procurator_general", "approved"),
    ]
    assert list(open_todos(project).values_list("step_code", flat=True)) == [
        "prevention.step3"
    ]


def test_nobody_approves_their_own_project(people):
    # The head runs the project: the overseeing deputy signs for the department.
    project = open_project(people["head"])
    run_to(project, people, State.APPROVAL_DRAFT)
    services.approval_form_save(
        actor=people["head"], project=project, fields=APPROVAL_FORM, submit=True
    )
    assert [t.assignee for t in open_todos(project)] == [people["deputy"]]
    with pytest.raises(PermissionDenied):
        services.approval_decide(actor=people["head"], project=project, approve=True)
    services.approval_decide(actor=people["deputy"], project=project, approve=True)
    project.refresh_from_db()
    assert project.state == State.APPROVAL_PG


def test_the_procurator_general_cannot_approve_a_project_they_handle(
    people, prosecution
):
    pg = make_user(department=prosecution, roles=[Role.PROCURATOR_GENERAL])
    project = open_project(pg)
    run_to(project, people, State.APPROVAL_PG)
    with pytest.raises(PermissionDenied):
        services.approval_decide(actor=pg, project=project, approve=True)


def test_one_person_signs_only_one_level(people, prosecution, project):
    both = make_user(
        department=prosecution,
        roles=[Role.DEPARTMENT_HEAD, Role.PROCURATOR_GENERAL],
        username="t.both",
    )
    run_to(project, people, State.APPROVAL_HEAD)
    services.approval_decide(actor=both, project=project, approve=True)
    with pytest.raises(PermissionDenied):
        services.approval_decide(actor=both, project=project, approve=True)
    services.approval_decide(actor=people["pg"], project=project, approve=True)


def test_returning_needs_a_reason_and_reopens_the_draft(people, project):
    run_to(project, people, State.APPROVAL_HEAD)
    with pytest.raises(ValidationError):
        services.approval_decide(actor=people["head"], project=project, approve=False)
    services.approval_decide(
        actor=people["head"], project=project, approve=False, opinion="工作计划不具体"
    )
    project.refresh_from_db()
    assert project.state == State.APPROVAL_DRAFT
    todo = open_todos(project).get()
    assert (todo.assignee, todo.step_code) == (people["staff"], "prevention.step2")
    assert todo.due_at == project.steps.get(step=Step.APPROVAL).due_at
    # Resubmitted, a new round starts and the head may sign again.
    services.approval_form_save(
        actor=people["staff"], project=project, fields=APPROVAL_FORM, submit=True
    )
    services.approval_decide(actor=people["head"], project=project, approve=True)
    project.refresh_from_db()
    assert project.state == State.APPROVAL_PG


def test_two_approvers_at_once_move_the_project_once(people, prosecution, project):
    second_head = make_user(department=prosecution, roles=[Role.DEPARTMENT_HEAD])
    run_to(project, people, State.APPROVAL_HEAD)
    stale = PreventionProject.objects.get(pk=project.pk)
    services.approval_decide(actor=people["head"], project=project, approve=True)
    # The second head still sees the old state, but the service re-reads it locked.
    assert stale.state == State.APPROVAL_HEAD
    with pytest.raises(PermissionDenied):
        services.approval_decide(actor=second_head, project=stale, approve=True)
    assert Approval.objects.filter(project=project).count() == 1
    project.refresh_from_db()
    assert project.state == State.APPROVAL_PG


def test_the_same_approver_twice_with_a_stale_copy_is_refused(people, project):
    run_to(project, people, State.APPROVAL_PG)
    stale = PreventionProject.objects.get(pk=project.pk)
    services.approval_decide(actor=people["pg"], project=project, approve=True)
    with out_of_order():
        services.approval_decide(actor=people["pg"], project=stale, approve=True)
    assert Approval.objects.filter(level="procurator_general").count() == 1


# ------------------------------------------------------------ step 3: analysis
def test_analysis_needs_collected_materials(people, project):
    run_to(project, people, State.ANALYSIS)
    with pytest.raises(ValidationError):
        services.analysis_report_save(
            actor=people["staff"], project=project, fields=ANALYSIS, complete=True
        )
    material = services.material_add(
        actor=people["staff"],
        project=project,
        kind=Material.Kind.TESTIMONY,
        title="证人证言",
        file=png_file(),
    )
    assert material.step == Step.ANALYSIS
    services.analysis_report_save(
        actor=people["staff"], project=project, fields=ANALYSIS, complete=True
    )
    project.refresh_from_db()
    assert project.state == State.SYMPOSIUM


def test_material_must_be_bindable(people, project):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError):
        services.material_add(
            actor=people["staff"],
            project=project,
            kind=Material.Kind.OTHER,
            title="文档",
            file=SimpleUploadedFile("notes.docx", b"x"),
        )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("code.js", b"alert(document.cookie)"),
        ("image.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("scan.pdf", b"<html><script>alert(1)</script></html>"),
        ("notes.txt", "会议记录".encode()),
    ],
)
def test_only_scans_are_accepted_as_materials_and_receipts(
    people, project, name, content
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    run_to(project, people, State.ANALYSIS)
    with pytest.raises(ValidationError) as refused:
        services.material_add(
            actor=people["staff"],
            project=project,
            kind=Material.Kind.OTHER,
            title="材料",
            file=SimpleUploadedFile(name, content),
        )
    assert "file" in refused.value.message_dict
    assert not project.materials.exists()
    run_to(project, people, State.DELIVERY)
    with pytest.raises(ValidationError) as refused:
        services.suggestion_letter_deliver(
            actor=people["staff"],
            project=project,
            delivered_on=timezone.localdate(),
            recipient="张某",
            receipt=SimpleUploadedFile(name, content),
        )
    assert "receipt" in refused.value.message_dict
    project.refresh_from_db()
    assert project.state == State.DELIVERY


def test_uploads_are_stored_under_random_names(people, project):
    run_to(project, people, State.ANALYSIS)
    material = services.material_add(
        actor=people["staff"],
        project=project,
        kind=Material.Kind.TESTIMONY,
        title="证人证言",
        file=png_file("张某证言.png"),
    )
    assert material.file.name.startswith(f"prevention/materials/{project.pk}/")
    assert "张某" not in material.file.name
    assert material.file.name.endswith(".png")


def test_material_of_a_finished_step_cannot_be_removed(people, project):
    run_to(project, people, State.ANALYSIS)
    material = services.material_add(
        actor=people["staff"],
        project=project,
        kind=Material.Kind.TESTIMONY,
        title="证人证言",
        file=png_file(),
    )
    run_to(project, people, State.SYMPOSIUM)
    with out_of_order():
        services.material_remove(actor=people["staff"], material=material)


def test_symposium_cannot_be_in_the_future(people, project):
    run_to(project, people, State.SYMPOSIUM)
    fields = {
        **symposium_fields(),
        "held_on": timezone.localdate() + datetime.timedelta(days=3),
    }
    with pytest.raises(ValidationError):
        services.symposium_save(actor=people["staff"], project=project, fields=fields)


# ---------------------------------------------------- step 5: suggestion letter
def test_suggestion_letter_is_approved_numbered_and_delivered(
    people, project, procuratorate
):
    procuratorate.case_number_prefix = "测检"
    procuratorate.save()
    run_to(project, people, State.SUGGESTION_DRAFT)
    with pytest.raises(ValidationError):
        services.suggestion_letter_save(
            actor=people["staff"],
            project=project,
            addressee="某镇国土所",
            problems="问题",
            suggestions=["", "  "],
            submit=True,
        )
    run_to(project, people, State.SUGGESTION_PG)
    assert [t.assignee for t in open_todos(project)] == [people["pg"]]
    with pytest.raises(PermissionDenied):
        services.suggestion_letter_decide(
            actor=people["head"], project=project, approve=True
        )
    services.suggestion_letter_decide(actor=people["pg"], project=project, approve=True)
    project.refresh_from_db()
    letter = project.suggestion_letter
    assert letter.number == f"测检预建〔{timezone.localdate().year}〕1号"
    assert project.state == State.DELIVERY
    todo = open_todos(project).get()
    assert (todo.assignee, todo.step_code) == (people["staff"], "prevention.delivery")
    with pytest.raises(ValidationError):
        services.suggestion_letter_deliver(
            actor=people["staff"],
            project=project,
            delivered_on=timezone.localdate(),
            recipient="张某",
            receipt=None,
        )
    with pytest.raises(ValidationError):
        services.suggestion_letter_deliver(
            actor=people["staff"],
            project=project,
            delivered_on=timezone.localdate() - datetime.timedelta(days=5),
            recipient="张某",
            receipt=png_file(),
        )
    services.suggestion_letter_deliver(
        actor=people["staff"],
        project=project,
        delivered_on=timezone.localdate(),
        recipient="张某，所长",
        receipt=png_file("receipt.png"),
        delivery_notes="当场宣读并座谈",
    )
    project.refresh_from_db()
    assert project.state == State.ACTIVITIES
    assert project.suggestion_letter.delivered_by == people["staff"]
    assert project.steps.get(step=Step.SUGGESTION).completed_at is not None


def test_numbers_continue_the_series_without_gaps(people, procuratorate):
    from apps.core.models import NumberSequence

    year = timezone.localdate().year
    # Numbers issued before (e.g. carried over by the data migration).
    for series in ("prevention.project", "prevention.suggestion_letter"):
        NumberSequence.objects.create(
            procuratorate=procuratorate, series=series, year=year, last_number=7
        )
    project = open_project(people["staff"])
    assert project.sequence == 8
    run_to(project, people, State.DELIVERY)
    assert project.suggestion_letter.number.endswith(f"〔{year}〕8号")
    # A letter refused and returned takes no number.
    second = open_project(people["staff"])
    run_to(second, people, State.SUGGESTION_PG)
    services.suggestion_letter_decide(
        actor=people["pg"], project=second, approve=False, opinion="再改"
    )
    second.refresh_from_db()
    assert (second.sequence, second.suggestion_letter.number) == (9, "")
    run_to(second, people, State.DELIVERY)
    assert second.suggestion_letter.number.endswith(f"〔{year}〕9号")


def test_refusals_say_why_in_a_word(people, project):
    with pytest.raises(Refused) as refused:
        services.case_selection_save(
            actor=people["officer"], project=project, fields=SELECTION
        )
    assert refused.value.code == "not_allowed"
    with out_of_order(match="第1步（选择有代表性的个案）完成前，不能办理第3步"):
        services.analysis_report_save(
            actor=people["staff"], project=project, fields=ANALYSIS
        )
    run_to(project, people, State.ANALYSIS)
    with out_of_order(match="第1步（选择有代表性的个案）已完成，不能再修改"):
        services.case_selection_save(
            actor=people["staff"], project=project, fields=SELECTION
        )
    run_to(project, people, State.SUGGESTION_DRAFT)
    with out_of_order(match="状态，不能办理此项操作"):
        services.suggestion_letter_deliver(
            actor=people["staff"],
            project=project,
            delivered_on=timezone.localdate(),
            recipient="张某",
            receipt=png_file(),
        )


def test_returned_letter_goes_back_to_the_handler(people, project):
    run_to(project, people, State.SUGGESTION_PG)
    services.suggestion_letter_decide(
        actor=people["pg"], project=project, approve=False, opinion="建议第二条不具体"
    )
    project.refresh_from_db()
    assert project.state == State.SUGGESTION_DRAFT
    assert project.suggestion_letter.number == ""
    assert open_todos(project, "prevention.step5").get().assignee == people["staff"]


# ---------------------------------------------------------- steps 6 and 7
def test_activities_need_one_record(people, project):
    run_to(project, people, State.ACTIVITIES)
    with pytest.raises(ValidationError):
        services.activities_complete(actor=people["staff"], project=project)


def test_return_visit_needs_feedback_on_every_suggestion(people, project):
    run_to(project, people, State.RETURN_VISIT)
    items = list(project.suggestion_letter.items.order_by("order"))
    partial = {items[0].pk: ("adopted", "已建立复核制度")}
    with pytest.raises(ValidationError):
        services.return_visit_save(
            actor=people["staff"],
            project=project,
            fields=visit_fields(),
            feedback=partial,
            complete=True,
        )
    feedback = {
        items[0].pk: ("adopted", "已建立"),
        items[1].pk: ("partly", "部分公示"),
        items[2].pk: ("not_adopted", "尚未开展"),
    }
    services.return_visit_save(
        actor=people["staff"],
        project=project,
        fields=visit_fields(),
        feedback=feedback,
        complete=True,
    )
    project.refresh_from_db()
    assert project.state == State.FINAL_REPORT
    assert list(
        project.suggestion_letter.items.order_by("order").values_list(
            "adoption", flat=True
        )
    ) == ["adopted", "partly", "not_adopted"]


# ------------------------------------------------------- step 8: the archive
def test_clerk_archives_and_the_project_is_locked(
    people, project, django_capture_on_commit_callbacks
):
    run_to(project, people, State.ARCHIVING)
    assert [t.assignee for t in open_todos(project)] == [people["clerk"]]
    with pytest.raises(PermissionDenied):
        services.project_archive(actor=people["officer"], project=project)
    with django_capture_on_commit_callbacks() as callbacks:
        services.project_archive(actor=people["clerk"], project=project)
    assert len(callbacks) == 1  # the case file is bound by a task
    project.refresh_from_db()
    assert project.state == State.ARCHIVED
    assert project.archived_by == people["clerk"]
    assert all(s.completed_at for s in project.steps.all())
    assert project.steps.count() == 8
    assert not open_todos(project).exists()
    for step in Step:
        with out_of_order(match=r"归档|archived"):
            _attempt(step, project, people)
    with out_of_order():
        services.material_add(
            actor=people["staff"],
            project=project,
            kind=Material.Kind.PHOTO,
            title="照片",
            file=png_file(),
        )


def test_every_waiting_step_is_in_someones_todos(people, project):
    expected = {
        State.SELECTION: ("staff", "prevention.step1"),
        State.APPROVAL_DRAFT: ("staff", "prevention.step2"),
        State.APPROVAL_HEAD: ("head", "prevention.approval_head"),
        State.APPROVAL_PG: ("pg", "prevention.approval_pg"),
        State.ANALYSIS: ("staff", "prevention.step3"),
        State.SYMPOSIUM: ("staff", "prevention.step4"),
        State.SUGGESTION_DRAFT: ("staff", "prevention.step5"),
        State.SUGGESTION_PG: ("pg", "prevention.suggestion_pg"),
        State.DELIVERY: ("staff", "prevention.delivery"),
        State.ACTIVITIES: ("staff", "prevention.step6"),
        State.RETURN_VISIT: ("staff", "prevention.step7"),
        State.FINAL_REPORT: ("staff", "prevention.step8"),
        State.ARCHIVING: ("clerk", "prevention.archive"),
    }
    for state, (who, code) in expected.items():
        run_to(project, people, state)
        todos = list(open_todos(project))
        assert [(t.assignee, t.step_code) for t in todos] == [(people[who], code)], (
            state
        )
        assert todos[0].due_at is not None


def test_overdue_step_is_visible_on_its_record(people, project):
    record = project.steps.get(step=Step.SELECTION)
    record.due_at = timezone.now() - datetime.timedelta(hours=1)
    record.save()
    services.case_selection_save(
        actor=people["staff"], project=project, fields=SELECTION, complete=True
    )
    record.refresh_from_db()
    assert record.is_done and not record.on_time


def test_data_migration_continues_the_numbers_already_issued(people, procuratorate):
    import importlib

    from django.apps import apps

    from apps.core.models import NumberSequence

    migration = importlib.import_module(
        "apps.prevention.migrations.0006_number_sequences"
    )
    year = timezone.localdate().year
    first = open_project(people["staff"])
    open_project(people["staff"])
    run_to(first, people, State.DELIVERY)
    # As before the move to core's numbering: numbers issued, no sequence rows.
    NumberSequence.objects.all().delete()
    migration.seed_sequences(apps, None)
    sequences = dict(
        NumberSequence.objects.filter(
            procuratorate=procuratorate, year=year
        ).values_list("series", "last_number")
    )
    assert sequences == {"prevention.project": 2, "prevention.suggestion_letter": 1}
    assert open_project(people["staff"]).sequence == 3
    migration.drop_sequences(apps, None)
    assert not NumberSequence.objects.exists()
