"""Pages of case-specific prevention: who may open what, and the forms."""

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.prevention.models import CaseSelection, PreventionProject, State
from apps.prevention.services import case_file_bind
from tests.factories import DepartmentFactory, make_user
from tests.permissions import ANONYMOUS, assert_matrix

from .builders import SELECTION, open_project, png_file, run_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(people, procuratorate):
    other_dept = DepartmentFactory(procuratorate=procuratorate, name="控申科")
    return {**people, "other_dept": make_user(department=other_dept)}


@pytest.fixture
def project(people):
    return open_project(people["staff"])


def test_permission_matrix_of_the_pages(client, users, project):
    detail = project.get_absolute_url()
    assert_matrix(
        client,
        users,
        {
            reverse("prevention:index"): {
                ANONYMOUS: 302,
                "staff": 200,
                "pg": 200,
                "outsider": 200,
                "system_admin": 403,
                "audit_admin": 403,
            },
            reverse("prevention:project_create"): {
                ANONYMOUS: 302,
                "staff": 200,
                "security_admin": 403,
            },
            detail: {
                ANONYMOUS: 302,
                "staff": 200,  # handler
                "officer": 200,  # same department
                "head": 200,
                "pg": 200,
                "deputy": 200,
                "other_dept": 404,  # another department: not found
                "outsider": 404,  # another procuratorate: not found
                "system_admin": 404,
            },
            reverse("prevention:statistics"): {
                ANONYMOUS: 302,
                "pg": 200,
                "head": 200,
                "staff": 403,
                "audit_admin": 403,
            },
        },
    )


def test_only_the_team_may_post_a_step(client, users, project):
    url = reverse("prevention:selection_save", args=[project.pk])
    assert_matrix(
        client,
        users,
        {url: {ANONYMOUS: 302, "officer": 403, "pg": 403, "outsider": 404}},
        method="post",
        data={**SELECTION, "action": "save"},
    )
    assert not CaseSelection.objects.exists()


def test_list_hides_other_departments_projects(client, users, project):
    client.force_login(users["other_dept"])
    response = client.get(reverse("prevention:index"))
    assert project.title not in response.content.decode()
    client.force_login(users["officer"])
    response = client.get(reverse("prevention:index"))
    assert project.title in response.content.decode()


def test_create_opens_the_project(client, people):
    client.force_login(people["staff"])
    response = client.post(
        reverse("prevention:project_create"),
        {"title": "王某挪用公款案个案预防", "affected_unit": "区医保中心"},
    )
    project = PreventionProject.objects.get()
    assert response.status_code == 302
    assert response.url == project.get_absolute_url()
    page = client.get(response.url).content.decode()
    assert "王某挪用公款案个案预防" in page
    assert 'data-testid="selection-form"' in page


def test_refused_step_keeps_what_was_typed(client, people, project):
    client.force_login(people["staff"])
    data = {
        **SELECTION,
        "criterion_widespread": "",
        "criterion_loopholes": "",
        "source_case_name": "赵某贪污案",
        "action": "complete",
    }
    data = {k: v for k, v in data.items() if v not in ("", False)}
    response = client.post(
        reverse("prevention:selection_save", args=[project.pk]), data
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "赵某贪污案" in page
    assert "至少符合四项选择因素中的2项" in page
    project.refresh_from_db()
    assert project.state == State.SELECTION


def test_step_order_refusal_shows_a_chinese_message(client, people, project):
    client.force_login(people["staff"])
    response = client.post(
        reverse("prevention:symposium_save", args=[project.pk]),
        {
            "held_on": timezone.localdate().isoformat(),
            "place": "会议室",
            "attendees": "甲",
            "minutes": "乙",
            "agreements": "丙",
            "action": "save",
        },
        follow=True,
    )
    assert "第1步（选择有代表性的个案）完成前，不能办理第4步" in (
        response.content.decode()
    )


def test_head_approves_through_the_page(client, people, project):
    run_to(project, people, State.APPROVAL_HEAD)
    client.force_login(people["head"])
    page = client.get(project.get_absolute_url()).content.decode()
    assert 'data-testid="decision-form"' in page
    client.post(
        reverse("prevention:decide", args=[project.pk]),
        {"decision": "approve", "opinion": "同意"},
    )
    project.refresh_from_db()
    assert project.state == State.APPROVAL_PG
    # The handler sees no decision form.
    client.force_login(people["staff"])
    page = client.get(project.get_absolute_url()).content.decode()
    assert 'data-testid="decision-form"' not in page


def test_return_without_reason_is_refused_on_the_page(client, people, project):
    run_to(project, people, State.APPROVAL_HEAD)
    client.force_login(people["head"])
    response = client.post(
        reverse("prevention:decide", args=[project.pk]), {"decision": "return"}
    )
    assert response.status_code == 200
    assert "请填写退回理由" in response.content.decode()
    project.refresh_from_db()
    assert project.state == State.APPROVAL_HEAD


def test_delivery_upload_through_the_page(client, people, project):
    run_to(project, people, State.DELIVERY)
    client.force_login(people["staff"])
    client.post(
        reverse("prevention:letter_deliver", args=[project.pk]),
        {
            "delivered_on": timezone.localdate().isoformat(),
            "recipient": "张某，所长",
            "receipt": png_file("receipt.png"),
        },
    )
    project.refresh_from_db()
    assert project.state == State.ACTIVITIES
    response = client.get(reverse("prevention:receipt_download", args=[project.pk]))
    assert response.status_code == 200


def test_case_file_page_waits_then_serves_the_pdf(client, people, project):
    run_to(project, people, State.ARCHIVED)
    client.force_login(people["staff"])
    url = reverse("prevention:case_file", args=[project.pk])
    response = client.get(url)
    assert 'data-testid="case-file-pending"' in response.content.decode()
    case_file_bind(project_id=project.pk)
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    client.force_login(people["outsider"])
    assert client.get(url).status_code == 404


def test_material_download_is_scoped(client, users, project):
    run_to(project, users, State.SYMPOSIUM)
    material = project.materials.get()
    url = reverse("prevention:material_download", args=[project.pk, material.pk])
    assert_matrix(
        client,
        users,
        {url: {"staff": 200, "pg": 200, "other_dept": 404, "outsider": 404}},
    )


def test_leadership_board_shows_the_prevention_panel(client, people, project):
    client.force_login(people["pg"])
    page = client.get(reverse("dashboard:home")).content.decode()
    assert 'data-testid="prevention-board"' in page
    assert "个案预防（本年度）" in page
