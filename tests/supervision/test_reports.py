"""Excel exports hold only the cases the requester may see; one runs on a worker."""

import io

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from apps.reports.models import ReportJob
from apps.reports.registry import ReportError
from apps.reports.services import report_job_create
from apps.supervision import services
from apps.supervision.models import Outcome
from apps.supervision.reports import produce_cases, produce_statistics
from procuratorate.celery import app
from tests.waiting import wait_until

from .factories import issued, registered

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def job_for(user, kind="supervision_cases", **params):
    # A real, unsaved job: the producer reads only these fields.
    return ReportJob(
        procuratorate=user.staff.procuratorate,
        requested_by=user,
        kind=kind,
        format="xlsx",
        params=params,
    )


def cells(content):
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    return {
        sheet.title: [
            [c for c in row if c is not None]
            for row in sheet.iter_rows(values_only=True)
        ]
        for sheet in workbook.worksheets
    }


def progress(percent, message):
    assert 0 <= percent <= 100


def test_case_export_holds_only_visible_cases(sv):
    case = issued(sv, Outcome.Kind.RETRIAL_SUGGESTION).petition
    other = registered(sv)
    filename, content = produce_cases(job_for(sv["head"]), progress)
    assert filename.endswith(".xlsx")
    text = str(cells(content))
    assert case.case_number in text and other.case_number in text
    assert "再审检察建议" in text and "黄秀英" in text

    _name, content = produce_cases(job_for(sv["outsider_head"]), progress)
    assert case.case_number not in str(cells(content))

    services.access_grant(
        actor=sv["head"], petition=case, grantee=sv["other_staff"], reason="查阅"
    )
    _name, content = produce_cases(job_for(sv["other_staff"]), progress)
    text = str(cells(content))
    assert case.case_number in text and other.case_number not in text


def test_case_export_uses_the_list_filters(sv):
    registered(sv)
    closed = issued(sv, Outcome.Kind.SETTLEMENT).petition
    _name, content = produce_cases(job_for(sv["head"], state="closed"), progress)
    rows = next(iter(cells(content).values()))
    numbers = [row[0] for row in rows[3:]]
    assert numbers == [closed.case_number]
    with pytest.raises(ReportError):
        produce_cases(job_for(sv["head"], state="nonsense"), progress)


def test_statistics_export(sv):
    issued(sv, Outcome.Kind.SETTLEMENT)
    _name, content = produce_statistics(job_for(sv["head"], year=str(YEAR)), progress)
    sheets = cells(content)
    assert len(sheets) == 4
    first = next(iter(sheets.values()))
    by_label = {row[0]: row[1:] for row in first[3:]}
    assert by_label["和解率"][0] == 100
    assert by_label["改判率"][0] == "—"  # nothing to divide by
    with pytest.raises(ReportError):
        produce_statistics(job_for(sv["head"], year="1900"), progress)


def test_only_the_department_line_may_ask_for_exports(client, sv):
    for key in ("other_staff", "other_head", "committee_office"):
        with pytest.raises(PermissionDenied):
            report_job_create(
                actor=sv[key], kind="supervision_cases", format="xlsx", params={}
            )
    client.force_login(sv["other_staff"])
    response = client.post(
        reverse("reports:create"), {"kind": "supervision_cases", "format": "xlsx"}
    )
    assert response.status_code == 403
    client.force_login(sv["head"])
    page = client.get(reverse("supervision:index")).content.decode()
    assert 'data-testid="export-xlsx"' in page


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_case_export_through_a_real_worker(sv):
    case = issued(sv, Outcome.Kind.PROTEST).petition
    with start_worker(app, perform_ping_check=False, pool="solo"):
        mine = report_job_create(
            actor=sv["deputy"], kind="supervision_cases", format="xlsx", params={}
        )
        theirs = report_job_create(
            actor=sv["outsider_head"],
            kind="supervision_cases",
            format="xlsx",
            params={},
        )
        finished = {ReportJob.Status.DONE, ReportJob.Status.FAILED}

        def both_finished():
            statuses = ReportJob.objects.filter(
                pk__in=[mine.pk, theirs.pk]
            ).values_list("status", flat=True)
            return set(statuses) <= finished

        wait_until(both_finished, what="both export jobs to finish")
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == ReportJob.Status.DONE, mine.error
    assert case.case_number in str(cells(mine.file.read()))
    assert theirs.status == ReportJob.Status.DONE, theirs.error
    assert case.case_number not in str(cells(theirs.file.read()))
