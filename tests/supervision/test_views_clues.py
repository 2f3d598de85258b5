"""Clue pages: stricter than cases (no grants), audited, each step through its form."""

import pytest
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.audit.models import AuditEvent
from apps.supervision import services
from apps.supervision.models import Clue
from tests.permissions import ANONYMOUS, assert_matrix

from .factories import registered

pytestmark = pytest.mark.django_db


def act(pk, action):
    return reverse("supervision:clue_action", args=[pk, action])


def make_clue(sv, petition=None):
    return services.clue_register(
        actor=sv["handler"],
        suspect_name="赵某",
        suspect_position="某法院审判员",
        summary="与当事人有不正当经济往来。",
        petition=petition,
    )


def test_clue_detail_matrix_grants_do_not_open_clues(client, sv):
    petition = registered(sv)
    clue = make_clue(sv, petition)
    services.access_grant(
        actor=sv["head"], petition=petition, grantee=sv["other_staff"], reason="查阅"
    )
    url = reverse("supervision:clue_detail", args=[clue.pk])
    assert_matrix(
        client,
        sv,
        {
            url: {
                ANONYMOUS: 302,
                **dict.fromkeys(
                    ("head", "handler", "handler2", "clerk", "deputy", "pg"), 200
                ),
                # Outside the department's line the clue pages are closed
                # whatever the id (403); other_staff holds a grant to the case,
                # not to its clues. Another procuratorate's line: not found.
                "outsider_head": 404,
                **dict.fromkeys(
                    ("other_staff", "other_head", "other_deputy", "committee_office"),
                    403,
                ),
                "system_admin": 403,
            }
        },
    )
    # The grantee sees the case page, without its clues.
    client.force_login(sv["other_staff"])
    response = client.get(petition.get_absolute_url())
    assert response.status_code == 200
    assert clue.number not in response.content.decode()
    client.force_login(sv["deputy"])
    client.get(url)
    assert AuditEvent.objects.filter(
        action="supervision.clue.view", actor=sv["deputy"]
    ).exists()


def test_clue_through_its_pages(client, sv):
    petition = registered(sv)
    client.force_login(sv["handler"])
    response = client.get(
        reverse("supervision:clue_create") + f"?petition={petition.pk}"
    )
    assert response.context["form"].initial["petition"] == petition
    response = client.post(
        reverse("supervision:clue_create"),
        {
            "suspect_name": "钱某",
            "suspect_position": "执行局执行员",
            "summary": "执行中收受财物的线索。",
            "petition": petition.pk,
        },
    )
    clue = Clue.objects.get()
    assert response.url == clue.get_absolute_url()
    client.force_login(sv["head"])
    client.post(act(clue.pk, "report"), {"report-note": "已报告检察长"})
    client.force_login(sv["pg"])
    response = client.post(
        act(clue.pk, "decide"),
        {"decide-inquire": "yes", "decide-inquirer": sv["handler2"].staff.pk},
    )
    assert response.status_code == 302
    client.force_login(sv["handler2"])
    client.post(
        act(clue.pk, "conclude"),
        {"conclude-became_case": "yes", "conclude-note": "已移送立案"},
    )
    clue.refresh_from_db()
    assert clue.state == Clue.State.BECAME_CASE


def test_clue_step_refused_to_the_wrong_person_and_errors_keep_text(client, sv):
    clue = make_clue(sv)
    client.force_login(sv["handler"])
    url = act(clue.pk, "report")
    assert client.post(url, {"report-note": "x"}).status_code == 403
    page = client.get(clue.get_absolute_url()).content.decode()
    assert 'data-testid="action-report"' not in page
    client.force_login(sv["head"])
    page = client.get(clue.get_absolute_url()).content.decode()
    assert 'data-testid="action-report"' in page
    services.clue_report(actor=sv["head"], clue=clue, note="报告")
    client.force_login(sv["pg"])
    response = client.post(
        act(clue.pk, "decide"), {"decide-inquire": "no", "decide-note": ""}
    )
    assert response.status_code == 302
    assert response.url == clue.get_absolute_url()
    response = client.get(response.url)
    assert "请说明不予初查的理由" in response.content.decode()
    assert response.context["offers"][0].form["inquire"].value() == "no"


def test_clue_list_shows_own_line_only_and_costs_fixed_queries(client, sv):
    make_clue(sv)
    client.force_login(sv["head"])
    url = reverse("supervision:clue_list")
    client.get(url)
    with CaptureQueriesContext(__import__("django.db").db.connection) as small:
        response = client.get(url)
    assert len(response.context["clues"]) == 1
    for _ in range(4):
        make_clue(sv, registered(sv))
    with CaptureQueriesContext(__import__("django.db").db.connection) as large:
        response = client.get(url)
    assert len(response.context["clues"]) == 5
    assert len(large.captured_queries) == len(small.captured_queries)
    client.force_login(sv["outsider_head"])
    assert list(client.get(url).context["clues"]) == []


def test_board_panel_for_the_leadership_line(client, sv):
    registered(sv)
    client.force_login(sv["pg"])
    response = client.get(reverse("dashboard:home"))
    assert 'data-testid="supervision-board"' in response.content.decode()
    client.force_login(sv["other_deputy"])
    response = client.get(reverse("dashboard:home"))
    assert 'data-testid="supervision-board"' not in response.content.decode()


def test_navigation_entries(client, sv):
    client.force_login(sv["handler"])
    page = client.get(reverse("todos:inbox")).content.decode()
    assert reverse("supervision:index") in page
    assert reverse("supervision:clue_list") in page
    client.force_login(sv["other_staff"])
    page = client.get(reverse("todos:inbox")).content.decode()
    assert reverse("supervision:clue_list") not in page
