from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """The organisation's pages: sign-in and -out, the staff directory and
    roster, and the admin of procuratorates, departments and staff. The
    models themselves are core's; these pages use the audit trail and report
    jobs, which core (the ground) may not import."""

    name = "apps.accounts"
    label = "accounts"
    verbose_name = _("Organisation")
