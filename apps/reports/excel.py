"""Small helpers for Excel reports: openpyxl write-only workbooks, returned as bytes.

Write-only mode streams rows, so a sheet of 100,000 rows costs little memory;
its price is that column widths, the title and frozen panes are set before the
first row, and cells are never read back.

    columns = [Column(_("Name"), 12), Column(_("Phone"), 16)]
    content = xlsx_table(
        sheet_title=_("Staff"), title="测试区人民检察院花名册",
        columns=columns, rows=(... generator of lists ...),
    )
"""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

# Excel refuses these in sheet names.
_SHEET_NAME_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", "_"))

TITLE_FONT = Font(size=16, bold=True)
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="EEEEEE")
THIN = Side(style="thin", color="999999")
HEADER_BORDER = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)


@dataclass(frozen=True)
class Column:
    header: str
    width: float = 14  # in characters; a CJK character counts about 2


def new_workbook():
    """A write-only workbook (no default sheet)."""
    return Workbook(write_only=True)


def add_table_sheet(
    workbook,
    *,
    sheet_title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence],
    title: str | None = None,
    subtitle: str | None = None,
    on_row: Callable[[int], None] | None = None,
):
    """Append a sheet: optional title row(s), a bold header row, then `rows`.

    `on_row(n)` is called after every row written (n counts from 1), e.g. to
    report progress every few hundred rows.
    """
    sheet = workbook.create_sheet(
        str(sheet_title).translate(_SHEET_NAME_FORBIDDEN)[:31]
    )
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    last_letter = get_column_letter(len(columns))
    header_row = 1 + bool(title) + bool(subtitle)
    # Write-only sheets write their views with the first row: set them first.
    sheet.freeze_panes = f"A{header_row + 1}"
    # Print: repeat the header row on every page, fit the width to the paper.
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    row_number = 1
    if title:
        cell = WriteOnlyCell(sheet, value=str(title))
        cell.font = TITLE_FONT
        cell.alignment = Alignment(horizontal="center", vertical="center")
        sheet.append([cell])
        sheet.merged_cells.add(f"A{row_number}:{last_letter}{row_number}")
        row_number += 1
    if subtitle:
        cell = WriteOnlyCell(sheet, value=str(subtitle))
        cell.alignment = Alignment(horizontal="center")
        sheet.append([cell])
        sheet.merged_cells.add(f"A{row_number}:{last_letter}{row_number}")
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=str(column.header))
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = HEADER_BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center")
        header.append(cell)
    sheet.append(header)
    for count, row in enumerate(rows, start=1):
        sheet.append([_cell(sheet, value) for value in row])
        if on_row is not None:
            on_row(count)
    return sheet


def _cell(sheet, value):
    """A cell for `value`: text stays text (never a formula), times local."""
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value).replace(tzinfo=None)
        return value
    if isinstance(value, datetime.date | datetime.time):
        return value
    cell = WriteOnlyCell(sheet, value=str(value))
    # Text a user typed, such as "=HYPERLINK(...)", must not become a formula.
    cell.data_type = "s"
    return cell


def workbook_bytes(workbook) -> bytes:
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_table(
    *,
    sheet_title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence],
    title: str | None = None,
    subtitle: str | None = None,
    on_row: Callable[[int], None] | None = None,
) -> bytes:
    """One-sheet workbook with a title, a bold header row and `rows`, as bytes."""
    workbook = new_workbook()
    add_table_sheet(
        workbook,
        sheet_title=sheet_title,
        columns=columns,
        rows=rows,
        title=title,
        subtitle=subtitle,
        on_row=on_row,
    )
    return workbook_bytes(workbook)
