"""Report pages: who may see and download which job, and the export buttons."""

import pytest
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from apps.audit.models import AuditEvent
from apps.reports.models import ReportJob
from apps.reports.registry import register_report, unregister_report
from apps.reports.services import report_job_create, report_job_run
from tests.factories import UserFactory
from tests.permissions import ANONYMOUS, assert_matrix

pytestmark = pytest.mark.django_db


@pytest.fixture
def done_job(people, test_kinds):
    job = report_job_create(
        actor=people["staff"], kind="test_hello", format="pdf", params={"who": "王五"}
    )
    report_job_run(job_id=job.pk)
    job.refresh_from_db()
    return job


def test_job_pages_and_download_only_for_the_requester(client, people, done_job):
    """Requester 200; colleague or other procuratorate: 404; anonymous: login."""
    expected = {
        ANONYMOUS: 302,
        "staff": 200,
        "head": 404,
        "pg": 404,
        "system_admin": 404,
        "outsider": 404,
    }
    matrix = {
        reverse(name, args=[done_job.pk]): expected
        for name in ("reports:job_detail", "reports:job_status", "reports:download")
    }
    matrix[reverse("reports:my_jobs")] = {ANONYMOUS: 302, "staff": 200, "outsider": 200}
    assert_matrix(client, people, matrix)


def test_anonymous_download_goes_to_the_login_page(client, done_job):
    response = client.get(reverse("reports:download", args=[done_job.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_download_serves_the_file_privately_and_audits_it(client, people, done_job):
    client.force_login(people["staff"])
    response = client.get(reverse("reports:download", args=[done_job.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode() == "你好 王五"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''" in disposition  # the Chinese name, RFC 5987-encoded
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert AuditEvent.objects.filter(
        action="reports.job.download", object_id=str(done_job.pk)
    ).exists()


def test_a_job_not_done_has_no_download(client, people, test_kinds):
    job = report_job_create(
        actor=people["staff"], kind="test_hello", format="pdf", params={}
    )
    client.force_login(people["staff"])
    assert client.get(reverse("reports:download", args=[job.pk])).status_code == 404


def test_status_partial_polls_while_running_and_stops_when_done(
    client, people, test_kinds
):
    job = report_job_create(
        actor=people["staff"], kind="test_hello", format="xlsx", params={}
    )
    ReportJob.objects.filter(pk=job.pk).update(
        status="running", started_at=timezone.now(), progress=42
    )
    client.force_login(people["staff"])
    url = reverse("reports:job_status", args=[job.pk])

    running = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in running
    assert 'data-progress="42"' in running
    assert 'aria-valuenow="42"' in running
    assert "style=" not in running  # the CSP allows no inline style

    ReportJob.objects.filter(pk=job.pk).update(status="queued")
    report_job_run(job_id=job.pk)
    done = client.get(url).content.decode()
    assert "hx-trigger" not in done
    assert reverse("reports:download", args=[job.pk]) in done


def test_job_page_includes_the_polling_partial(client, people, test_kinds):
    job = report_job_create(
        actor=people["staff"], kind="test_hello", format="xlsx", params={}
    )
    client.force_login(people["staff"])
    page = client.get(reverse("reports:job_detail", args=[job.pk])).content.decode()
    assert 'id="job-status"' in page
    assert reverse("reports:job_status", args=[job.pk]) in page


def test_failed_job_shows_the_error_not_a_traceback(client, people, test_kinds):
    job = report_job_create(
        actor=people["staff"], kind="test_broken", format="xlsx", params={}
    )
    report_job_run(job_id=job.pk)
    client.force_login(people["staff"])
    page = client.get(reverse("reports:job_detail", args=[job.pk])).content.decode()
    assert 'data-status="failed"' in page
    assert "secret" not in page and "RuntimeError" not in page


def test_create_makes_a_job_with_the_page_parameters(client, people, test_kinds):
    client.force_login(people["staff"])
    response = client.post(
        reverse("reports:create"),
        {"kind": "test_hello", "format": "xlsx", "param_who": "赵六", "other": "x"},
    )
    job = ReportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reports:job_detail", args=[job.pk])
    assert job.params == {"who": "赵六"}
    assert job.requested_by == people["staff"]


def test_create_refusals(client, people, test_kinds):
    client.force_login(people["staff"])
    url = reverse("reports:create")
    assert client.get(url).status_code == 405
    bad = client.post(url, {"kind": "test_hello", "format": "docx"})
    assert bad.status_code == 302
    assert bad["Location"] == reverse("reports:my_jobs")
    assert not ReportJob.objects.exists()


def test_create_without_permission_is_forbidden(client, people):
    register_report(
        "test_admins_only",
        label="admins",
        formats=["pdf"],
        permission="core.access_admin",
        producer=lambda job, progress: ("x.pdf", b"%PDF"),
    )
    try:
        client.force_login(people["staff"])
        response = client.post(
            reverse("reports:create"), {"kind": "test_admins_only", "format": "pdf"}
        )
    finally:
        unregister_report("test_admins_only")
    assert response.status_code == 403
    assert not ReportJob.objects.exists()


def test_my_jobs_lists_only_my_own(client, people, test_kinds):
    mine = report_job_create(
        actor=people["staff"], kind="test_hello", format="xlsx", params={}
    )
    theirs = report_job_create(
        actor=people["head"], kind="test_hello", format="xlsx", params={}
    )
    client.force_login(people["staff"])
    page = client.get(reverse("reports:my_jobs")).content.decode()
    assert reverse("reports:job_detail", args=[mine.pk]) in page
    assert reverse("reports:job_detail", args=[theirs.pk]) not in page


def _render_buttons(user, query=""):
    request = RequestFactory().get(f"/org/staff/{query}")
    request.user = user
    template = engines["django"].from_string(
        '{% include "reports/_export_buttons.html" with kind="staff_roster" %}'
    )
    return template.render({}, request)


def test_export_buttons_post_both_formats_with_the_page_filter(people):
    html = _render_buttons(people["staff"], "?department=7&page=2")
    assert html.count(f'action="{reverse("reports:create")}"') == 2
    assert 'name="format" value="xlsx"' in html
    assert 'name="format" value="pdf"' in html
    assert 'name="param_department" value="7"' in html
    assert "param_page" not in html
    assert html.count('name="csrfmiddlewaretoken"') == 2


def test_export_buttons_hidden_without_permission(people):
    assert "<form" not in _render_buttons(UserFactory())
