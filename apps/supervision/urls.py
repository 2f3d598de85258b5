from django.urls import path

from .views import actions, clues, documents, petitions, statistics

app_name = "supervision"
urlpatterns = [
    path("", petitions.petition_list, name="index"),
    path("petitions/new/", petitions.petition_create, name="petition_create"),
    path("petitions/<int:pk>/", petitions.petition_detail, name="petition_detail"),
    path(
        "petitions/<int:pk>/act/<slug:action>/",
        actions.petition_action,
        name="petition_action",
    ),
    path(
        "outcomes/<int:pk>/act/<slug:action>/",
        actions.outcome_action,
        name="outcome_action",
    ),
    path(
        "extensions/<int:pk>/act/<slug:action>/",
        actions.extension_action,
        name="extension_action",
    ),
    path(
        "grants/<int:pk>/act/<slug:action>/",
        actions.grant_action,
        name="grant_action",
    ),
    path(
        "attachments/<int:pk>/",
        documents.attachment_download,
        name="attachment_download",
    ),
    path(
        "petitions/<int:pk>/letter.pdf",
        documents.petition_letter_pdf,
        name="petition_letter_pdf",
    ),
    path("petitions/<int:pk>/outcome.pdf", documents.outcome_pdf, name="outcome_pdf"),
    path("clues/", clues.clue_list, name="clue_list"),
    path("clues/new/", clues.clue_create, name="clue_create"),
    path("clues/<int:pk>/", clues.clue_detail, name="clue_detail"),
    path("clues/<int:pk>/act/<slug:action>/", actions.clue_action, name="clue_action"),
    path("statistics/", statistics.statistics, name="statistics"),
]
