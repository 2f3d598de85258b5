from django.utils.translation import gettext_lazy as _

from apps.core.navigation import NavItem

ITEMS = [NavItem(_("My to-dos"), "todos:inbox", None, "inbox", "")]
