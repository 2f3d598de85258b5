from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem

ITEMS = [
    NavItem(
        _("Audit trail"),
        "audit:event_list",
        "audit.view_auditevent",
        "journal-text",
        _("Administration"),
    ),
]
