"""Who may comment, flag and hide (django-rules)."""

import rules

from apps.core.rules import is_any_admin, is_office_reviewer, is_staff_member


@rules.predicate
def same_procuratorate_as_comment(user, comment):
    staff = getattr(user, "staff", None) if user.is_authenticated else None
    return bool(
        staff and comment and comment.procuratorate_id == staff.procuratorate_id
    )


can_use = is_staff_member & ~is_any_admin

rules.add_perm("comments.post", can_use)
rules.add_perm("comments.flag", can_use)
# The office moderates: it hides abusive comments, leaving a placeholder.
rules.add_perm("comments.hide", can_use & is_office_reviewer)
rules.add_perm(
    "comments.hide_comment",
    can_use & is_office_reviewer & same_procuratorate_as_comment,
)
