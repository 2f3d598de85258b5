"""Monthly plans and results: post the plan at the month's start, the results
at its end; what was planned cannot be rewritten afterwards."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record
from apps.core.actions import authorize, locked, refuse_unless, transition_check
from apps.core.models import Department, Role, Staff
from apps.todos.services import todo_close, todo_open
from apps.workdays.clock import due_for_step

from ..models import MonthlyPlan, PlanItem
from ._common import audit_created, required_text, save_new

POST_STEP = "disclosure.plan_post"
REPORT_STEP = "disclosure.plan_report"


def next_month(month):
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def month_start(month):
    tz = timezone.get_current_timezone()
    # The month's first day counts as its start: a limit of N working days
    # is counted from the day before, so the 1st itself is the first day.
    return datetime.datetime.combine(
        month - datetime.timedelta(days=1), datetime.time(23, 59, 59), tzinfo=tz
    )


def post_todo_code(month):
    return f"{POST_STEP}:{month:%Y-%m}"


def _post_target(plan):
    """The to-do for posting a plan hangs on its department or its person."""
    return plan.staff if plan.staff_id else plan.department


@transaction.atomic
def plan_create(*, actor, month, department=None, personal=False):
    """Start the month's plan of the actor's department, or the actor's own."""
    authorize(actor, "disclosure.keep_plans")
    staff = actor.staff
    month = month.replace(day=1)
    plan = MonthlyPlan(
        procuratorate_id=staff.procuratorate_id,
        month=month,
        department_id=staff.department_id,
        staff=staff if personal else None,
        created_by=actor,
    )
    if department is not None and department.pk != staff.department_id:
        raise ValidationError(_("You keep only your own department's plan."))
    authorize(actor, "disclosure.edit_plan", plan)
    plan.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as exc:
        raise ValidationError(_("This month's plan already exists.")) from exc
    audit_created(
        actor,
        plan,
        "disclosure.plan.create",
        gettext_noop("Monthly plan started"),
        fields=["month", "department", "staff"],
    )
    return plan


def _locked_draft(actor, plan, refusal):
    """The plan's row, locked; its tasks change only while it is a draft."""
    plan = locked(plan)
    authorize(actor, "disclosure.edit_plan", plan)
    refuse_unless(plan.is_draft, refusal, code="wrong_step")
    return plan


@transaction.atomic
def plan_item_add(*, actor, plan, content):
    plan = _locked_draft(
        actor, plan, _("The plan is published; add work with the results.")
    )
    content = required_text(content, _("Write the task."))
    item = PlanItem(plan=plan, content=content, sort_order=plan.items.count())
    save_new(item)
    return item


@transaction.atomic
def plan_item_remove(*, actor, plan, item):
    plan = _locked_draft(actor, plan, _("Only a draft plan's tasks can be removed."))
    if item.plan_id != plan.pk:
        raise ValidationError(_("Only a draft plan's tasks can be removed."))
    item.delete()


@transaction.atomic
def plan_publish(*, actor, plan):
    """Publish the plan on the board; its tasks are fixed from now on."""
    plan = locked(plan)
    transition_check(actor, plan.publish)
    if not plan.items.exists():
        raise ValidationError(_("A plan needs at least one task."))
    plan.publish()
    plan.planned_at = timezone.now()
    plan.save(update_fields=["state", "planned_at", "updated_at"])
    todo_close(
        target=_post_target(plan), step_code=post_todo_code(plan.month), actor=actor
    )
    owners = (
        [plan.staff.user] if plan.staff_id else _department_keepers(plan.department)
    )
    todo_open(
        target=plan,
        step_code=REPORT_STEP,
        label=gettext_noop("Register the month's results"),
        assignees=owners,
        url=plan.get_absolute_url(),
        due_at=due_for_step(REPORT_STEP, month_start(next_month(plan.month))),
        subject=str(plan),
    )
    audit_record(
        actor=actor,
        action="disclosure.plan.publish",
        target=plan,
        after={"items": list(plan.items.values_list("content", flat=True))},
        message=gettext_noop("Monthly plan published"),
    )
    return plan


@transaction.atomic
def plan_record_results(*, actor, plan, results, extra=()):
    """Register the month's results: `results` maps item id → (result text,
    completion %); `extra` lists (task, result, completion) of unplanned work."""
    plan = locked(plan)
    transition_check(actor, plan.report)
    items = {item.pk: item for item in plan.items.all()}
    for item_id, item in items.items():
        text, completion = results.get(item_id, ("", None))
        if completion is None or not 0 <= completion <= 100:
            raise ValidationError(
                _("Give the completion (0–100%%) of every task: %(task)s")
                % {"task": item.content}
            )
        item.result = (text or "").strip()
        item.completion = completion
        item.full_clean()
    plan.report()
    for item in items.values():
        item.save(update_fields=["result", "completion"])
    for order, (content, text, completion) in enumerate(extra, start=len(items)):
        if not (content or "").strip():
            continue
        item = PlanItem(
            plan=plan,
            content=content.strip(),
            planned=False,
            result=(text or "").strip(),
            completion=100 if completion is None else completion,
            sort_order=order,
        )
        save_new(item)
    plan.reported_at = timezone.now()
    plan.save(update_fields=["state", "reported_at", "updated_at"])
    todo_close(target=plan, step_code=REPORT_STEP, actor=actor)
    audit_record(
        actor=actor,
        action="disclosure.plan.report",
        target=plan,
        after={
            "results": {i.content: i.completion for i in plan.items.all()},
        },
        message=gettext_noop("Monthly results published"),
    )
    return plan


def _department_keepers(department):
    return [
        s.user
        for s in Staff.objects.filter(
            department=department, user__is_active=True
        ).select_related("user")
        if s.has_role(Role.DEPARTMENT_HEAD, Role.DEPARTMENT_CLERK)
    ]


def plans_open_month_todos(*, month=None):
    """Put "post this month's plan" in the to-dos of every administrative
    department's head and clerk and every administrative staff member whose
    plan is not yet published. Safe to run every day: nothing twice."""
    month = (month or timezone.localdate()).replace(day=1)
    due_at = due_for_step(POST_STEP, month_start(month))
    code = post_todo_code(month)
    published = MonthlyPlan.objects.filter(month=month).exclude(
        state=MonthlyPlan.State.DRAFT
    )
    done_departments = set(
        published.filter(staff__isnull=True).values_list("department_id", flat=True)
    )
    done_people = set(
        published.filter(staff__isnull=False).values_list("staff_id", flat=True)
    )
    opened = 0
    departments = Department.objects.filter(
        kind=Department.Kind.COMPREHENSIVE, is_active=True
    )
    people = Staff.objects.filter(
        department__in=departments, user__is_active=True
    ).select_related("user", "department")
    by_department = {}
    for person in people:
        by_department.setdefault(person.department_id, []).append(person)
    with transaction.atomic():
        for department in departments:
            members = by_department.get(department.pk, [])
            if department.pk not in done_departments:
                keepers = [
                    p.user
                    for p in members
                    if p.has_role(Role.DEPARTMENT_HEAD, Role.DEPARTMENT_CLERK)
                ]
                opened += len(
                    todo_open(
                        target=department,
                        step_code=code,
                        label=gettext_noop("Post the department's plan for the month"),
                        assignees=keepers,
                        url=_plan_board_url(month),
                        due_at=due_at,
                        subject=f"{department.name} {month:%Y-%m}",
                    )
                )
            for person in members:
                if person.pk in done_people or person.has_role(
                    Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN
                ):
                    continue
                opened += len(
                    todo_open(
                        target=person,
                        step_code=code,
                        label=gettext_noop("Post your plan for the month"),
                        assignees=[person.user],
                        url=_plan_board_url(month),
                        due_at=due_at,
                        subject=f"{person.name} {month:%Y-%m}",
                    )
                )
    return opened


def _plan_board_url(month):
    from django.urls import reverse

    return reverse("disclosure:plan_board") + f"?month={month:%Y-%m}"
