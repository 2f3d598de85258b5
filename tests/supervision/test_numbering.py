"""Document numbers come from core's counter and continue the numbers given before."""

from importlib import import_module

import pytest
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

from apps.core.models import NumberSequence
from apps.supervision.services.numbering import format_number, next_number

from .factories import registered

MIGRATION = "0004_numbers_to_core"
copy_to_core = import_module(f"apps.supervision.migrations.{MIGRATION}").to_core


@pytest.mark.django_db
def test_numbers_continue_after_the_sequences_moved_to_core(sv, procuratorate):
    """Given numbers issued under supervision's own sequences, when the data
    migration copies them into core's, then the next numbers follow on."""
    year = timezone.localdate().year
    # Supervision's sequences as they were just before the migration; the
    # table is created inside the test's transaction and rolled back with it.
    state = MigrationLoader(None, ignore_no_migrations=True).project_state(
        ("supervision", MIGRATION), at_end=False
    )
    OldSequence = state.apps.get_model("supervision", "NumberSequence")
    with connection.schema_editor() as editor:
        editor.create_model(OldSequence)
        for series, y, last in (
            ("case", year, 41),
            ("accept", year, 7),
            ("clue", 2020, 3),
        ):
            OldSequence.objects.create(
                procuratorate_id=procuratorate.pk,
                series=series,
                year=y,
                last_number=last,
            )
        # A counter core already holds is never moved backwards.
        NumberSequence.objects.create(
            procuratorate=procuratorate,
            series="supervision.clue",
            year=2020,
            last_number=5,
        )
        copy_to_core(state.apps, editor)

    copied = {
        (s.series, s.year): s.last_number
        for s in NumberSequence.objects.filter(procuratorate=procuratorate)
    }
    assert copied == {
        ("supervision.case", year): 41,
        ("supervision.accept", year): 7,
        ("supervision.clue", 2020): 5,
    }
    petition = registered(sv)
    assert petition.case_serial == 42
    assert petition.letter_number == format_number(procuratorate, "accept", year, 8)


@pytest.mark.django_db
def test_numbers_are_formatted_here_and_counted_in_core(sv, procuratorate):
    procuratorate.case_number_prefix = "长检"
    procuratorate.save()
    with transaction.atomic():
        serial, number = next_number(
            procuratorate=procuratorate, series="case", year=2026
        )
    assert (serial, number) == (1, "长检民行监〔2026〕1号")
    sequence = NumberSequence.objects.get(series="supervision.case", year=2026)
    assert sequence.last_number == 1
