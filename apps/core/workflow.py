"""The state graph, declared once in the model.

Every step of a workflow is a django-fsm-2 transition that names the
permission (a rule in the app's ``rules.py``) a person needs to take it; the
action layer (``apps.core.actions``) asks that transition, so the states a
step leaves from are written nowhere else. ``step`` is that declaration in
one line::

    @step(State.SUBMITTED, State.DEPARTMENT_APPROVED, "publicity.approve_item")
    def approve(self):
        pass
"""

from django_fsm import transition


def step(source, target, permission, *, field="state", **options):
    """A transition of ``field`` from ``source`` to ``target`` under ``permission``."""
    return transition(
        field=field, source=source, target=target, permission=permission, **options
    )
