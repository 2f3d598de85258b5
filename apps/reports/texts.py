"""Words every report uses, so each app's reports say them alike.

They live in the reports catalogue; a producer uses them under the worker's
language (the site language), e.g. `str(texts.WRITING)`.
"""

from django.utils.translation import gettext_lazy as _

INTERNAL_USE_ONLY = _("Internal use only")
NUMBER = _("No.")
READING = _("Reading the data")
WRITING = _("Writing the file")
INVALID_PARAMS = _("Invalid report parameters.")


def made_at(moment):
    """ "Made at 2026-11-28 10:00" for a report's subtitle (local time)."""
    return _("Made at %(time)s") % {"time": f"{moment:%Y-%m-%d %H:%M}"}
