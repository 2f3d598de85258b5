"""How the supervision documents are numbered: 长检民行监〔2026〕3号.

A number is the procuratorate's prefix, the series' word, the year and the
serial. The serial comes from core's gap-free counter
(``apps.core.numbering.number_next``), taken in the caller's transaction; the
words and the shape of the number are this app's.
"""

from apps.core.numbering import number_next

from ..models import Outcome

# The word of each series in the document number (文号). Data, not UI text:
# the numbers are printed on documents that leave the house in Chinese. The
# keys are the series of core's NumberSequence.
SERIES_WORDS = {
    "case": "民行监",
    "accept": "民行受",
    "refuse": "民行不受",
    "clue": "民行线",
    Outcome.Kind.PROTEST_REQUEST: "民行提抗",
    Outcome.Kind.PROTEST: "民行抗",
    Outcome.Kind.RETRIAL_SUGGESTION: "民行再建",
    Outcome.Kind.PROCURATORIAL_SUGGESTION: "民行建",
    Outcome.Kind.SETTLEMENT: "民行和",
    Outcome.Kind.PETITION_WITHDRAWN: "民行息",
    Outcome.Kind.NOT_SUPPORTED: "民行不支持监",
}


def number_prefix(procuratorate):
    return procuratorate.case_number_prefix or procuratorate.short_name or ""


def format_number(procuratorate, series, year, serial):
    return f"{number_prefix(procuratorate)}{SERIES_WORDS[series]}〔{year}〕{serial}号"


def next_number(*, procuratorate, series, year):
    """Take the next serial of `series` for `year`; return (serial, formatted)."""
    series = str(series)
    # Core's counter is shared by every app: the series carries the app's name.
    serial = number_next(
        procuratorate=procuratorate, series=f"supervision.{series}", year=year
    )
    return serial, format_number(procuratorate, series, year, serial)
