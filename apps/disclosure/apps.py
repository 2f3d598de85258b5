from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _can_view(user, obj):
    return user.has_perm("disclosure.view_board")


class DisclosureConfig(AppConfig):
    name = "apps.disclosure"
    label = "disclosure"
    verbose_name = _("Government-affairs disclosure")

    def ready(self):
        # Every published item of the board takes comments (评论栏).
        from apps.comments.registry import register_commentable

        from .models import BoardPost, MonthlyPlan, OfficeMeeting, Rule, ServiceRequest

        register_commentable(
            BoardPost,
            is_open=lambda post: post.withdrawn_at is None,
            can_view=_can_view,
        )
        register_commentable(Rule, can_view=_can_view)
        register_commentable(ServiceRequest, can_view=_can_view)
        register_commentable(
            MonthlyPlan,
            is_open=lambda plan: not plan.is_draft,
            can_view=_can_view,
        )
        register_commentable(OfficeMeeting, can_view=_can_view)
