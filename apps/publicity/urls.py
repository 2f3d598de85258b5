from django.urls import path

from .views import bulletins, items, rewards, stats

app_name = "publicity"
urlpatterns = [
    path("", items.my_items, name="index"),
    path("items/new/", items.item_create, name="item_create"),
    path("items/<int:pk>/", items.item_detail, name="item_detail"),
    path("items/<int:pk>/edit/", items.item_edit, name="item_edit"),
    path("items/<int:pk>/delete/", items.item_delete, name="item_delete"),
    path(
        "items/<int:pk>/office-edit/", items.item_office_edit, name="item_office_edit"
    ),
    path("items/<int:pk>/<slug:action>/", items.item_action, name="item_action"),
    path(
        "attachments/<int:pk>/", items.attachment_download, name="attachment_download"
    ),
    path(
        "attachments/<int:pk>/delete/",
        items.attachment_delete,
        name="attachment_delete",
    ),
    path("clippings/<int:pk>/", items.clipping_download, name="clipping_download"),
    path("queue/department/", items.department_queue, name="department_queue"),
    path("queue/office/", items.office_queue, name="office_queue"),
    path("queue/sign-off/", items.sign_off_queue, name="sign_off_queue"),
    path("statistics/", stats.statistics, name="statistics"),
    path("statistics/ranking/", stats.ranking, name="ranking"),
    path("quotas/", stats.quotas, name="quotas"),
    path("adoptions/", stats.adoptions, name="adoptions"),
    path("rewards/", rewards.reward_scheme, name="reward_scheme_current"),
    path("rewards/<int:year>/", rewards.reward_scheme, name="reward_scheme"),
    path("ledgers/<int:year>/", rewards.ledger_detail, name="ledger_detail"),
    path("ledgers/<int:year>/compute/", rewards.ledger_compute, name="ledger_compute"),
    path("ledgers/<int:year>/approve/", rewards.ledger_approve, name="ledger_approve"),
    path("ledgers/<int:year>/status/", rewards.ledger_status, name="ledger_status"),
    path("bulletins/", bulletins.bulletin_list, name="bulletin_list"),
    path("bulletins/new/", bulletins.bulletin_create, name="bulletin_create"),
    path("bulletins/<int:pk>/", bulletins.bulletin_detail, name="bulletin_detail"),
    path("bulletins/<int:pk>/edit/", bulletins.bulletin_edit, name="bulletin_edit"),
    path(
        "bulletins/<int:pk>/act/<slug:action>/",
        bulletins.bulletin_action,
        name="bulletin_action",
    ),
    path("bulletins/<int:pk>/pdf/", bulletins.bulletin_pdf, name="bulletin_pdf"),
]
