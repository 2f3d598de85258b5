"""Who may do what with report jobs.

Each report kind names its own permission (see registry.py); these rules only
cover the jobs themselves: a job's file is for the person who asked for it.
"""

import rules

from apps.core.rules import is_staff_member, is_system_admin, same_procuratorate


@rules.predicate
def is_requester(user, job):
    return job is not None and user.is_authenticated and job.requested_by_id == user.pk


rules.add_perm(
    "reports.download_reportjob", is_staff_member & is_requester & same_procuratorate
)
# The system administrator sees failed jobs in the admin site (read-only).
rules.add_perm("reports.view_reportjob", is_system_admin)
