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
from ._common import office_directors, office_reviewers
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
    request.full_clean()
    request.save()
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
        line.full_clean()
        line.save()
    _open_step(
        request,
        Code.DECIDE,
        started_at=now,
        time_limit_code=kind.decide_time_limit,
    )
    audit_record(
        actor=actor,
        action="disclosure.request.submit",
        target=request,
        after=model_snapshot(request),
        message=gettext_noop("Service request submitted"),
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
    request = locked(request, related=("kind",))
    transitions = {
        Outcome.APPROVED: request.approve,
        Outcome.REJECTED: request.reject,
        Outcome.DEFERRED: request.defer,
    }
    if decision not in transitions:
        raise ValidationError(_("Choose approve, not approve or defer."))
    transition_check(actor, transitions[decision])
    reason = (reason or "").strip()
    before = _snapshot(request)
    now = timezone.now()
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
        _close_step(request, actor=actor, at=now, outcome=decision, note=reason)
        request.approve(next_state)
        request.same_day = bool(same_day and request.kind.uses_stock)
        request.save(update_fields=["state", "same_day", "updated_at"])
        _open_step(request, code, started_at=now, time_limit_code=limit)
        message = gettext_noop("Service request approved")
    else:
        if not reason:
            raise ValidationError(
                _("Give the reason: it is published on the month's board.")
            )
        if decision == Outcome.REJECTED:
            _close_step(request, actor=actor, at=now, outcome=decision, note=reason)
            request.reject()
            request.save(update_fields=["state", "updated_at"])
            todo_close_all(target=request, actor=actor)
            message = gettext_noop("Service request not approved")
        else:
            _close_step(request, actor=actor, at=now, outcome=decision, note=reason)
            request.defer()
            request.save(update_fields=["state", "updated_at"])
            # A deferred request waits for the director with no time limit.
            _open_step(request, Code.REDECIDE, started_at=now)
            message = gettext_noop("Service request deferred")
    audit_record(
        actor=actor,
        action=f"disclosure.request.{decision}",
        target=request,
        before=before,
        after={**_snapshot(request), "reason": reason},
        message=message,
    )
    return request


@transaction.atomic
def service_request_purchase(*, actor, request, note=""):
    """The purchaser records the approved supplies as bought."""
    request = locked(request, related=("kind",))
    transition_check(actor, request.purchase)
    before = _snapshot(request)
    now = timezone.now()
    purchase = _close_step(
        request, actor=actor, at=now, outcome=Outcome.DONE, note=note.strip()
    )
    request.purchase()
    request.save(update_fields=["state", "updated_at"])
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
    audit_record(
        actor=actor,
        action="disclosure.request.purchase",
        target=request,
        before=before,
        after={**_snapshot(request), "note": note},
        message=gettext_noop("Supplies purchased"),
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
    request = locked(request, related=("kind",))
    transition_check(actor, request.stock_in)
    before = _snapshot(request)
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
    items = {item.pk: item for item, _q in received.values()}
    # Locked in id order, as everywhere: two callers cannot deadlock.
    held = {pk: locked(items[pk]) for pk in sorted(items)}
    for line, (item, quantity) in received.items():
        stock_change(
            actor=actor,
            item=held[item.pk],
            change=quantity,
            kind=StockMovement.Kind.IN,
            request=request,
            line=line,
            note=str(request.number),
        )
    stock_step = _close_step(request, actor=actor, at=now, outcome=Outcome.DONE)
    request.stock_in()
    request.save(update_fields=["state", "updated_at"])
    # Issue falls due when the two days that began with the purchase end.
    _open_step(
        request,
        Code.ISSUE,
        started_at=now,
        time_limit_code=stock_step.time_limit_code,
        due_at=stock_step.due_at,
    )
    audit_record(
        actor=actor,
        action="disclosure.request.stock_in",
        target=request,
        before=before,
        after={
            **_snapshot(request),
            "received": {line.pk: q for line, (_i, q) in received.items()},
        },
        message=gettext_noop("Purchased supplies registered into the store"),
    )
    return request


@transaction.atomic
def service_request_issue(*, actor, request, note=""):
    """Hand the supplies to the department and take them out of the store.

    Refused, with the shortfall named, when the store no longer holds enough;
    the office then sends the request to purchase (`service_request_fall_short`).
    """
    request = locked(request, related=("kind",))
    transition_check(actor, request.issue)
    before = _snapshot(request)
    now = timezone.now()
    lines = list(request.lines.select_related("stock_item", "request"))
    wanted = [(line, _line_item(line)) for line in lines]
    missing = [line.name for line, item in wanted if item is None]
    if missing:
        raise ValidationError(
            _("Not in the store: %(items)s.") % {"items": "、".join(missing)}
        )
    items = {item.pk: item for _line, item in wanted}
    # Locked in id order, as everywhere: two callers cannot deadlock.
    held = {pk: locked(items[pk]) for pk in sorted(items)}
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
    for line, item in wanted:
        stock_change(
            actor=actor,
            item=held[item.pk],
            change=-line.quantity,
            kind=StockMovement.Kind.OUT,
            request=request,
            line=line,
            note=str(request.number),
        )
    _close_step(request, actor=actor, at=now, outcome=Outcome.DONE, note=note.strip())
    request.issue()
    request.save(update_fields=["state", "updated_at"])
    audit_record(
        actor=actor,
        action="disclosure.request.issue",
        target=request,
        before=before,
        after=_snapshot(request),
        message=gettext_noop("Supplies issued with stock-out"),
    )
    return request


@transaction.atomic
def service_request_fall_short(*, actor, request, note):
    """The store turned out short at issue: the request goes to purchase."""
    request = locked(request, related=("kind",))
    transition_check(actor, request.fall_short)
    note = (note or "").strip()
    if not note:
        raise ValidationError(_("Say what is missing."))
    before = _snapshot(request)
    now = timezone.now()
    _close_step(request, actor=actor, at=now, outcome=Outcome.SHORT, note=note)
    request.fall_short()
    request.save(update_fields=["state", "updated_at"])
    _open_step(
        request,
        Code.PURCHASE,
        started_at=now,
        time_limit_code=SUPPLIES_SAME_DAY if request.same_day else SUPPLIES_PURCHASE,
    )
    audit_record(
        actor=actor,
        action="disclosure.request.fall_short",
        target=request,
        before=before,
        after={**_snapshot(request), "note": note},
        message=gettext_noop("Store short at issue; sent to purchase"),
    )
    return request


@transaction.atomic
def service_request_complete(*, actor, request, note=""):
    """The office records a non-store request (vehicle, archive, printing) as done."""
    request = locked(request, related=("kind",))
    transition_check(actor, request.complete)
    before = _snapshot(request)
    _close_step(
        request,
        actor=actor,
        at=timezone.now(),
        outcome=Outcome.DONE,
        note=note.strip(),
    )
    request.complete()
    request.save(update_fields=["state", "updated_at"])
    audit_record(
        actor=actor,
        action="disclosure.request.complete",
        target=request,
        before=before,
        after=_snapshot(request),
        message=gettext_noop("Service request handled"),
    )
    return request


@transaction.atomic
def service_request_amend(*, actor, request, text):
    """Add a visible correction; the original stays exactly as submitted."""
    request = locked(request)
    authorize(actor, "disclosure.amend_request", request)
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write the amendment."))
    amendment = ServiceRequestAmendment(
        request=request, author=actor, text=text, created_at=timezone.now()
    )
    amendment.full_clean()
    amendment.save()
    audit_record(
        actor=actor,
        action="disclosure.request.amend",
        target=request,
        after={"amendment": text},
        message=gettext_noop("Amendment added to a service request"),
    )
    return amendment
