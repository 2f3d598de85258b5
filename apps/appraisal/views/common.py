"""What the appraisal pages share: the app's gate and the form-page flow.

Buttons go through the ActionSets in ``actions.py``; create and edit pages
keep Django's form flow and show a service's refusal on the form.
"""

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError

from apps.core.actions import Refused, apply_errors

use_appraisal = permission_required("appraisal.view_appraisal", raise_exception=True)


def save_form(form, service):
    """Call ``service()``; on a refusal put its reason on ``form``, return None."""
    try:
        return service()
    except ValidationError as exc:
        apply_errors(form, exc)
    except Refused as exc:
        form.add_error(None, exc.message)
    return None
