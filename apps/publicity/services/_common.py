"""Helpers the publicity services share: refusals, locking and permission checks."""

from django.core.exceptions import PermissionDenied
from django_fsm import TransitionNotAllowed


class StepUnavailable(TransitionNotAllowed):
    """The item is not at the step the action belongs to (or it was just taken).

    `message` is a sentence for the user; views show it as it is.
    """

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def require_perm(actor, perm, obj=None):
    """Raise PermissionDenied unless `actor` holds `perm` (on `obj`)."""
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(perm)
