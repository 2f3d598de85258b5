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
            reverse("integrity:plan_submit", args=[plan.pk]): {
                "staff": 403,
                "outsider": 404,
            },
            reverse("integrity:plan_decide", args=[plan.pk]): {
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
    # Approving without a word on the overload keeps the page and says why.
    response = client.post(
        reverse("integrity:plan_decide", args=[plan.pk]), {"decision": "approve"}
    )
    assert response.status_code == 200
    assert "周同时有不同来源的主题活动" in response.content.decode()
    plan.refresh_from_db()
    assert plan.state == IntegrityPlan.State.SUBMITTED
    client.post(
        reverse("integrity:plan_decide", args=[plan.pk]),
        {"decision": "approve", "note": "合并开展"},
    )
    plan.refresh_from_db()
    assert plan.state == IntegrityPlan.State.APPROVED


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
    client.post(reverse("integrity:activity_act", args=[activity.pk, "signup"]))
    assert Participation.objects.filter(
        activity=activity, user=people["staff"], signed_up_at__isnull=False
    ).exists()
    if held_on <= today:
        client.force_login(organiser)
        page = client.get(activity.get_absolute_url()).content.decode()
        assert 'data-testid="attendance-form"' in page
        client.post(
            reverse("integrity:activity_act", args=[activity.pk, "attendance"]),
            {"present": [people["staff"].pk]},
        )
        assert Participation.objects.filter(activity=activity).count() == 4
