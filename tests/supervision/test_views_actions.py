"""The steps of a case through its pages: offered to whom, refused how, where to."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from apps.supervision import services
from apps.supervision.models import Outcome, Petition
from tests.permissions import ANONYMOUS, assert_matrix

from .factories import issued, proposed, receive, registered

pytestmark = pytest.mark.django_db


def act(pk, action, kind="petition"):
    """The URL of one step of a case (or of its outcome, extension, grant)."""
    return reverse(f"supervision:{kind}_action", args=[pk, action])


@pytest.fixture
def case(sv):
    """A case with an issued retrial suggestion and an acceptance letter."""
    return issued(sv, Outcome.Kind.RETRIAL_SUGGESTION).petition


def test_action_matrix_for_accepting(client, sv):
    petition = receive(sv["clerk"])
    url = act(petition.pk, "accept")
    assert_matrix(
        client,
        sv,
        {
            url: {
                ANONYMOUS: 302,
                "handler": 403,
                "clerk": 403,
                "pg": 403,
                "deputy": 403,
                "other_head": 404,
                "outsider_head": 404,
                "system_admin": 403,
            }
        },
        method="post",
    )
    petition.refresh_from_db()
    assert petition.state == Petition.State.RECEIVED
    client.force_login(sv["head"])
    response = client.post(url)
    assert response.status_code == 302
    petition.refresh_from_db()
    assert petition.state == Petition.State.ACCEPTED
    # Twice: a clear message on the case page, not an error page.
    response = client.post(url)
    assert response.status_code == 302
    assert response.url == petition.get_absolute_url()
    page = client.get(response.url).content.decode()
    assert "此步骤现在不能办理" in page


def test_a_refused_step_redirects_and_says_why(client, sv):
    """A service's refusal never leaves the browser on the POST URL."""
    outcome = proposed(sv, Outcome.Kind.PROTEST_REQUEST)
    client.force_login(sv["head"])
    client.post(act(outcome.pk, "committee", "outcome"))
    # The procurator-general's page still offered the step a moment ago.
    client.force_login(sv["pg"])
    response = client.post(act(outcome.pk, "committee", "outcome"))
    assert response.status_code == 302
    assert response.url == outcome.petition.get_absolute_url()
    page = client.get(response.url).content.decode()
    assert "alert-danger" in page
    assert "此步骤现在不能办理" in page


def test_a_page_offers_only_the_steps_the_user_may_take_now(client, sv):
    petition = receive(sv["clerk"])
    client.force_login(sv["handler"])
    page = client.get(petition.get_absolute_url()).content.decode()
    assert 'data-testid="action-accept"' not in page
    assert act(petition.pk, "accept") not in page
    client.force_login(sv["head"])
    page = client.get(petition.get_absolute_url()).content.decode()
    assert 'data-testid="action-accept"' in page
    assert act(petition.pk, "accept") in page
    assert act(petition.pk, "register") not in page  # not accepted yet


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("script.js", b"alert(document.cookie)"),
        ("drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
        ("evidence.pdf", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_an_attachment_a_browser_would_run_is_refused(client, sv, name, content):
    petition = registered(sv)
    client.force_login(sv["handler"])
    response = client.post(
        act(petition.pk, "attachment"),
        {
            "attachment-kind": "evidence",
            "attachment-file": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 302
    assert petition.attachments.count() == 1  # only the petition letter
    page = client.get(petition.get_absolute_url()).content.decode()
    assert name in page  # the refusal names the file
    assert "请重新选择文件" in page or "choose the files again" in page


def test_detail_offers_each_person_their_step(client, sv):
    petition = receive(sv["clerk"])
    client.force_login(sv["head"])
    offers = client.get(petition.get_absolute_url()).context["offers"]
    assert {"accept", "refuse"} <= offers.keys()
    client.force_login(sv["handler"])
    assert client.get(petition.get_absolute_url()).context["offers"].keys() == {
        "attachment"
    }
    services.petition_accept(actor=sv["head"], petition=petition)
    services.petition_register(
        actor=sv["head"], petition=petition, handler=sv["handler"]
    )
    offers = client.get(petition.get_absolute_url()).context["offers"]
    assert {"notes", "extension", "outcome", "attachment"} <= offers.keys()
    client.force_login(sv["deputy"])
    assert client.get(petition.get_absolute_url()).context["offers"].keys() == {"grant"}


def test_the_whole_case_through_the_pages(client, sv):
    petition = receive(sv["clerk"])
    client.force_login(sv["head"])
    client.post(act(petition.pk, "accept"))
    client.post(
        act(petition.pk, "register"), {"register-handler": sv["handler"].staff.pk}
    )
    petition.refresh_from_db()
    assert petition.handler == sv["handler"]
    client.force_login(sv["handler"])
    response = client.post(
        act(petition.pk, "outcome"),
        {
            "outcome-kind": "retrial_suggestion",
            "outcome-recipient": "梧州市长洲区人民法院",
            "outcome-opinion": "原判决适用法律确有错误。",
        },
    )
    assert response.status_code == 302
    outcome = Outcome.objects.get()
    client.force_login(sv["head"])
    client.post(act(outcome.pk, "approve", "outcome"))
    outcome.refresh_from_db()
    assert outcome.state == Outcome.State.ISSUED
    client.force_login(sv["handler"])
    today = timezone.localdate().isoformat()
    url = act(outcome.pk, "follow_up", "outcome")
    client.post(url, {"follow_up-adopted": "yes", "follow_up-replied_on": today})
    client.post(
        url,
        {
            "follow_up-result": "changed",
            "follow_up-started_on": today,
            "follow_up-concluded_on": today,
        },
    )
    petition.refresh_from_db()
    assert petition.state == Petition.State.CLOSED
    outcome.refresh_from_db()
    assert outcome.court_result == "changed"


def test_outcome_form_error_keeps_the_text(client, sv):
    petition = registered(sv)
    client.force_login(sv["handler"])
    response = client.post(
        act(petition.pk, "outcome"),
        {
            "outcome-kind": "protest",
            "outcome-recipient": "",
            "outcome-opinion": "抗诉理由甲乙丙",
        },
    )
    # Back to the case page, where the form comes back bound with its errors.
    assert response.status_code == 302
    assert response.url == petition.get_absolute_url()
    form = client.get(response.url).context["offers"]["outcome"].form
    assert form.is_bound
    assert form["opinion"].value() == "抗诉理由甲乙丙"
    assert "recipient" in form.errors
    body = client.get(petition.get_absolute_url()).content.decode()
    assert "抗诉理由甲乙丙" not in body  # shown once, then the form is fresh again


def test_follow_up_date_in_the_future_is_refused(client, sv):
    outcome = issued(sv, Outcome.Kind.PROCURATORIAL_SUGGESTION)
    client.force_login(sv["handler"])
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = client.post(
        act(outcome.pk, "follow_up", "outcome"),
        {"follow_up-adopted": "yes", "follow_up-replied_on": tomorrow},
    )
    assert response.status_code == 302
    form = client.get(response.url).context["offers"]["follow_up"].form
    assert form["replied_on"].value() == tomorrow
    assert "replied_on" in form.errors
    outcome.refresh_from_db()
    assert outcome.suggestion_adopted is None


def test_grant_through_the_page(client, sv, case):
    client.force_login(sv["head"])
    response = client.post(
        act(case.pk, "grant"),
        {"grant-grantee": sv["other_staff"].staff.pk, "grant-reason": "关联案件"},
    )
    assert response.status_code == 302
    client.force_login(sv["other_staff"])
    assert client.get(case.get_absolute_url()).status_code == 200
    grant = case.grants.get()
    client.force_login(sv["head"])
    page = client.get(case.get_absolute_url()).content.decode()
    assert act(grant.pk, "revoke", "grant") in page
    assert client.post(act(grant.pk, "revoke", "grant")).status_code == 302
    client.force_login(sv["other_staff"])
    assert client.get(case.get_absolute_url()).status_code == 404
