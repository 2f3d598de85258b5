"""Bulletin issues are numbered by core's gap-free numbering from now on.

The numbers so far were counted from the bulletins themselves; the core
sequence of each procuratorate and year starts at the highest issued number,
so the next issue continues the series and no number repeats.
"""

from django.db import migrations
from django.db.models import Max

SERIES = "publicity.bulletin"


def forwards(apps, schema_editor):
    Bulletin = apps.get_model("publicity", "Bulletin")
    NumberSequence = apps.get_model("core", "NumberSequence")
    highest = Bulletin.objects.values("procuratorate_id", "year").annotate(
        last=Max("number")
    )
    for row in highest:
        sequence, _created = NumberSequence.objects.get_or_create(
            procuratorate_id=row["procuratorate_id"],
            series=SERIES,
            year=row["year"],
        )
        if sequence.last_number < row["last"]:
            sequence.last_number = row["last"]
            sequence.save(update_fields=["last_number"])


def backwards(apps, schema_editor):
    apps.get_model("core", "NumberSequence").objects.filter(series=SERIES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_number_sequence"),
        ("publicity", "0003_bulletin_layout"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
