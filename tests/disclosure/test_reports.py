"""《工作通讯》 as a PDF through the report-job mechanism, drawn in Chinese."""

import datetime
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from django.conf import settings

from apps.disclosure.services import (
    plan_create,
    plan_item_add,
    plan_publish,
    plan_record_results,
    service_request_decide,
)
from apps.reports.models import ReportJob
from apps.reports.services import report_job_create, report_job_run
from tests.factories import Role, make_user
from tests.reports.glyphs import render_and_find, scores

from .conftest import submit

pytestmark = pytest.mark.django_db

FONTS = Path(settings.REPORT_FONT_DIR)


def test_the_newsletter_pdf_shows_the_months_plans_results_and_refusals(
    clock, people, office, supplies, pens
):
    clock.at(2025, 11, 3, 9)
    clerk = make_user(department=office, roles=[Role.DEPARTMENT_CLERK])
    plan = plan_create(actor=clerk, month=datetime.date(2025, 11, 1))
    plan_item_add(actor=clerk, plan=plan, content="完成档案整理")
    plan_publish(actor=clerk, plan=plan)
    request = submit(people["clerk"], supplies, (pens, 1))
    service_request_decide(
        actor=people["office_head"],
        request=request,
        decision="deferred",
        reason="经检察长决定，资金数额较大，缓办",
    )
    clock.at(2025, 12, 1, 9)
    plan_record_results(
        actor=clerk, plan=plan, results={plan.items.get().pk: ("整理卷宗320卷", 100)}
    )

    job = report_job_create(
        actor=people["staff"],
        kind="disclosure_newsletter",
        format="pdf",
        params={"month": "2025-11"},
    )
    report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE, job.error
    assert job.filename.endswith("202511.pdf")
    with job.file.open("rb") as handle:
        content = handle.read()
    text = "".join(
        page.get_textpage().get_text_range() for page in pdfium.PdfDocument(content)
    )
    for expected in ("工作通讯", "完成档案整理", "整理卷宗320卷", "资金数额较大，缓办"):
        assert expected in text
    # The text layer is not enough: a heading must be drawn with the right
    # glyphs (Noto Serif SC Bold), not merely encoded right.
    heading = "服务申请办理"
    rendered = render_and_find(content, heading, largest=True)
    same = scores(rendered.glyphs, heading, FONTS / "NotoSerifSC-Bold.ttf")
    control = scores(
        rendered.glyphs, heading[1:] + heading[0], FONTS / "NotoSerifSC-Bold.ttf"
    )
    assert min(same) > 0.7, same
    assert sum(control) / len(control) < sum(same) / len(same) - 0.2, (same, control)
