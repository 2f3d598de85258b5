"""Service requests are numbered by core's gap-free sequence from now on.

Seed the sequence of every procuratorate and year with the highest serial
already given (numbers are "<year>-<serial>"), so new numbers carry on from
there and never repeat an existing one.
"""

from django.db import migrations

SERIES = "disclosure.request"


def seed_sequences(apps, schema_editor):
    ServiceRequest = apps.get_model("disclosure", "ServiceRequest")
    NumberSequence = apps.get_model("core", "NumberSequence")
    highest = {}
    for procuratorate_id, number in ServiceRequest.objects.values_list(
        "procuratorate_id", "number"
    ):
        year, _sep, serial = number.partition("-")
        if not (year.isdigit() and serial.isdigit()):
            continue
        key = (procuratorate_id, int(year))
        highest[key] = max(highest.get(key, 0), int(serial))
    for (procuratorate_id, year), last in highest.items():
        sequence, _created = NumberSequence.objects.get_or_create(
            procuratorate_id=procuratorate_id,
            series=SERIES,
            year=year,
            defaults={"last_number": last},
        )
        if sequence.last_number < last:
            sequence.last_number = last
            sequence.save(update_fields=["last_number"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_number_sequence"),
        ("disclosure", "0007_meeting_report_label"),
    ]

    operations = [
        # Going back leaves the sequences: the old counting ignores them.
        migrations.RunPython(seed_sequences, migrations.RunPython.noop),
    ]
