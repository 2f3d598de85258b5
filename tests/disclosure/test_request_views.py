"""Request and store pages: who may open what, the forms, fixed query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.disclosure.models import ServiceRequest
from apps.disclosure.services import service_request_decide
from tests.permissions import ANONYMOUS, assert_matrix

from .conftest import make_item, submit

pytestmark = pytest.mark.django_db

EVERYONE = [
    "pg",
    "deputy",
    "head",
    "officer",
    "clerk",
    "staff",
    "office_reviewer",
    "office_head",
]
ADMINS = ["system_admin", "security_admin", "audit_admin"]


def row(ok, *, ok_status=200, denied=403, extra=None):
    cells = {ANONYMOUS: 302, "outsider": denied}
    cells.update({role: ok_status if role in ok else denied for role in EVERYONE})
    cells.update(dict.fromkeys(ADMINS, 403))
    cells.update(extra or {})
    return cells


@pytest.fixture
def request_obj(people, supplies, pens):
    return submit(people["clerk"], supplies, (pens, 2))


def test_page_matrix(client, people, request_obj, pens):
    detail = reverse("disclosure:request_detail", args=[request_obj.pk])
    assert_matrix(
        client,
        people,
        {
            reverse("disclosure:index"): row(EVERYONE, extra={"outsider": 200}),
            reverse("disclosure:request_list"): row(EVERYONE, extra={"outsider": 200}),
            reverse("disclosure:request_create"): row(
                ["head", "clerk", "office_head"], extra={"outsider": 200}
            ),
            # Another procuratorate's request is simply not found.
            detail: row(EVERYONE, extra={"outsider": 404}),
            reverse("disclosure:stock_list"): row(
                ["pg", "deputy", "office_reviewer", "office_head"]
            ),
            reverse("disclosure:stock_item", args=[pens.pk]): row(
                ["pg", "deputy", "office_reviewer", "office_head"]
            ),
        },
    )


def test_decide_matrix(client, people, request_obj):
    url = reverse("disclosure:request_decide", args=[request_obj.pk])
    # Refused people get 403 and nothing changes; the director's approval
    # redirects (and a second attempt after it is a refusal message, 200).
    assert_matrix(
        client,
        people,
        {
            url: {
                ANONYMOUS: 302,
                "clerk": 403,
                "head": 403,
                "pg": 403,
                "office_reviewer": 403,
                "system_admin": 403,
                "outsider": 404,
                "office_head": 302,
            }
        },
        method="post",
        data={"decision": "approved", "reason": ""},
    )
    request_obj.refresh_from_db()
    assert request_obj.state == ServiceRequest.State.AWAITING_ISSUE


def test_clerk_submits_through_the_form(client, people, supplies, pens):
    client.force_login(people["clerk"])
    response = client.post(
        reverse("disclosure:request_create"),
        {
            "kind": supplies.pk,
            "title": "申请签字笔",
            "content": "办案用",
            "lines-TOTAL_FORMS": "2",
            "lines-INITIAL_FORMS": "0",
            "lines-0-stock_item": pens.pk,
            "lines-0-quantity": "3",
            "lines-1-name": "长尾夹",
            "lines-1-quantity": "2",
            "lines-1-unit": "盒",
        },
    )
    created = ServiceRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == created.get_absolute_url()
    assert [(x.name, x.quantity, x.unit) for x in created.lines.all()] == [
        ("签字笔", 3, "支"),
        ("长尾夹", 2, "盒"),
    ]


def test_a_refusal_keeps_what_was_typed(client, people, supplies):
    client.force_login(people["clerk"])
    response = client.post(
        reverse("disclosure:request_create"),
        {
            "kind": supplies.pk,
            "title": "申请办公用品",
            "content": "我写的内容",
            "lines-TOTAL_FORMS": "1",
            "lines-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "我写的内容" in page
    assert "至少列出一项物品" in page or "List at least one item" in page
    assert not ServiceRequest.objects.exists()


def test_reject_without_reason_shows_the_message_and_keeps_the_choice(
    client, people, request_obj
):
    client.force_login(people["office_head"])
    response = client.post(
        reverse("disclosure:request_decide", args=[request_obj.pk]),
        {"decision": "rejected", "reason": ""},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        'value="rejected" class="form-check-input" id="id_decision_2" checked' in page
        or ('value="rejected"' in page and "checked" in page)
    )
    request_obj.refresh_from_db()
    assert request_obj.state == ServiceRequest.State.SUBMITTED


def test_a_late_second_decision_says_so_in_chinese(client, people, request_obj):
    service_request_decide(
        actor=people["office_head"], request=request_obj, decision="approved"
    )
    client.force_login(people["office_head"])
    response = client.post(
        reverse("disclosure:request_decide", args=[request_obj.pk]),
        {"decision": "rejected", "reason": "不同意"},
    )
    assert response.status_code == 200
    assert "已经进入下一环节" in response.content.decode()


def _make_requests(people, supplies, procuratorate, n):
    item = make_item(procuratorate, f"物品{n}", 100)
    for i in range(n):
        request = submit(people["clerk"], supplies, (item, 1), (f"其他{i}", 1))
        if i % 2:
            service_request_decide(
                actor=people["office_head"],
                request=request,
                decision="deferred",
                reason="缓办",
            )


@pytest.mark.parametrize(
    "url_name", ["disclosure:request_list", "disclosure:supplies_board"]
)
def test_list_pages_cost_a_fixed_number_of_queries(
    client, people, supplies, procuratorate, url_name
):
    client.force_login(people["staff"])
    url = reverse(url_name)
    _make_requests(people, supplies, procuratorate, 2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _make_requests(people, supplies, procuratorate, 8)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_store_page_warns_of_low_stock(client, people, procuratorate):
    make_item(procuratorate, "墨盒", 1, low=2)
    make_item(procuratorate, "签字笔", 50, low=10)
    client.force_login(people["office_reviewer"])
    response = client.get(reverse("disclosure:stock_list"))
    assert response.context["low_count"] == 1
    assert 'data-testid="low-stock-warning"' in response.content.decode()
