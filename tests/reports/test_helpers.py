"""The registry, the PDF and Excel helpers, and the navigation entry."""

import io

import openpyxl
import pypdfium2 as pdfium
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation

from apps.core.navigation import nav_items_for
from apps.reports import pdf
from apps.reports.excel import Column, xlsx_table
from apps.reports.registry import get_report, register_report, unregister_report
from apps.reports.templatetags.report_jobs import css_string_literal


def _producer(job, progress):
    return "x.pdf", b"%PDF"


def _other_producer(job, progress):
    return "y.pdf", b"%PDF"


def test_register_refuses_bad_formats_and_a_second_producer():
    with pytest.raises(ImproperlyConfigured):
        register_report(
            "test_bad", label="x", formats=["docx"], permission="p", producer=_producer
        )
    with pytest.raises(ImproperlyConfigured):
        register_report(
            "test_bad", label="x", formats=[], permission="p", producer=_producer
        )
    register_report(
        "test_twice", label="x", formats=["pdf"], permission="p", producer=_producer
    )
    try:
        # The same producer again is harmless (a module imported twice).
        register_report(
            "test_twice", label="x", formats=["pdf"], permission="p", producer=_producer
        )
        with pytest.raises(ImproperlyConfigured):
            register_report(
                "test_twice",
                label="x",
                formats=["pdf"],
                permission="p",
                producer=_other_producer,
            )
    finally:
        unregister_report("test_twice")


def test_the_roster_is_registered_at_startup():
    spec = get_report("staff_roster")
    assert spec.formats == ("xlsx", "pdf")
    assert spec.permission == "core.export_staff_roster"


def test_css_string_cannot_break_out_of_the_style_element():
    literal = css_string_literal('内部"资料\\</style><script>')
    assert literal.startswith('"') and literal.endswith('"')
    inner = literal[1:-1]
    assert '"' not in inner and "<" not in inner and ">" not in inner
    assert "内部" in inner


def test_page_counter_is_built_from_the_translation():
    with translation.override("en"):
        assert pdf.page_counter_css() == ('"Page " counter(page) " of " counter(pages)')


def test_pdf_fetcher_reads_only_the_bundled_folders():
    fetcher = pdf._url_fetcher_class()(pdf._allowed_roots())
    font = pdf.font_urls()["sans_regular"]
    response = fetcher.fetch(font)
    assert response.read(4) == b"\x00\x01\x00\x00"  # a TrueType font
    response.close()
    for url in (
        "file:///etc/passwd",
        "file:///work/../etc/passwd",
        "http://127.0.0.1/secret",
        "https://example.org/logo.png",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


@pytest.mark.django_db
def test_watermark_and_page_numbers_on_every_page():
    rows = [[n, f"姓名{n}", "检察员", "", ""] for n in range(1, 121)]
    with translation.override("en"):
        content = pdf.render_pdf(
            "reports/pdf_table.html",
            {
                "title": "水印测试",
                "columns": ["No.", "Name", "Position", "Roles", "Phone"],
                "groups": [{"label": "", "rows": rows}],
                "watermark": "观看人 甲",
            },
        )
    document = pdfium.PdfDocument(content)
    try:
        assert len(document) >= 3
        for number, page in enumerate(document, start=1):
            text = page.get_textpage().get_text_range()
            assert "观看人 甲" in text
            assert f"Page {number} of {len(document)}" in text
    finally:
        document.close()


def test_xlsx_keeps_typed_text_as_text():
    content = xlsx_table(
        sheet_title="名单/一[1]",
        title="标题",
        columns=[Column("姓名"), Column("备注", 30)],
        rows=[["张三", '=HYPERLINK("http://evil","点我")'], ["李四", 12]],
    )
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    sheet = workbook.active
    assert sheet.title == "名单_一_1_"
    assert sheet["B3"].data_type == "s"
    assert sheet["B3"].value.startswith("=HYPERLINK")
    assert sheet["B4"].value == 12
    assert sheet["A2"].font.b
    assert sheet.freeze_panes == "A3"
    assert sheet.column_dimensions["B"].width == 30


@pytest.mark.django_db
def test_my_reports_is_in_everyones_navigation(people):
    labels = [item.url_name for item in nav_items_for(people["staff"])]
    assert "reports:my_jobs" in labels
