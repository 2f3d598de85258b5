import rules

from apps.core.rules import is_audit_admin

# Only the audit administrator reads the trail; nobody can change it.
rules.add_perm("audit.view_auditevent", is_audit_admin)
