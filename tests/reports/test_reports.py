"""The staff roster (花名册) as Excel and as PDF, and the Chinese glyph check."""

import io
import os
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.utils import translation

from apps.core.models import Role
from apps.reports.models import ReportJob
from apps.reports.services import report_job_create, report_job_run
from tests.factories import DepartmentFactory, make_user

from .glyphs import render_and_find, scores

pytestmark = pytest.mark.django_db

FONTS = Path(settings.REPORT_FONT_DIR)


@pytest.fixture
def roster_org(procuratorate, office, prosecution, other_procuratorate):
    """Two departments in a set order, five people, one inactive, one outsider."""
    office.sort_order = 1
    office.save(update_fields=["sort_order"])
    prosecution.sort_order = 2
    prosecution.save(update_fields=["sort_order"])
    people = {
        "pg": make_user(
            department=office,
            roles=[Role.PROCURATOR_GENERAL],
            name="欧阳检察",
            position="检察长",
            phone="0774-3800001",
        ),
        "clerk": make_user(
            department=office,
            roles=[Role.OFFICE_REVIEWER],
            name="白文书",
            position="办公室主任",
            phone="0774-3800002",
        ),
        "head": make_user(
            department=prosecution,
            roles=[Role.DEPARTMENT_HEAD, Role.INFORMATION_OFFICER],
            name="龚公诉",
            position="科长",
            phone="0774-3800003",
        ),
        "staff": make_user(
            department=prosecution, name="韩干警", position="检察员", phone=""
        ),
    }
    gone = make_user(department=prosecution, name="离职者")
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    make_user(
        department=DepartmentFactory(procuratorate=other_procuratorate, name="办公室"),
        name="邻院人",
    )
    return people


def _roster(user, fmt, **params):
    job = report_job_create(actor=user, kind="staff_roster", format=fmt, params=params)
    report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.DONE, job.error
    with job.file.open("rb") as handle:
        return job, handle.read()


def test_roster_xlsx_lists_the_procuratorate_by_department_order(roster_org):
    job, content = _roster(roster_org["staff"], "xlsx")

    assert job.filename.endswith(".xlsx")
    assert "测试区人民检察院" in job.filename
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert "测试区人民检察院" in rows[0][0]  # the title row
    header, body = rows[2], rows[3:]
    assert len(header) == 5
    assert sheet.cell(row=3, column=1).font.b  # bold header
    with translation.override(settings.LANGUAGE_CODE):
        roles = {
            key: user.staff.get_roles_display() for key, user in roster_org.items()
        }
    # Grouped by department sort order; names within in the database's order.
    assert [row[0] for row in body] == ["办公室", "办公室", "公诉科", "公诉科"]
    assert {row[1] for row in body[:2]} == {"欧阳检察", "白文书"}
    assert {row[1] for row in body[2:]} == {"龚公诉", "韩干警"}
    by_name = {row[1]: row for row in body}
    assert by_name["龚公诉"] == (
        "公诉科",
        "龚公诉",
        "科长",
        roles["head"],
        "0774-3800003",
    )
    assert by_name["韩干警"][4] in (None, "")
    assert "离职者" not in by_name and "邻院人" not in by_name


def test_roster_follows_the_department_filter(roster_org, prosecution):
    _, content = _roster(roster_org["pg"], "xlsx", department=str(prosecution.pk))
    body = list(openpyxl.load_workbook(io.BytesIO(content)).active.values)[3:]
    assert {row[0] for row in body} == {"公诉科"}


def test_roster_refuses_a_malformed_department(roster_org):
    job = report_job_create(
        actor=roster_org["pg"],
        kind="staff_roster",
        format="xlsx",
        params={"department": "abc"},
    )
    report_job_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ReportJob.Status.FAILED
    assert job.error


def test_roster_pdf_draws_the_right_chinese_glyphs(roster_org, tmp_path):
    """THE CJK CHECK: the page must show the characters its text layer claims.

    The title (bold) and a name in the table (regular) are found through the
    text layer, cut out of the page rasterised by pypdfium2, and compared with
    the same characters drawn by Pillow from the bundled TTF. A different
    string of the same characters in another order is the control: a page
    drawn with wrong glyphs scores like the control, not like the reference.
    """
    job, content = _roster(roster_org["pg"], "pdf")
    assert content.startswith(b"%PDF")
    assert job.filename.endswith(".pdf")

    checks = [
        ("测试区人民检察院", "NotoSansSC-Bold.ttf", True),  # in the 18pt title
        ("欧阳检察", "NotoSansSC-Regular.ttf", False),  # a name in the table
    ]
    for text, font, largest in checks:
        rendered = render_and_find(content, text, largest=largest)
        same = scores(rendered.glyphs, text, FONTS / font)
        control_text = text[1:] + text[0]
        control = scores(rendered.glyphs, control_text, FONTS / font)
        assert min(same) > 0.75, (text, same)
        assert sum(same) / len(same) > 0.85, (text, same)
        assert sum(control) / len(control) < 0.6, (text, control)
        for right, wrong, a, b in zip(same, control, text, control_text, strict=True):
            if a != b:
                assert right > wrong + 0.3, (a, right, b, wrong)

    png = tmp_path / "roster-page1.png"
    rendered.page_image.save(png)
    if target := os.environ.get("REPORTS_SAVE_PNG"):
        rendered.page_image.save(target)
    assert png.stat().st_size > 10_000


def test_roster_pdf_with_wrong_font_would_fail_the_check(roster_org):
    """The check has teeth: the serif font's glyphs do not pass for the sans ones."""
    _, content = _roster(roster_org["pg"], "pdf")
    text = "测试区人民检察院"
    rendered = render_and_find(content, text)
    serif = scores(rendered.glyphs, text, FONTS / "NotoSerifSC-Bold.ttf")
    sans = scores(rendered.glyphs, text, FONTS / "NotoSansSC-Bold.ttf")
    assert sum(sans) / len(sans) > sum(serif) / len(serif) + 0.1
