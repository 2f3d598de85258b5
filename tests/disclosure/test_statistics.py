"""Statistics and the newsletter: the figures, computed in fixed queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.disclosure.selectors import disclosure_statistics, newsletter_context
from apps.disclosure.services import (
    plan_create,
    plan_item_add,
    plan_publish,
    plan_record_results,
    service_request_decide,
    service_request_issue,
)
from tests.factories import Role, make_user

from .conftest import submit

pytestmark = pytest.mark.django_db


def decide_and_issue(clock, people, supplies, pens, *, decide_day, issue_day):
    clock.at(2025, 11, 3, 9)
    request = submit(people["clerk"], supplies, (pens, 1))
    clock.at(2025, 11, decide_day, 10)
    service_request_decide(
        actor=people["office_head"], request=request, decision="approved"
    )
    clock.at(2025, 11, issue_day, 10)
    service_request_issue(actor=people["office_reviewer"], request=request)
    return request


def test_on_time_rate_per_step_and_requests_handled(clock, people, supplies, pens):
    decide_and_issue(clock, people, supplies, pens, decide_day=5, issue_day=5)
    decide_and_issue(clock, people, supplies, pens, decide_day=14, issue_day=17)
    clock.at(2025, 11, 20)
    request = submit(people["clerk"], supplies, (pens, 1))
    service_request_decide(
        actor=people["office_head"],
        request=request,
        decision="rejected",
        reason="不需要",
    )
    clock.at(2025, 12, 1)
    stats = disclosure_statistics(user=people["pg"], year=2025)
    rates = {s["label"]: (s["done"], s["on_time"], s["rate"]) for s in stats["steps"]}
    # Decided on day 2 and day 11 after submission (limit 7 days); rejected at once.
    assert rates["决定"] == (3, 2, 67)
    # Issued the same day once, three days late once.
    assert rates["发放"] == (2, 1, 50)
    assert stats["totals"]["submitted"] == 3
    assert stats["totals"]["handled"] == 3
    assert stats["monthly"][10]["submitted"] == 3


def test_tasks_completed_by_month(clock, people, office):
    clerk = make_user(department=office, roles=[Role.DEPARTMENT_CLERK])
    plan = plan_create(actor=clerk, month=datetime.date(2025, 10, 1))
    for task in ("甲", "乙", "丙"):
        plan_item_add(actor=clerk, plan=plan, content=task)
    plan_publish(actor=clerk, plan=plan)
    a, b, c = plan.items.all()
    plan_record_results(
        actor=clerk,
        plan=plan,
        results={a.pk: ("", 100), b.pk: ("", 100), c.pk: ("", 40)},
        extra=[("丁", "", 100)],
    )
    october = disclosure_statistics(user=people["pg"], year=2025)["monthly"][9]
    assert (
        october["tasks_planned"],
        october["tasks_done"],
        october["tasks_unplanned"],
    ) == (
        3,
        2,
        1,
    )
    assert october["tasks_average"] == 80


def test_newsletter_gathers_the_month(clock, people, supplies, pens):
    decide_and_issue(clock, people, supplies, pens, decide_day=5, issue_day=5)
    context = newsletter_context(user=people["staff"], month=datetime.date(2025, 11, 1))
    assert context["totals"]["handled"] == 1
    assert {s["label"] for s in context["steps"]} == {"决定", "发放"}


def test_statistics_page_costs_a_fixed_number_of_queries(
    clock, client, people, supplies, pens
):
    url = reverse("disclosure:statistics") + "?year=2025"
    decide_and_issue(clock, people, supplies, pens, decide_day=5, issue_day=5)
    # Sessions expire when idle; sign in at the (test) clock's present.
    clock.at(2025, 12, 1)
    client.force_login(people["pg"])
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for day in (6, 7, 10, 12):
        decide_and_issue(clock, people, supplies, pens, decide_day=day, issue_day=day)
    clock.at(2025, 12, 1)
    client.force_login(people["pg"])
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
    assert 'id="disclosure-chart-data"' in response.content.decode()


def test_leadership_board_panel_is_fixed_cost(clock, client, people, supplies, pens):
    decide_and_issue(clock, people, supplies, pens, decide_day=5, issue_day=5)
    clock.at(2025, 11, 28)
    client.force_login(people["pg"])
    url = reverse("dashboard:home")
    with CaptureQueriesContext(connection) as small:
        response = client.get(url)
    assert 'data-testid="disclosure-panel"' in response.content.decode()
    for day in (6, 7, 10):
        decide_and_issue(clock, people, supplies, pens, decide_day=day, issue_day=day)
    clock.at(2025, 11, 28)
    client.force_login(people["pg"])
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
    # Staff without statistics see no panel (nor the board at all).
    client.force_login(people["staff"])
    assert client.get(url).status_code == 403
