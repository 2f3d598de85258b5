"""Pages of case-specific prevention: who may open what, and the forms."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from apps.core.actions import WRONG_STEP
from apps.core.models import Role
from apps.prevention.models import (
    CaseSelection,
    PreventionProject,
    State,
    Symposium,
)
from apps.prevention.services import case_file_bind
from tests.factories import DepartmentFactory, make_user
from tests.permissions import ANONYMOUS, assert_matrix

from .builders import SELECTION, open_project, png_file, run_to

FINISH = {"action": "complete"}
HOSTILE_FILES = [
    ("page.html", b"<html><script>alert(1)</script></html>"),
    ("code.js", b"alert(document.cookie)"),
    ("image.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
    # An HTML page dressed as a scan.
    ("scan.png", b"<html><script>alert(1)</script></html>"),
]


def act(project, action):
    return reverse("prevention:project_act", args=[project.pk, action])


def form_data(prefix, fields):
    """POST data of an action's form: prefixed names, ticked boxes as "on"."""
    data = {}
    for name, value in fields.items():
        if value is False or value is None:
            continue
        data[f"{prefix}-{name}"] = "on" if value is True else value
    return data


def decide_approve(prefix):
    return {f"{prefix}-opinion": "同意", "decision": "approve"}


def delivery_data(receipt):
    return {
        "delivery-delivered_on": timezone.localdate().isoformat(),
        "delivery-recipient": "张某，所长",
        "delivery-receipt": receipt,
    }


def assert_served_safely(response):
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Cache-Control"] == "private, no-store"


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
    url = act(project, "selection")
    assert_matrix(
        client,
        users,
        {url: {ANONYMOUS: 302, "officer": 403, "pg": 403, "outsider": 404}},
        method="post",
        data=form_data("selection", SELECTION),
    )
    assert not CaseSelection.objects.exists()


def test_actions_answer_only_post(client, people, project):
    client.force_login(people["staff"])
    assert client.get(act(project, "selection")).status_code == 405


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


def test_create_form_shows_service_errors(client, people, monkeypatch):
    from django.core.exceptions import ValidationError

    def refuse(**kwargs):
        raise ValidationError({"title": "标题重复"})

    monkeypatch.setattr("apps.prevention.services.project_create", refuse)
    client.force_login(people["staff"])
    response = client.post(
        reverse("prevention:project_create"),
        {"title": "王某挪用公款案个案预防", "affected_unit": "区医保中心"},
    )
    assert response.status_code == 200
    assert "标题重复" in response.content.decode()


# ------------------------------------------------- post/redirect/get actions
def test_refused_step_redirects_and_keeps_what_was_typed(client, people, project):
    client.force_login(people["staff"])
    fields = {
        **SELECTION,
        "criterion_widespread": False,
        "criterion_loopholes": False,
        "source_case_name": "赵某贪污案",
    }
    response = client.post(
        act(project, "selection"), {**form_data("selection", fields), **FINISH}
    )
    # Never the page itself on the POST URL: a reload must not send it again.
    assert response.status_code == 302
    assert response.url == project.get_absolute_url()
    page = client.get(response.url).content.decode()
    assert "赵某贪污案" in page
    assert "至少符合四项选择因素中的2项" in page
    project.refresh_from_db()
    assert project.state == State.SELECTION
    assert not CaseSelection.objects.exists()


def test_invalid_action_form_comes_back_bound(client, people, project):
    run_to(project, people, State.SYMPOSIUM)
    client.force_login(people["staff"])
    data = form_data(
        "symposium",
        {
            "held_on": timezone.localdate().isoformat(),
            "place": "",
            "attendees": "国土所全体干部",
            "minutes": "通报案情",
            "agreements": "成立领导小组",
        },
    )
    response = client.post(act(project, "symposium"), data)
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "国土所全体干部" in page
    assert "这个字段是必填项" in page
    assert not Symposium.objects.exists()
    # The typed data is shown once: the next visit shows the empty form.
    page = client.get(project.get_absolute_url()).content.decode()
    assert "国土所全体干部" not in page


def test_step_order_refusal_redirects_with_a_message(client, people, project):
    client.force_login(people["staff"])
    data = form_data(
        "symposium",
        {
            "held_on": timezone.localdate().isoformat(),
            "place": "会议室",
            "attendees": "甲",
            "minutes": "乙",
            "agreements": "丙",
        },
    )
    response = client.post(act(project, "symposium"), data)
    assert response.status_code == 302
    assert response.url == project.get_absolute_url()
    page = client.get(response.url).content.decode()
    with translation.override("zh-hans"):
        assert str(WRONG_STEP) in page
    assert not Symposium.objects.exists()


def test_service_refusal_is_a_message_after_a_redirect(
    client, people, prosecution, project
):
    both = make_user(
        department=prosecution,
        roles=[Role.DEPARTMENT_HEAD, Role.PROCURATOR_GENERAL],
        username="t.both",
    )
    run_to(project, people, State.APPROVAL_HEAD)
    client.force_login(both)
    client.post(act(project, "head_decision"), decide_approve("head_decision"))
    project.refresh_from_db()
    assert project.state == State.APPROVAL_PG
    response = client.post(act(project, "pg_decision"), decide_approve("pg_decision"))
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "您已在本轮签批过" in page
    project.refresh_from_db()
    assert project.state == State.APPROVAL_PG


def test_page_offers_only_what_the_user_may_do_now(client, people, project):
    def testids(who):
        client.force_login(people[who])
        page = client.get(project.get_absolute_url()).content.decode()
        return {
            name
            for name in (
                "selection-form",
                "approval-form",
                "decision-form",
                "material-form",
                "action-archive",
            )
            if f'data-testid="{name}"' in page
        }

    assert testids("staff") == {"selection-form", "material-form"}
    assert testids("head") == {"selection-form", "material-form"}
    assert testids("officer") == set()
    assert testids("pg") == set()
    run_to(project, people, State.APPROVAL_HEAD)
    assert testids("head") == {"decision-form", "material-form"}
    assert testids("staff") == {"material-form"}
    assert testids("pg") == set()
    run_to(project, people, State.APPROVAL_PG)
    assert testids("pg") == {"decision-form"}
    assert testids("head") == {"material-form"}
    run_to(project, people, State.ARCHIVING)
    assert testids("clerk") == {"action-archive"}
    assert "action-archive" not in testids("staff")
    run_to(project, people, State.ARCHIVED)
    assert testids("staff") == set()


def test_head_approves_through_the_page(client, people, project):
    run_to(project, people, State.APPROVAL_HEAD)
    client.force_login(people["head"])
    page = client.get(project.get_absolute_url()).content.decode()
    assert 'data-testid="decision-form"' in page
    response = client.post(
        act(project, "head_decision"),
        {"head_decision-opinion": "同意", "decision": "approve"},
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.state == State.APPROVAL_PG
    assert "已批准" in client.get(response.url).content.decode()
    # The handler sees no decision form, and may not post one.
    client.force_login(people["staff"])
    page = client.get(project.get_absolute_url()).content.decode()
    assert 'data-testid="decision-form"' not in page
    response = client.post(act(project, "pg_decision"), decide_approve("pg_decision"))
    assert response.status_code == 403


def test_return_without_reason_is_refused_on_the_page(client, people, project):
    run_to(project, people, State.APPROVAL_HEAD)
    client.force_login(people["head"])
    response = client.post(act(project, "head_decision"), {"decision": "return"})
    assert response.status_code == 302
    assert "请填写退回理由" in client.get(response.url).content.decode()
    project.refresh_from_db()
    assert project.state == State.APPROVAL_HEAD


def test_a_stale_decision_is_refused_with_a_message(client, people, project):
    run_to(project, people, State.APPROVAL_PG)
    client.force_login(people["pg"])
    client.post(act(project, "pg_decision"), decide_approve("pg_decision"))
    project.refresh_from_db()
    assert project.state == State.ANALYSIS
    # The same button pressed again from a stale page (or a reload).
    response = client.post(act(project, "pg_decision"), decide_approve("pg_decision"))
    assert response.status_code == 302
    with translation.override("zh-hans"):
        assert str(WRONG_STEP) in client.get(response.url).content.decode()
    assert project.approvals.filter(level="procurator_general").count() == 1


def test_delivery_upload_through_the_page(client, people, project):
    run_to(project, people, State.DELIVERY)
    client.force_login(people["staff"])
    client.post(act(project, "delivery"), delivery_data(png_file("receipt.png")))
    project.refresh_from_db()
    assert project.state == State.ACTIVITIES
    response = client.get(reverse("prevention:receipt_download", args=[project.pk]))
    assert response.status_code == 200
    assert_served_safely(response)


def test_materials_are_filed_and_removed_through_the_page(client, people, project):
    run_to(project, people, State.ANALYSIS)
    client.force_login(people["staff"])
    response = client.post(
        act(project, "material"),
        {
            "material-kind": "testimony",
            "material-title": "证人证言",
            "material-file": png_file(),
        },
    )
    assert response.status_code == 302
    material = project.materials.get()
    page = client.get(project.get_absolute_url()).content.decode()
    remove = reverse("prevention:material_act", args=[material.pk, "remove"])
    assert remove in page
    # Someone outside the team sees no remove button and may not post it.
    client.force_login(people["officer"])
    assert remove not in client.get(project.get_absolute_url()).content.decode()
    assert client.post(remove).status_code == 403
    client.force_login(people["outsider"])
    assert client.post(remove).status_code == 404
    client.force_login(people["staff"])
    response = client.post(remove)
    assert response.status_code == 302
    assert response.url == project.get_absolute_url()
    assert not project.materials.exists()


def test_material_of_a_finished_step_offers_no_removal(client, people, project):
    run_to(project, people, State.SYMPOSIUM)
    material = project.materials.get()  # filed at step 3 by the builder
    remove = reverse("prevention:material_act", args=[material.pk, "remove"])
    client.force_login(people["staff"])
    assert remove not in client.get(project.get_absolute_url()).content.decode()
    response = client.post(remove)
    assert response.status_code == 302
    assert project.materials.filter(pk=material.pk).exists()


# ------------------------------------------------------------------ uploads
@pytest.mark.parametrize("upload", HOSTILE_FILES, ids=lambda f: f[0])
def test_each_upload_refuses_html_script_and_svg(client, people, project, upload):
    name, content = upload
    run_to(project, people, State.ANALYSIS)
    client.force_login(people["staff"])
    response = client.post(
        act(project, "material"),
        {
            "material-kind": "other",
            "material-title": "材料",
            "material-file": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 302
    assert not project.materials.exists()
    assert name in client.get(response.url).content.decode()
    run_to(project, people, State.DELIVERY)
    response = client.post(
        act(project, "delivery"), delivery_data(SimpleUploadedFile(name, content))
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.state == State.DELIVERY
    assert not project.suggestion_letter.receipt
    assert name in client.get(response.url).content.decode()


def test_downloads_are_attachments_never_rendered(client, people, project):
    run_to(project, people, State.ARCHIVED)
    case_file_bind(project_id=project.pk)
    material = project.materials.get()
    client.force_login(people["staff"])
    for url in (
        reverse("prevention:material_download", args=[project.pk, material.pk]),
        reverse("prevention:receipt_download", args=[project.pk]),
        reverse("prevention:case_file", args=[project.pk]),
    ):
        assert_served_safely(client.get(url))


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


def test_project_page_queries_do_not_grow_with_materials(client, people, project):
    """Each material's remove button is offered without a query of its own."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.prevention import services
    from apps.prevention.models import Material

    run_to(project, people, State.ANALYSIS)
    client.force_login(people["staff"])
    client.get(project.get_absolute_url())

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(project.get_absolute_url()).status_code == 200
        return len(captured)

    before = queries()
    for n in range(5):
        services.material_add(
            actor=people["staff"],
            project=project,
            kind=Material.Kind.OTHER,
            title=f"材料{n}",
            file=png_file(),
        )
    assert queries() == before
