"""Password policy messages that Django's own zh_Hans catalogue lacks.

Django 5.2 changed the msgid of MinimumLengthValidator's message ("%d" instead
of "%(min_length)d") without updating its zh_Hans translation, so Chinese users
would read it in English. Marking the new msgid here puts it in our catalogue.
"""

from django.utils.translation import ngettext_lazy

MINIMUM_LENGTH_MESSAGE = ngettext_lazy(
    "This password is too short. It must contain at least %d character.",
    "This password is too short. It must contain at least %d characters.",
    "min_length",
)
