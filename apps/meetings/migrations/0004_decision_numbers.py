"""Decision document numbers move to core's gap-free number sequences.

Each (procuratorate, year) that already has numbered decisions gets its
sequence row with the highest serial issued, so new numbers continue and
never repeat.
"""

from django.db import migrations
from django.db.models import Max

SERIES = "meetings.decision"


def forward(apps, schema_editor):
    Resolution = apps.get_model("meetings", "Resolution")
    NumberSequence = apps.get_model("core", "NumberSequence")
    issued = (
        Resolution.objects.filter(doc_seq__isnull=False)
        .values("procuratorate_id", "doc_year")
        .annotate(last=Max("doc_seq"))
    )
    for row in issued:
        sequence, _created = NumberSequence.objects.get_or_create(
            procuratorate_id=row["procuratorate_id"],
            series=SERIES,
            year=row["doc_year"],
        )
        if sequence.last_number < row["last"]:
            sequence.last_number = row["last"]
            sequence.save(update_fields=["last_number"])


def backward(apps, schema_editor):
    NumberSequence = apps.get_model("core", "NumberSequence")
    NumberSequence.objects.filter(series=SERIES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_number_sequence"),
        ("meetings", "0003_meeting_closed_at_label"),
    ]

    operations = [migrations.RunPython(forward, backward)]
