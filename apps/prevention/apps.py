from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreventionConfig(AppConfig):
    name = "apps.prevention"
    label = "prevention"
    verbose_name = _("Case-specific prevention")
