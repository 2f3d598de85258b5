from django.urls import path

from .views import clues, documents, petitions, statistics

app_name = "supervision"
urlpatterns = [
    path("", petitions.petition_list, name="index"),
    path("petitions/new/", petitions.petition_create, name="petition_create"),
    path("petitions/<int:pk>/", petitions.petition_detail, name="petition_detail"),
    path(
        "petitions/<int:pk>/accept/", petitions.petition_accept, name="petition_accept"
    ),
    path(
        "petitions/<int:pk>/refuse/", petitions.petition_refuse, name="petition_refuse"
    ),
    path(
        "petitions/<int:pk>/register/",
        petitions.petition_register,
        name="petition_register",
    ),
    path(
        "petitions/<int:pk>/assign/", petitions.petition_assign, name="petition_assign"
    ),
    path("petitions/<int:pk>/notes/", petitions.petition_notes, name="petition_notes"),
    path(
        "petitions/<int:pk>/extension/",
        petitions.extension_request,
        name="extension_request",
    ),
    path(
        "extensions/<int:pk>/decide/",
        petitions.extension_decide,
        name="extension_decide",
    ),
    path(
        "petitions/<int:pk>/outcome/",
        petitions.outcome_propose,
        name="outcome_propose",
    ),
    path(
        "outcomes/<int:pk>/approve/", petitions.outcome_approve, name="outcome_approve"
    ),
    path("outcomes/<int:pk>/return/", petitions.outcome_return, name="outcome_return"),
    path(
        "outcomes/<int:pk>/follow-up/",
        petitions.outcome_follow_up,
        name="outcome_follow_up",
    ),
    path(
        "outcomes/<int:pk>/committee/",
        petitions.outcome_send_to_committee,
        name="outcome_send_to_committee",
    ),
    path("petitions/<int:pk>/grants/", petitions.access_grant, name="access_grant"),
    path("grants/<int:pk>/revoke/", petitions.access_revoke, name="access_revoke"),
    path(
        "petitions/<int:pk>/attachments/",
        petitions.attachment_add,
        name="attachment_add",
    ),
    path(
        "attachments/<int:pk>/",
        petitions.attachment_download,
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
    path("clues/<int:pk>/report/", clues.clue_report, name="clue_report"),
    path("clues/<int:pk>/decide/", clues.clue_decide, name="clue_decide"),
    path("clues/<int:pk>/conclude/", clues.clue_conclude, name="clue_conclude"),
    path("statistics/", statistics.statistics, name="statistics"),
]
