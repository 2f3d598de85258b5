"""The rankings export: Excel sheets and a PDF that draws the right Chinese glyphs."""

import io
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied

from apps.appraisal.services.scoring import (
    grade_record,
    score_run_approve,
    score_run_compute,
    score_run_start,
)
from apps.reports.models import ReportJob
from apps.reports.services import report_job_create, report_job_run
from tests.reports.glyphs import render_and_find, scores

pytestmark = pytest.mark.django_db

FONTS = Path(settings.REPORT_FONT_DIR)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def approved(scenario):
    s = scenario.set_up().approve_all().staff_targets()
    p = s.people
    s.report(s.cases, p["head"], actual_value=110)
    s.report(s.rate, s.second_head, numerator=8, denominator=100)
    s.report(s.staff_case, p["staff"], actual_value=55)
    s.report(s.head_case, p["head"], actual_value=24)
    grade_record(actor=s.ao, target=s.team, grade="良好")
    run = score_run_compute(run_id=score_run_start(actor=s.ao, cycle=s.cycle).pk)
    s.run = score_run_approve(actor=s.pg, run=run, decision_reference="党组会议")
    return s


def export(user, fmt, **params):
    job = report_job_create(
        actor=user, kind="appraisal_rankings", format=fmt, params=params
    )
    report_job_run(job_id=job.pk)
    job.refresh_from_db()
    return job


def content_of(job):
    assert job.status == ReportJob.Status.DONE, job.error
    with job.file.open("rb") as handle:
        return handle.read()


def test_rankings_xlsx_has_departments_and_staff_by_group(approved):
    job = export(approved.pg, "xlsx", cycle=str(approved.cycle.pk))
    book = openpyxl.load_workbook(io.BytesIO(content_of(job)))
    departments, individuals = book.worksheets
    rows = list(departments.iter_rows(values_only=True))
    assert "2026年度" in rows[0][0]
    body = rows[3:]
    assert [(r[0], r[1], r[2]) for r in body] == [
        ("业务部门", 1, "侦查监督科"),
        ("业务部门", 2, "公诉科"),
        ("综合部门", 1, "办公室"),
    ]
    assert body[1][6] == pytest.approx(96.62)
    people = list(individuals.iter_rows(values_only=True))[3:]
    assert {r[2] for r in people} == {
        approved.people["staff"].staff.name,
        approved.people["head"].staff.name,
    }


def test_rankings_export_defaults_to_the_newest_ranked_cycle(approved):
    job = export(approved.people["deputy"], "xlsx")
    assert job.status == ReportJob.Status.DONE, job.error
    assert "2026年度" in job.filename


def test_only_leadership_and_the_office_export_rankings(approved):
    with pytest.raises(PermissionDenied):
        export(approved.people["head"], "xlsx")


def test_a_cycle_of_another_procuratorate_is_not_exported(approved, people):
    job = export(approved.pg, "xlsx", cycle="999999")
    assert job.status == ReportJob.Status.FAILED
    assert job.error


def test_rankings_pdf_draws_the_right_chinese_glyphs(approved):
    job = export(approved.pg, "pdf", cycle=str(approved.cycle.pk))
    content = content_of(job)
    assert content.startswith(b"%PDF")
    text = "侦查监督科"
    rendered = render_and_find(content, text, largest=False)
    same = scores(rendered.glyphs, text, FONTS / "NotoSansSC-Regular.ttf")
    control_text = text[1:] + text[0]
    control = scores(rendered.glyphs, control_text, FONTS / "NotoSansSC-Regular.ttf")
    assert min(same) > 0.75, same
    assert sum(control) / len(control) < sum(same) / len(same) - 0.2, control
