"""Gap-free serial numbers per procuratorate, series and year.

Document numbers (文号) such as 长检民行监〔2026〕3号 or a bulletin's 第12期 are
counted without gaps within one procuratorate, one series and one year. The
serial is taken under a row lock in the caller's transaction: concurrent
callers get consecutive serials, and a caller that rolls back gives its
serial back. How a number is printed is the calling app's business.
"""

from django.db import transaction

from .models import NumberSequence


def number_next(*, procuratorate, series, year):
    """Take the next serial of ``series`` for ``year`` in ``procuratorate``.

    ``procuratorate`` is the instance or its id.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("number_next must run inside the caller's transaction")
    series = str(series)
    procuratorate_id = getattr(procuratorate, "pk", procuratorate)
    # The year's first number creates its row; a concurrent creator wins
    # quietly and the lock below waits for it.
    NumberSequence.objects.bulk_create(
        [NumberSequence(procuratorate_id=procuratorate_id, series=series, year=year)],
        ignore_conflicts=True,
    )
    sequence = NumberSequence.objects.select_for_update().get(
        procuratorate_id=procuratorate_id, series=series, year=year
    )
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


def number_last(*, procuratorate, series, year):
    """The last serial given (0 when none), without taking one."""
    return (
        NumberSequence.objects.filter(
            procuratorate_id=getattr(procuratorate, "pk", procuratorate),
            series=str(series),
            year=year,
        )
        .values_list("last_number", flat=True)
        .first()
        or 0
    )
