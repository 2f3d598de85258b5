import rules

from apps.core.rules import is_leadership

rules.add_perm("dashboard.view_board", is_leadership)
