"""Project and suggestion-letter numbers move to core's gap-free sequences.

Each existing (procuratorate, series, year) starts at the highest serial
already issued, so the next number continues the series and never repeats.
"""

import re

from django.db import migrations
from django.db.models import Max

PROJECT_SERIES = "prevention.project"
LETTER_SERIES = "prevention.suggestion_letter"
# <prefix>预建〔2026〕12号
LETTER_NUMBER = re.compile(r"〔(\d{4})〕(\d+)号$")


def _raise_to(NumberSequence, procuratorate_id, series, year, serial):
    sequence, _created = NumberSequence.objects.get_or_create(
        procuratorate_id=procuratorate_id, series=series, year=year
    )
    if serial > sequence.last_number:
        sequence.last_number = serial
        sequence.save(update_fields=["last_number"])


def seed_sequences(apps, schema_editor):
    NumberSequence = apps.get_model("core", "NumberSequence")
    PreventionProject = apps.get_model("prevention", "PreventionProject")
    SuggestionLetter = apps.get_model("prevention", "SuggestionLetter")
    projects = PreventionProject.objects.values("procuratorate_id", "year").annotate(
        last=Max("sequence")
    )
    for row in projects:
        _raise_to(
            NumberSequence,
            row["procuratorate_id"],
            PROJECT_SERIES,
            row["year"],
            row["last"],
        )
    letters = SuggestionLetter.objects.exclude(number="").values_list(
        "project__procuratorate_id", "number"
    )
    for procuratorate_id, number in letters:
        match = LETTER_NUMBER.search(number)
        if match:
            year, serial = int(match.group(1)), int(match.group(2))
            _raise_to(NumberSequence, procuratorate_id, LETTER_SERIES, year, serial)


def drop_sequences(apps, schema_editor):
    NumberSequence = apps.get_model("core", "NumberSequence")
    NumberSequence.objects.filter(series__in=[PROJECT_SERIES, LETTER_SERIES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_number_sequence"),
        ("prevention", "0005_random_upload_paths"),
    ]

    operations = [migrations.RunPython(seed_sequences, drop_sequences)]
