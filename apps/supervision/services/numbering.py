"""Gapless yearly numbers for cases, letters, documents and clues.

A number looks like 长检民行监〔2026〕3号: the procuratorate's prefix, the
series' word, the year, the serial. The serial is taken under a row lock in the
caller's transaction, so concurrent callers get consecutive serials and a
rolled-back caller gives its serial back.
"""

from django.db import transaction

from ..models import NumberSequence, Outcome

# The word of each series in the document number (文号). Data, not UI text:
# the numbers are printed on documents that leave the house in Chinese.
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
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside the caller's transaction")
    series = str(series)
    # Create the year's row if it is the first number; a concurrent creator wins
    # quietly and we lock its row below.
    NumberSequence.objects.bulk_create(
        [NumberSequence(procuratorate=procuratorate, series=series, year=year)],
        ignore_conflicts=True,
    )
    sequence = NumberSequence.objects.select_for_update().get(
        procuratorate=procuratorate, series=series, year=year
    )
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    serial = sequence.last_number
    return serial, format_number(procuratorate, series, year, serial)
