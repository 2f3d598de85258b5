"""Request and store pages: who may open what, the forms, fixed query counts."""

import re

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


def decide_url(request_obj):
    return reverse(
        "disclosure:request_act", kwargs={"pk": request_obj.pk, "action": "decide"}
    )


def test_decide_matrix(client, people, request_obj):
    url = decide_url(request_obj)
    # Refused people get 403 and nothing changes; the director's approval
    # redirects (and a second attempt after it is a refusal message, 302).
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
        data={"decide-decision": "approved", "decide-reason": ""},
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
        decide_url(request_obj),
        {"decide-decision": "rejected", "decide-reason": ""},
    )
    # Post/redirect/get: the browser never stays on the POST URL.
    assert response.status_code == 302
    assert response["Location"] == request_obj.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert 'value="rejected"' in page
    assert re.search(r'value="rejected"[^>]*checked', page)
    assert "请说明理由：理由将在本月公示栏中公布。" in page
    request_obj.refresh_from_db()
    assert request_obj.state == ServiceRequest.State.SUBMITTED


def test_a_late_second_decision_says_so_in_chinese(client, people, request_obj):
    service_request_decide(
        actor=people["office_head"], request=request_obj, decision="approved"
    )
    client.force_login(people["office_head"])
    response = client.post(
        decide_url(request_obj),
        {"decide-decision": "rejected", "decide-reason": "不同意"},
    )
    assert response.status_code == 302
    assert response["Location"] == request_obj.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert "此步骤现在不能办理" in page
    assert 'data-testid="action-decide"' not in page


def test_a_refusal_by_the_service_redirects_and_says_why(
    client, people, request_obj, pens
):
    # Given an approved request to issue, and a store that has run short since,
    service_request_decide(
        actor=people["office_head"], request=request_obj, decision="approved"
    )
    pens.quantity = 1
    pens.save(update_fields=["quantity"])
    client.force_login(people["office_reviewer"])
    url = reverse(
        "disclosure:request_act", kwargs={"pk": request_obj.pk, "action": "issue"}
    )
    # when the office issues, the service refuses with the shortfall named:
    response = client.post(url, {"issue-note": "今日发放"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "签字笔" in page and "今日发放" in page
    request_obj.refresh_from_db()
    assert request_obj.state == ServiceRequest.State.AWAITING_ISSUE


def test_an_invalid_action_form_comes_back_with_what_was_typed(client, people, pens):
    client.force_login(people["office_reviewer"])
    url = reverse("disclosure:stock_act", kwargs={"pk": pens.pk, "action": "adjust"})
    response = client.post(url, {"adjust-counted": "-3", "adjust-reason": "盘点差异"})
    assert response.status_code == 302
    assert response["Location"] == pens.get_absolute_url()
    response = client.get(response["Location"])
    form = next(o.form for o in response.context["offers"] if o.name == "adjust")
    assert form.is_bound and form.errors["counted"]
    assert (form["counted"].value(), form["reason"].value()) == ("-3", "盘点差异")
    assert 'value="盘点差异"' in response.content.decode()
    pens.refresh_from_db()
    assert pens.quantity == 10


@pytest.mark.parametrize(
    ("who", "offered"),
    [
        ("office_head", {"decide", "amend"}),
        # The office handles requests and amends, but deciding is the director's.
        ("office_reviewer", {"amend"}),
        ("clerk", {"amend"}),
        ("head", {"amend"}),
        ("staff", set()),
        ("pg", set()),
    ],
)
def test_the_request_page_offers_only_what_the_user_may_do_now(
    client, people, request_obj, who, offered
):
    client.force_login(people[who])
    page = client.get(request_obj.get_absolute_url()).content.decode()
    assert set(re.findall(r'data-testid="action-([a-z_]+)"', page)) == offered


def test_each_step_is_offered_to_the_office_at_its_turn(
    client, people, request_obj, paper, supplies
):
    request = submit(people["clerk"], supplies, (paper, 1))
    service_request_decide(
        actor=people["office_head"], request=request, decision="approved"
    )
    client.force_login(people["office_reviewer"])
    page = client.get(request.get_absolute_url()).content.decode()
    assert 'data-testid="action-purchase"' in page
    for later in ("stock_in", "issue", "fall_short", "complete", "decide"):
        assert f'data-testid="action-{later}"' not in page
    # A step that is not open is not taken through its URL either.
    response = client.post(
        reverse("disclosure:request_act", kwargs={"pk": request.pk, "action": "issue"})
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == ServiceRequest.State.AWAITING_PURCHASE


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
