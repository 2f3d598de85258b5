import rules

from apps.core.rules import is_system_admin

# The calendar and the catalogue are reference data the system administrator keeps.
for model in ("calendaroverride", "timelimit"):
    for action in ("view", "add", "change", "delete"):
        rules.add_perm(f"workdays.{action}_{model}", is_system_admin)
