"""Remarks are numbered by core.NumberSequence from now on.

Each (procuratorate, year) that already has remarks gets its sequence row with
the highest serial issued, so the next remark continues the count and no
number is given twice. Undone, the rows are removed again (the old numbering
counted the remarks themselves).
"""

from django.db import migrations
from django.db.models import Max

SERIES = "integrity.remark"


def seed(apps, schema_editor):
    Remark = apps.get_model("integrity", "Remark")
    NumberSequence = apps.get_model("core", "NumberSequence")
    highest = (
        Remark.objects.values("procuratorate_id", "year")
        .annotate(last=Max("sequence"))
        .order_by()
    )
    for row in highest:
        sequence, _created = NumberSequence.objects.get_or_create(
            procuratorate_id=row["procuratorate_id"],
            series=SERIES,
            year=row["year"],
            defaults={"last_number": row["last"]},
        )
        if sequence.last_number < row["last"]:
            sequence.last_number = row["last"]
            sequence.save(update_fields=["last_number"])


def unseed(apps, schema_editor):
    apps.get_model("core", "NumberSequence").objects.filter(series=SERIES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_number_sequence"),
        ("integrity", "0006_uploads_random_paths"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
