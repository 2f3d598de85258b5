"""Exports through the report jobs: statistics, adoptions, the payout ledger."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from apps.publicity import services
from apps.reports.models import ReportJob
from apps.reports.services import report_job_create, report_job_run
from tests.reports.glyphs import render_and_find, scores

from . import factories as f
from .test_rewards import scheme

pytestmark = pytest.mark.django_db

FONTS = Path(settings.REPORT_FONT_DIR)


def run(user, kind, fmt="xlsx", **params):
    job = report_job_create(actor=user, kind=kind, format=fmt, params=params)
    report_job_run(job_id=job.pk)
    job.refresh_from_db()
    return job


def content(job):
    assert job.status == ReportJob.Status.DONE, job.error
    with job.file.open("rb") as handle:
        return handle.read()


def sheets(job):
    book = openpyxl.load_workbook(io.BytesIO(content(job)))
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def test_statistics_workbook_has_every_table(people):
    year = timezone.localdate().year
    f.adopted(people)
    job = run(people["staff"], "publicity_statistics", year=str(year))
    book = sheets(job)
    assert list(book) == [
        "概览",
        "分月统计",
        "按部门统计",
        "按个人统计",
        "按类别统计",
        "按级别和媒介",
    ]
    summary = {row[0]: row[1:] for row in book["概览"][3:]}
    assert summary["采用"][0] == 1
    assert summary["采用率"][0] == "100.0%"
    departments = {row[0]: row for row in book["按部门统计"][2:]}
    assert departments["公诉科"][3] == 1
    assert "测试区人民检察院" in job.filename


def test_statistics_refuse_bad_parameters(people):
    job = run(people["staff"], "publicity_statistics", year="20x6")
    assert job.status == ReportJob.Status.FAILED


def test_adoption_register_workbook(people):
    f.adopted(people, title="导出的稿件")
    book = sheets(run(people["staff"], "publicity_adoptions"))
    rows = book["采用登记簿"]
    assert rows[3][1] == "导出的稿件"
    assert rows[3][4] == "检察日报"


def test_ledger_needs_the_office_or_leadership(people):
    with pytest.raises(PermissionDenied):
        report_job_create(
            actor=people["staff"], kind="publicity_ledger", format="xlsx", params={}
        )


def test_ledger_exports_refuse_an_uncomputed_year(people):
    job = run(people["office_reviewer"], "publicity_ledger", year="2020")
    assert job.status == ReportJob.Status.FAILED
    assert "尚未计算" in job.error


def _ledger(people):
    year = timezone.localdate().year
    scheme(people, year)
    f.adopted(people, shares=[(people["staff"], 60), (people["clerk"], 40)])
    ledger = services.payout_request(actor=people["office_reviewer"], year=year)
    services.payout_compute(ledger_id=ledger.pk)
    return year


def test_ledger_workbook_lists_persons_departments_and_details(people):
    year = _ledger(people)
    book = sheets(run(people["pg"], "publicity_ledger", year=str(year)))
    persons = {row[0]: row for row in book["个人"][3:]}
    assert persons[people["staff"].staff.name][4] == 300
    assert persons["合计"][4] == 500
    assert book["兑现明细"][2][4] == 60


def test_ledger_pdf_for_signature_draws_the_right_chinese(people):
    year = _ledger(people)
    pdf = content(
        run(people["office_reviewer"], "publicity_ledger", "pdf", year=str(year))
    )
    assert pdf.startswith(b"%PDF")
    text = "信息宣传"
    rendered = render_and_find(pdf, text, largest=True)
    same = scores(rendered.glyphs, text, FONTS / "NotoSansSC-Bold.ttf")
    assert min(same) > 0.75, same
