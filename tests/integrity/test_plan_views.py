"""Plan pages: the overload warning before approval, activities, sign-up."""

import datetime

import pytest
from django.urls import reverse

from apps.integrity import services
from apps.integrity.models import ActivityKind, IntegrityPlan, Participation
from tests.permissions import ANONYMOUS, assert_matrix

from .test_plan_services import YEAR, the_essays_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organiser):
    plan = services.plan_save(
        actor=organiser, fields={"year": YEAR, "title": "2026年廉政文化建设计划"}
    )
    the_essays_year(organiser, plan)
    return plan


@pytest.fixture
def users(people, organiser):
    return {**people, "organiser": organiser}


def test_permission_matrix(client, users, plan):
    assert_matrix(
        client,
        users,
        {
            reverse("integrity:index"): {
                ANONYMOUS: 302,
                "staff": 200,
                "system_admin": 403,
            },
            reverse("integrity:plan_create"): {"organiser": 200, "staff": 403},
            plan.get_absolute_url(): {"staff": 200, "pg": 200, "outsider": 404},
            reverse("integrity:activity_create", args=[plan.pk]): {
                "organiser": 200,
                "staff": 403,
                "outsider": 403,
            },
        },
    )
    assert_matrix(
        client,
        users,
        {
            reverse("integrity:plan_act", args=[plan.pk, "submit"]): {
                "staff": 403,
                "outsider": 404,
            },
        },
        method="post",
    )
    services.plan_submit(actor=users["organiser"], plan=plan)
    assert_matrix(
        client,
        users,
        {
            reverse("integrity:plan_act", args=[plan.pk, "decide"]): {
                "organiser": 403,
                "head": 403,
            },
        },
        method="post",
    )


def test_the_plan_shows_its_overload_to_the_approver(client, people, organiser, plan):
    services.plan_submit(actor=organiser, plan=plan)
    client.force_login(people["pg"])
    page = client.get(plan.get_absolute_url()).content.decode()
    assert 'data-testid="overload-warning"' in page
    assert "13周同时开展不同来源的主题活动" in page
    assert "干部作风集中整治活动〔地方党委政府〕" in page
    # Approving without a word on the overload is refused: the browser goes
    # back to the plan (never left on the POST URL), which says why.
    decide = reverse("integrity:plan_act", args=[plan.pk, "decide"])
    response = client.post(decide, {"decide-decision": "approve"})
    assert response.status_code == 302
    assert response["Location"] == plan.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert "周同时有不同来源的主题活动" in page
    plan.refresh_from_db()
    assert plan.state == IntegrityPlan.State.SUBMITTED
    response = client.post(
        decide, {"decide-decision": "approve", "decide-note": "合并开展"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.state == IntegrityPlan.State.APPROVED


def test_a_refused_return_comes_back_with_what_was_typed(
    client, people, organiser, plan
):
    """An invalid action form is redirected and shown again, bound, with its errors."""
    services.plan_submit(actor=organiser, plan=plan)
    client.force_login(people["pg"])
    decide = reverse("integrity:plan_act", args=[plan.pk, "decide"])
    # An approval note typed, then "return" pressed with the form tampered:
    # the form itself is invalid (no decision), and nothing is lost.
    response = client.post(decide, {"decide-note": "请补充第三季度安排"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "请补充第三季度安排" in page
    assert 'data-testid="plan-decision"' in page
    plan.refresh_from_db()
    assert plan.state == IntegrityPlan.State.SUBMITTED


def test_the_plan_offers_only_what_the_user_may_do_now(client, people, organiser, plan):
    client.force_login(organiser)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert 'data-testid="action-submit"' in page
    assert 'data-testid="campaign-form"' in page
    assert 'data-testid="plan-decision"' not in page
    client.force_login(people["staff"])
    page = client.get(plan.get_absolute_url()).content.decode()
    assert 'data-testid="action-' not in page and "campaign-form" not in page
    services.plan_submit(actor=organiser, plan=plan)
    client.force_login(organiser)
    page = client.get(plan.get_absolute_url()).content.decode()
    assert 'data-testid="action-' not in page  # the plan waits for approval
    assert "campaign-form" not in page and "plan-decision" not in page
    client.force_login(people["pg"])
    page = client.get(plan.get_absolute_url()).content.decode()
    assert 'data-testid="plan-decision"' in page


def test_a_step_no_longer_open_redirects_with_a_message(
    client, people, organiser, plan
):
    services.plan_submit(actor=organiser, plan=plan)
    client.force_login(organiser)
    response = client.post(reverse("integrity:plan_act", args=[plan.pk, "submit"]))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "刷新页面" in page or "Reload the page" in page


def test_activity_created_signed_up_and_attended_through_the_pages(
    client, people, organiser, plan, discipline, prosecution
):
    client.force_login(organiser)
    today = datetime.date.today()
    held_on = today if today.year == YEAR else datetime.date(YEAR, 12, 31)
    response = client.post(
        reverse("integrity:activity_create", args=[plan.pk]),
        {
            "kind": ActivityKind.LECTURE,
            "title": "廉政党课",
            "held_on": held_on.isoformat(),
            "organiser": discipline.pk,
            "audience": [prosecution.pk],
            "education_hours": "1.5",
            "signup_required": "on",
            "capacity": "10",
        },
    )
    activity = plan.activities.get()
    assert response.status_code == 302
    assert list(activity.audience.all()) == [prosecution]
    client.force_login(people["staff"])
    response = client.post(
        reverse("integrity:activity_act", args=[activity.pk, "signup"])
    )
    assert response.status_code == 302
    assert Participation.objects.filter(
        activity=activity, user=people["staff"], signed_up_at__isnull=False
    ).exists()
    if held_on <= today:
        client.force_login(organiser)
        page = client.get(activity.get_absolute_url()).content.decode()
        assert 'data-testid="attendance-form"' in page
        client.post(
            reverse("integrity:activity_act", args=[activity.pk, "attendance"]),
            {"attendance-present": [people["staff"].pk]},
        )
        assert Participation.objects.filter(activity=activity).count() == 4


def test_cancelling_needs_a_reason_and_is_for_organisers(
    client, people, organiser, plan, discipline
):
    activity = services.activity_save(
        actor=organiser,
        plan=plan,
        fields={
            "kind": ActivityKind.LECTURE,
            "title": "廉政党课",
            "held_on": datetime.date(YEAR, 12, 30),
            "organiser": discipline,
            "education_hours": 2,
            "signup_required": True,
        },
    )
    client.force_login(people["staff"])
    page = client.get(activity.get_absolute_url()).content.decode()
    assert 'data-testid="action-signup"' in page
    assert "action-cancel" not in page and "attendance-form" not in page
    cancel = reverse("integrity:activity_act", args=[activity.pk, "cancel"])
    assert client.post(cancel, {"cancel-reason": "x"}).status_code == 403
    client.force_login(organiser)
    response = client.post(cancel, {"cancel-reason": " "})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="action-cancel"' in page and "is-invalid" in page
    activity.refresh_from_db()
    assert activity.state == activity.State.PLANNED
    response = client.post(cancel, {"cancel-reason": "与全院大会冲突"})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.state == activity.State.CANCELLED
    client.force_login(people["staff"])
    page = client.get(activity.get_absolute_url()).content.decode()
    assert 'data-testid="action-' not in page  # no sign-up once cancelled
