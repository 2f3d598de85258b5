"""Browser journey: export the roster, watch the progress bar, download the file.

Real Chromium (Playwright), the live server and a real Celery worker on Redis.
The `page` fixture fails the test on any console error, so a script or style
the content-security policy blocks fails it too.
"""

import os
import re
import threading

import pytest
from celery.contrib.testing.worker import start_worker
from django.contrib.contenttypes.models import ContentType
from playwright.sync_api import expect

from apps.reports.registry import register_report, unregister_report
from procuratorate.celery import app

pytestmark = pytest.mark.worker


def _screenshot(page, name):
    """Save a screenshot when REPORTS_SCREENSHOTS names a folder (for a look)."""
    if folder := os.environ.get("REPORTS_SCREENSHOTS"):
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


@pytest.fixture
def slow_kind():
    """A kind that stops at 50 % until the test lets it finish."""
    release = threading.Event()

    def slow(job, progress):
        progress(50, "正在汇总")
        release.wait(30)
        return "慢报表.xlsx", b"PK-slow"

    register_report(
        "test_slow_journey",
        label="慢报表",
        formats=["xlsx"],
        permission="core.export_staff_roster",
        producer=slow,
    )
    yield release
    release.set()
    unregister_report("test_slow_journey")


def test_staff_exports_the_roster_and_downloads_it(page, login, people, slow_kind):
    # Cached content-type ids from earlier tests may predate the last flush.
    ContentType.objects.clear_cache()
    with start_worker(app, perform_ping_check=False, pool="solo"):
        login("t.staff")
        page.goto("/org/staff/")
        _screenshot(page, "staff-directory")
        page.get_by_test_id("export-pdf").get_by_role("button").click()
        expect(page).to_have_url(re.compile(r"/reports/\d+/$"))
        status = page.get_by_test_id("job-status")
        expect(status).to_have_attribute("data-status", "done", timeout=30_000)
        link = page.get_by_test_id("download-link")
        expect(link).to_contain_text(".pdf")
        with page.expect_download() as download_info:
            link.click()
        download = download_info.value
        assert download.suggested_filename.endswith(".pdf")
        with open(download.path(), "rb") as handle:
            assert handle.read(5) == b"%PDF-"

        # A slower job: the bar shows its progress while the worker runs.
        # (the export form of the staff page, pointed at the slow kind)
        page.goto("/org/staff/")
        form = page.get_by_test_id("export-xlsx")
        form.locator("input[name=kind]").evaluate(
            "input => { input.value = 'test_slow_journey'; }"
        )
        form.get_by_role("button").click()
        expect(page).to_have_url(re.compile(r"/reports/\d+/$"))
        bar = page.locator("#job-status .progress-bar")
        expect(bar).to_have_attribute("data-progress", "50", timeout=15_000)
        expect(page.get_by_test_id("job-status")).to_contain_text("正在汇总")
        assert (
            page.evaluate(
                "() => document.querySelector('#job-status .progress-bar').style.width"
            )
            == "50%"
        )
        _screenshot(page, "running")
        slow_kind.set()
        expect(page.get_by_test_id("download-link")).to_be_visible(timeout=15_000)
        _screenshot(page, "done")
        page.goto("/reports/")
        expect(page.get_by_test_id("report-job-row")).to_have_count(2)
        _screenshot(page, "my-reports")
