from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem

ITEMS = [
    NavItem(_("My reports"), "reports:my_jobs", None, "file-earmark-arrow-down", "")
]
