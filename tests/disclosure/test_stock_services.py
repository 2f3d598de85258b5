"""The store's arithmetic: never negative, every change in the ledger, locked."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from apps.disclosure.models import ServiceRequest, StockItem, StockMovement
from apps.disclosure.services import (
    service_request_decide,
    service_request_issue,
    stock_adjust,
    stock_item_create,
    stock_receive,
)
from apps.todos.models import TodoItem

from .conftest import submit

pytestmark = pytest.mark.django_db


def low_todos(item):
    return TodoItem.objects.filter(
        object_id=str(item.pk), step_code="disclosure.stock.low", status="open"
    )


class TestLedger:
    def test_opening_stock_receipt_and_count_are_all_in_the_ledger(self, people):
        reviewer = people["office_reviewer"]
        item = stock_item_create(
            actor=reviewer, name="A4复印纸", unit="包", low_stock_level=5, quantity=20
        )
        stock_receive(actor=reviewer, item=item, quantity=10, note="月度补货")
        stock_adjust(actor=reviewer, item=item, counted=28, reason="盘点发现破损2包")
        item.refresh_from_db()
        assert item.quantity == 28
        ledger = list(
            item.movements.order_by("id").values_list("kind", "change", "balance_after")
        )
        assert ledger == [("in", 20, 20), ("in", 10, 30), ("adjust", -2, 28)]
        assert sum(change for _k, change, _b in ledger) == item.quantity

    def test_a_count_needs_a_reason(self, people):
        item = stock_item_create(
            actor=people["office_reviewer"], name="墨盒", unit="个"
        )
        with pytest.raises(ValidationError):
            stock_adjust(
                actor=people["office_reviewer"], item=item, counted=3, reason=""
            )

    def test_only_the_office_keeps_the_store(self, people):
        with pytest.raises(PermissionDenied):
            stock_item_create(actor=people["clerk"], name="墨盒", unit="个")
        item = stock_item_create(
            actor=people["office_reviewer"], name="墨盒", unit="个"
        )
        with pytest.raises(PermissionDenied):
            stock_receive(actor=people["head"], item=item, quantity=1)

    def test_another_procuratorates_item_is_not_touched(
        self, people, other_procuratorate
    ):
        foreign = StockItem.objects.create(
            procuratorate=other_procuratorate, name="墨盒"
        )
        with pytest.raises(ValidationError):
            stock_receive(actor=people["office_reviewer"], item=foreign, quantity=5)
        foreign.refresh_from_db()
        assert foreign.quantity == 0


class TestNeverNegative:
    def test_the_database_refuses_a_negative_level(self, pens):
        with pytest.raises(IntegrityError), transaction.atomic():
            StockItem.objects.filter(pk=pens.pk).update(quantity=-1)

    def test_an_issue_beyond_the_stock_changes_nothing(
        self, clock, people, supplies, pens
    ):
        request = submit(people["clerk"], supplies, (pens, 6))
        service_request_decide(
            actor=people["office_head"], request=request, decision="approved"
        )
        stock_adjust(
            actor=people["office_reviewer"], item=pens, counted=5, reason="盘点"
        )
        with pytest.raises(ValidationError, match="签字笔"):
            service_request_issue(actor=people["office_reviewer"], request=request)
        pens.refresh_from_db()
        assert pens.quantity == 5
        assert not StockMovement.objects.filter(kind="out").exists()
        request.refresh_from_db()
        assert request.state == ServiceRequest.State.AWAITING_ISSUE

    def test_a_count_below_zero_is_refused(self, people, pens):
        with pytest.raises(ValidationError):
            stock_adjust(
                actor=people["office_reviewer"], item=pens, counted=-1, reason="x"
            )


class TestLowStock:
    def test_falling_to_the_level_asks_for_a_purchase_plan_and_restock_closes_it(
        self, clock, people, supplies
    ):
        reviewer = people["office_reviewer"]
        item = stock_item_create(
            actor=reviewer, name="签字笔", unit="支", low_stock_level=3, quantity=5
        )
        assert not low_todos(item).exists()
        request = submit(people["clerk"], supplies, (item, 2))
        service_request_decide(
            actor=people["office_head"], request=request, decision="approved"
        )
        service_request_issue(actor=reviewer, request=request)
        item.refresh_from_db()
        assert item.is_low
        assert set(low_todos(item).values_list("assignee__username", flat=True)) == {
            "t.reviewer",
            "t.officehead",
        }
        stock_receive(actor=reviewer, item=item, quantity=10)
        assert not low_todos(item).exists()


@pytest.mark.django_db(transaction=True)
def test_two_issues_at_once_cannot_both_take_the_last_boxes(people, supplies):
    """Two office staff issue two approved requests at the same moment: the
    store holds 4, each wants 3; exactly one gets them, the other is refused."""
    reviewer, head = people["office_reviewer"], people["office_head"]
    item = stock_item_create(actor=reviewer, name="A4复印纸", unit="包", quantity=4)
    requests = []
    for _ in range(2):
        request = submit(people["clerk"], supplies, (item, 3))
        service_request_decide(actor=head, request=request, decision="approved")
        requests.append(request)

    barrier = threading.Barrier(2)
    outcomes = []

    def issue(actor, request):
        try:
            barrier.wait()
            service_request_issue(actor=actor, request=request)
            outcomes.append("issued")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=issue, args=(reviewer, requests[0])),
        threading.Thread(target=issue, args=(head, requests[1])),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    item.refresh_from_db()
    assert sorted(outcomes) == ["issued", "refused"]
    assert item.quantity == 1
    assert StockMovement.objects.filter(item=item, kind="out").count() == 1
