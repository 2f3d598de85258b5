"""Supervision's number sequences move to core's one counter (core.NumberSequence).

Every (procuratorate, series, year) row is copied with its last number, so the
next case, letter, document or clue number continues where it stopped and
never repeats. Going back copies the rows of supervision's series back.
"""

from django.db import migrations

# The series supervision numbers (services/numbering.py's SERIES_WORDS keys).
SERIES = (
    "case",
    "accept",
    "refuse",
    "clue",
    "protest_request",
    "protest",
    "retrial_suggestion",
    "procuratorial_suggestion",
    "settlement",
    "petition_withdrawn",
    "not_supported",
)


# Core's counter is shared by every app: supervision's series carry its name.
PREFIX = "supervision."


def _copy(target_model, rows, rename):
    for row in rows:
        target, _created = target_model.objects.get_or_create(
            procuratorate_id=row.procuratorate_id,
            series=rename(row.series),
            year=row.year,
        )
        # Never move a counter backwards: that would give a number twice.
        if target.last_number < row.last_number:
            target.last_number = row.last_number
            target.save(update_fields=["last_number"])


def to_core(apps, schema_editor):
    old = apps.get_model("supervision", "NumberSequence")
    new = apps.get_model("core", "NumberSequence")
    _copy(new, old.objects.all(), lambda series: PREFIX + series)


def back_from_core(apps, schema_editor):
    old = apps.get_model("supervision", "NumberSequence")
    new = apps.get_model("core", "NumberSequence")
    _copy(
        old,
        new.objects.filter(series__in=[PREFIX + s for s in SERIES]),
        lambda series: series.removeprefix(PREFIX),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_number_sequence"),
        ("supervision", "0003_alter_accessgrant_reason_alter_extension_reason_and_more"),
    ]

    operations = [migrations.RunPython(to_core, back_from_core)]
