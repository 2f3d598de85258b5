"""core.numbering: gap-free serials per procuratorate, series and year."""

import threading

import pytest
from django.db import connection, transaction

from apps.core.models import NumberSequence
from apps.core.numbering import number_last, number_next


def take(procuratorate, series="doc", year=2026):
    with transaction.atomic():
        return number_next(procuratorate=procuratorate, series=series, year=year)


@pytest.mark.django_db
def test_serials_are_consecutive_per_series_year_and_procuratorate(
    procuratorate, other_procuratorate
):
    assert [take(procuratorate) for _ in range(3)] == [1, 2, 3]
    assert take(procuratorate, year=2027) == 1
    assert take(procuratorate, series="letter") == 1
    assert take(other_procuratorate) == 1
    assert take(procuratorate.pk) == 4
    assert number_last(procuratorate=procuratorate, series="doc", year=2026) == 4


@pytest.mark.django_db
def test_a_rolled_back_caller_gives_its_serial_back(procuratorate):
    assert take(procuratorate) == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        assert number_next(procuratorate=procuratorate, series="doc", year=2026) == 2
        raise RuntimeError("the document could not be saved")
    assert take(procuratorate) == 2


@pytest.mark.django_db(transaction=True)
def test_numbering_outside_a_transaction_is_a_programming_error(procuratorate):
    with pytest.raises(RuntimeError):
        number_next(procuratorate=procuratorate, series="doc", year=2026)


@pytest.mark.django_db(transaction=True)
def test_concurrent_callers_get_distinct_consecutive_serials(procuratorate):
    """Eight callers at once, each in its own connection: 1..8, no gap, no repeat."""
    results, errors = [], []
    barrier = threading.Barrier(8)

    def worker():
        try:
            barrier.wait()
            results.append(take(procuratorate, series="race"))
        except Exception as exc:  # reported below, in the test's thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(results) == list(range(1, 9))
    assert NumberSequence.objects.get(series="race").last_number == 8
