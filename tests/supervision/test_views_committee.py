"""The case page's button that sends the case to the procuratorial committee."""

import pytest
from django.urls import reverse

from apps.meetings.models import Topic
from apps.supervision.models import Outcome
from tests.permissions import ANONYMOUS, assert_matrix

from .factories import proposed

pytestmark = pytest.mark.django_db


def test_send_matrix(client, sv):
    outcome = proposed(sv, Outcome.Kind.PROTEST_REQUEST)
    url = reverse("supervision:outcome_action", args=[outcome.pk, "committee"])
    assert_matrix(
        client,
        sv,
        {
            url: {
                ANONYMOUS: 302,
                "handler": 403,
                "clerk": 403,
                "deputy": 403,
                "committee_office": 404,
                "other_head": 404,
                "outsider_head": 404,
                "system_admin": 403,
            }
        },
        method="post",
    )
    assert not Topic.objects.exists()
    client.force_login(sv["head"])
    assert client.get(url).status_code == 405


def test_head_sends_and_the_page_shows_the_topic(client, sv):
    outcome = proposed(sv, Outcome.Kind.PROTEST_REQUEST)
    petition = outcome.petition
    url = reverse("supervision:outcome_action", args=[outcome.pk, "committee"])
    client.force_login(sv["handler"])
    assert url not in client.get(petition.get_absolute_url()).content.decode()
    client.force_login(sv["head"])
    page = client.get(petition.get_absolute_url()).content.decode()
    assert url in page
    assert 'data-testid="action-committee"' in page
    response = client.post(url, follow=True)
    assert response.status_code == 200
    topic = Topic.objects.get()
    page = response.content.decode()
    assert topic.get_absolute_url() in page
    assert topic.get_state_display() in page
    assert 'data-testid="action-committee"' not in page
    # The handler reads the topic's state too (the topic is his department's).
    client.force_login(sv["handler"])
    assert (
        topic.get_absolute_url()
        in client.get(petition.get_absolute_url()).content.decode()
    )
    # Twice (e.g. the procurator-general at the same time): a message, no second topic.
    client.force_login(sv["pg"])
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert Topic.objects.count() == 1
    assert (
        "alert-danger" in response.content.decode()
        or "error" in response.content.decode()
    )
    # The committee office now reads the case it will review.
    client.force_login(sv["committee_office"])
    assert client.get(petition.get_absolute_url()).status_code == 200
