"""Service requests: submit → decide → (purchase → stock-in →) issue, or handle.

Each step is a `ServiceStep` row opened with its due time from the clock and
closed once, and a to-do for whoever must act. The request row is locked for
every move, so two people acting at once make exactly one transition; the
model's transitions say from which state each step may be taken and who may
take it (`transition_check`).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.audit.services import audit_record, model_snapshot
from apps.core.actions import authorize, locked, transition_check
from apps.core.numbering import number_next
from apps.todos.services import todo_close, todo_close_all, todo_open
from apps.workdays.clock import due_for_step

from ..models import (
    ServiceKind,
    ServiceRequest,
    ServiceRequestAmendment,
    ServiceRequestLine,
    ServiceStep,
    StockItem,
    StockMovement,
)
from ._common import (
    audit_created,
    office_directors,
    office_reviewers,
    required_text,
    save_new,
)
from .stock import stock_change

Code = ServiceStep.Code
Outcome = ServiceStep.Outcome
State = ServiceRequest.State

# The series of core's gap-free numbering that numbers the requests.
NUMBER_SERIES = "disclosure.request"

SUPPLIES_PURCHASE = "disclosure.supplies_purchase"
SUPPLIES_ISSUE = "disclosure.supplies_issue"
SUPPLIES_SAME_DAY = "disclosure.supplies_urgent"

# What each step asks of whom (the to-do's label is an English message id).
STEP_LABELS = {
    Code.DECIDE: gettext_noop("Decide the service request"),
    Code.REDECIDE: gettext_noop("Decide the deferred service request"),
    Code.PURCHASE: gettext_noop("Purchase the approved supplies"),
    Code.STOCK_IN: gettext_noop("Register the purchased supplies into the store"),
    Code.ISSUE: gettext_noop("Issue the supplies with stock-out"),
    Code.HANDLE: gettext_noop("Handle the approved service request"),
}


# Each decision of the director: the model's transition, and the audit message.
DECISIONS = {
    Outcome.APPROVED: "approve",
    Outcome.REJECTED: "reject",
    Outcome.DEFERRED: "defer",
}
DECISION_MESSAGES = {
    Outcome.APPROVED: gettext_noop("Service request approved"),
    Outcome.REJECTED: gettext_noop("Service request not approved"),
    Outcome.DEFERRED: gettext_noop("Service request deferred"),
}


def _todo_code(step_code):
    return f"disclosure.request.{step_code}"


def _snapshot(request):
    return model_snapshot(request, fields=["number", "state", "same_day"])


def _open_step(request, code, *, started_at, time_limit_code="", due_at=None):
    if due_at is None and time_limit_code:
        due_at = due_for_step(time_limit_code, started_at)
    step = ServiceStep.objects.create(
        request=request,
        code=code,
        time_limit_code=time_limit_code,
        started_at=started_at,
        due_at=due_at,
    )
    if code in (Code.DECIDE, Code.REDECIDE):
        assignees = office_directors(request.procuratorate_id)
    else:
        assignees = office_reviewers(request.procuratorate_id)
    todo_open(
        target=request,
        step_code=_todo_code(code),
        label=STEP_LABELS[code],
        assignees=assignees,
        url=request.get_absolute_url(),
        due_at=due_at,
        subject=str(request),
    )
    return step


def _close_step(request, *, actor, at, outcome, note=""):
    # The caller holds the request's row lock, which serialises its steps.
    step = ServiceStep.objects.get(request=request, done_at__isnull=True)
    step.done_at = at
    step.done_by = actor
    step.outcome = outcome
    step.note = note
    step.full_clean()
    step.save(update_fields=["done_at", "done_by", "outcome", "note"])
    todo_close(target=request, step_code=_todo_code(step.code), actor=actor)
    return step


def _begin(actor, request, transition):
    """The request's row, locked, once the step is open to the actor; with its
    snapshot before the step, for the audit trail."""
    request = locked(request, related=("kind",))
    transition_check(actor, getattr(request, transition))
    return request, _snapshot(request)


def _advance(
    request,
    transition,
    *args,
    actor,
    before,
    message,
    action=None,
    at=None,
    outcome=Outcome.DONE,
    note="",
    fields=(),
    after=None,
):
    """Close the open step, take the model's `transition` (by name), save the
    new state and write the audit trail (`action`, by default the transition's
    name); returns the closed step."""
    step = _close_step(
        request, actor=actor, at=at or timezone.now(), outcome=outcome, note=note
    )
    getattr(request, transition)(*args)
    request.save(update_fields=["state", *fields, "updated_at"])
    audit_record(
        actor=actor,
        action=f"disclosure.request.{action or transition}",
        target=request,
        before=before,
        after={**_snapshot(request), **(after or {})},
        message=message,
    )
    return step


def _lock_items(items):
    """Lock the store items in id order, as everywhere: two callers cannot deadlock."""
    return {pk: locked(items[pk]) for pk in sorted(items)}


def _move_stock(request, moves, *, actor, kind):
    """Register one store movement per (line, item, change) for the request."""
    for line, item, change in moves:
        stock_change(
            actor=actor,
            item=item,
            change=change,
            kind=kind,
            request=request,
            line=line,
            note=str(request.number),
        )


def _next_number(procuratorate, at):
    """The request's number, 2025-0001: the year, then its gap-free serial."""
    year = timezone.localtime(at).year
    serial = number_next(procuratorate=procuratorate, series=NUMBER_SERIES, year=year)
    return f"{year}-{serial:04d}"


@transaction.atomic
def service_request_submit(*, actor, kind, title, content, lines=(), urgent=False):
    """A department clerk (or head) sends a request to the office.

    `lines` is a list of dicts with `stock_item` (a StockItem or None), `name`,
    `quantity` and `unit`; a kind that goes through the store needs at least one.
    """
    authorize(actor, "disclosure.submit_request")
    staff = actor.staff
    if staff.department_id is None:
        raise ValidationError(_("Only a member of a department can send a request."))
    if not isinstance(kind, ServiceKind) or not kind.is_active:
        raise ValidationError(_("Choose a kind of service that is offered."))
    lines = [line for line in lines if line]
    if kind.uses_stock and not lines:
        raise ValidationError(_("List at least one item."))
    now = timezone.now()
    request = ServiceRequest(
        procuratorate_id=staff.procuratorate_id,
        number=_next_number(staff.procuratorate, now),
        kind=kind,
        department_id=staff.department_id,
        requested_by=actor,
        title=title.strip(),
        content=content.strip(),
        urgent=urgent,
        submitted_at=now,
    )
    save_new(request)
    for data in lines:
        item = data.get("stock_item")
        if item is not None and (
            item.procuratorate_id != staff.procuratorate_id or not item.is_active
        ):
            raise ValidationError(_("Choose items from your own store."))
        line = ServiceRequestLine(
            request=request,
            stock_item=item,
            name=(data.get("name") or (item.name if item else "")).strip(),
            quantity=data.get("quantity") or 0,
            unit=(data.get("unit") or (item.unit if item else "") or "个").strip(),
        )
        save_new(line)
    _open_step(
        request,
        Code.DECIDE,
        started_at=now,
        time_limit_code=kind.decide_time_limit,
    )
    audit_created(
        actor,
        request,
        "disclosure.request.submit",
        gettext_noop("Service request submitted"),
    )
    return request


def _in_stock(request):
    """True when the store already holds every line (so it is issued today)."""
    lines = list(request.lines.select_related("stock_item"))
    return bool(lines) and all(
        line.stock_item is not None
        and line.stock_item.is_active
        and line.stock_item.quantity >= line.quantity
        for line in lines
    )


@transaction.atomic
def service_request_decide(*, actor, request, decision, reason="", same_day=False):
    """The office director approves, rejects (with reason) or defers (with reason).

    Approved supplies the store holds are issued the same day; others are
    bought within the purchase limit, or the same day when the director so
    decides (`same_day`). Other kinds go to handling.
    """
    if decision not in DECISIONS:
        raise ValidationError(_("Choose approve, not approve or defer."))
    request, before = _begin(actor, request, DECISIONS[decision])
    reason = (reason or "").strip()
    now = timezone.now()
    args, fields = (), ()
    if decision == Outcome.APPROVED:
        if not request.kind.uses_stock:
            next_state, code = State.AWAITING_HANDLING, Code.HANDLE
            limit = request.kind.handle_time_limit
        elif _in_stock(request):
            next_state, code, limit = (
                State.AWAITING_ISSUE,
                Code.ISSUE,
                SUPPLIES_SAME_DAY,
            )
        else:
            next_state, code = State.AWAITING_PURCHASE, Code.PURCHASE
            limit = SUPPLIES_SAME_DAY if same_day else SUPPLIES_PURCHASE
        args, fields = (next_state,), ["same_day"]
        request.same_day = bool(same_day and request.kind.uses_stock)
    elif not reason:
        raise ValidationError(
            _("Give the reason: it is published on the month's board.")
        )
    _advance(
        request,
        DECISIONS[decision],
        *args,
        actor=actor,
        at=now,
        before=before,
        action=decision,
        message=DECISION_MESSAGES[decision],
        outcome=decision,
        note=reason,
        fields=fields,
        after={"reason": reason},
    )
    if decision == Outcome.APPROVED:
        _open_step(request, code, started_at=now, time_limit_code=limit)
    elif decision == Outcome.REJECTED:
        todo_close_all(target=request, actor=actor)
    else:
        # A deferred request waits for the director with no time limit.
        _open_step(request, Code.REDECIDE, started_at=now)
    return request


@transaction.atomic
def service_request_purchase(*, actor, request, note=""):
    """The purchaser records the approved supplies as bought."""
    request, before = _begin(actor, request, "purchase")
    now = timezone.now()
    purchase = _advance(
        request,
        "purchase",
        actor=actor,
        at=now,
        before=before,
        message=gettext_noop("Supplies purchased"),
        note=note.strip(),
        after={"note": note},
    )
    # The essay: bought goods are registered and issued within two days; a
    # same-day decision keeps the whole chain within the day of approval.
    if request.same_day:
        due_at = due_for_step(SUPPLIES_SAME_DAY, purchase.started_at)
        limit = SUPPLIES_SAME_DAY
    else:
        due_at = due_for_step(SUPPLIES_ISSUE, now)
        limit = SUPPLIES_ISSUE
    _open_step(
        request, Code.STOCK_IN, started_at=now, time_limit_code=limit, due_at=due_at
    )
    return request


def _line_item(line, *, create=False, actor=None):
    """The store item a line is counted against (made on stock-in if new)."""
    if line.stock_item_id:
        return line.stock_item
    movement = (
        line.stock_movements.filter(kind=StockMovement.Kind.IN)
        .select_related("item")
        .first()
    )
    if movement is not None:
        return movement.item
    if not create:
        return None
    item, _created = StockItem.objects.get_or_create(
        procuratorate_id=line.request.procuratorate_id,
        name=line.name,
        defaults={"unit": line.unit},
    )
    return item


@transaction.atomic
def service_request_stock_in(*, actor, request, quantities=None):
    """Register the purchased goods into the store (入库登记), line by line.

    `quantities` maps line id → quantity received (default: what was asked).
    A thing the store did not keep yet becomes a new store item.
    """
    request, before = _begin(actor, request, "stock_in")
    now = timezone.now()
    quantities = quantities or {}
    lines = list(request.lines.select_related("stock_item", "request"))
    received = {}
    for line in lines:
        quantity = quantities.get(line.pk, line.quantity)
        if quantity is None or quantity < 0:
            raise ValidationError(_("A received quantity cannot be negative."))
        if quantity:
            received[line] = (_line_item(line, create=True, actor=actor), quantity)
    if not received:
        raise ValidationError(_("Register at least one received item."))
    held = _lock_items({item.pk: item for item, _q in received.values()})
    _move_stock(
        request,
        [(line, held[item.pk], q) for line, (item, q) in received.items()],
        actor=actor,
        kind=StockMovement.Kind.IN,
    )
    stock_step = _advance(
        request,
        "stock_in",
        actor=actor,
        at=now,
        before=before,
        message=gettext_noop("Purchased supplies registered into the store"),
        after={"received": {line.pk: q for line, (_i, q) in received.items()}},
    )
    # Issue falls due when the two days that began with the purchase end.
    _open_step(
        request,
        Code.ISSUE,
        started_at=now,
        time_limit_code=stock_step.time_limit_code,
        due_at=stock_step.due_at,
    )
    return request


@transaction.atomic
def service_request_issue(*, actor, request, note=""):
    """Hand the supplies to the department and take them out of the store.

    Refused, with the shortfall named, when the store no longer holds enough;
    the office then sends the request to purchase (`service_request_fall_short`).
    """
    request, before = _begin(actor, request, "issue")
    lines = list(request.lines.select_related("stock_item", "request"))
    wanted = [(line, _line_item(line)) for line in lines]
    missing = [line.name for line, item in wanted if item is None]
    if missing:
        raise ValidationError(
            _("Not in the store: %(items)s.") % {"items": "、".join(missing)}
        )
    held = _lock_items({item.pk: item for _line, item in wanted})
    shortages = []
    for line, item in wanted:
        if held[item.pk].quantity < line.quantity:
            shortages.append(
                _("%(item)s: %(have)s held, %(need)s needed")
                % {
                    "item": item.name,
                    "have": held[item.pk].quantity,
                    "need": line.quantity,
                }
            )
    if shortages:
        raise ValidationError(
            _("The store does not hold enough — %(list)s.")
            % {"list": "；".join(str(s) for s in shortages)}
        )
    _move_stock(
        request,
        [(line, held[item.pk], -line.quantity) for line, item in wanted],
        actor=actor,
        kind=StockMovement.Kind.OUT,
    )
    _advance(
        request,
        "issue",
        actor=actor,
        before=before,
        message=gettext_noop("Supplies issued with stock-out"),
        note=note.strip(),
    )
    return request


@transaction.atomic
def service_request_fall_short(*, actor, request, note):
    """The store turned out short at issue: the request goes to purchase."""
    request, before = _begin(actor, request, "fall_short")
    note = required_text(note, _("Say what is missing."))
    now = timezone.now()
    _advance(
        request,
        "fall_short",
        actor=actor,
        at=now,
        before=before,
        message=gettext_noop("Store short at issue; sent to purchase"),
        outcome=Outcome.SHORT,
        note=note,
        after={"note": note},
    )
    _open_step(
        request,
        Code.PURCHASE,
        started_at=now,
        time_limit_code=SUPPLIES_SAME_DAY if request.same_day else SUPPLIES_PURCHASE,
    )
    return request


@transaction.atomic
def service_request_complete(*, actor, request, note=""):
    """The office records a non-store request (vehicle, archive, printing) as done."""
    request, before = _begin(actor, request, "complete")
    _advance(
        request,
        "complete",
        actor=actor,
        before=before,
        message=gettext_noop("Service request handled"),
        note=note.strip(),
    )
    return request


@transaction.atomic
def service_request_amend(*, actor, request, text):
    """Add a visible correction; the original stays exactly as submitted."""
    request = locked(request)
    authorize(actor, "disclosure.amend_request", request)
    text = required_text(text, _("Write the amendment."))
    amendment = ServiceRequestAmendment(
        request=request, author=actor, text=text, created_at=timezone.now()
    )
    save_new(amendment)
    audit_record(
        actor=actor,
        action="disclosure.request.amend",
        target=request,
        after={"amendment": text},
        message=gettext_noop("Amendment added to a service request"),
    )
    return amendment
