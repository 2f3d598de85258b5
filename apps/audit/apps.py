from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "apps.audit"
    label = "audit"
    verbose_name = _("Audit trail")

    def ready(self):
        from apps.core.actions import action_refused

        from .receivers import record_refused_action

        action_refused.connect(record_refused_action, dispatch_uid="audit.refused")
