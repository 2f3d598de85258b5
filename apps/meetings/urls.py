from django.urls import path

from . import views

app_name = "meetings"
ACT = "<int:pk>/act/<slug:action>/"
urlpatterns = [
    path("", views.index, name="index"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/new/", views.topic_create, name="topic_create"),
    path("topics/<int:pk>/", views.topic_detail, name="topic_detail"),
    path("topics/" + ACT, views.TOPIC_ACTIONS.view, name="topic_action"),
    path(
        "topics/materials/<int:pk>/",
        views.material_download,
        name="material_download",
    ),
    path("bodies/", views.body_list, name="body_list"),
    path("bodies/<int:pk>/", views.body_detail, name="body_detail"),
    path("bodies/" + ACT, views.BODY_ACTIONS.view, name="body_action"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("meetings/" + ACT, views.MEETING_ACTIONS.view, name="meeting_action"),
    path("minutes/" + ACT, views.MINUTES_ACTIONS.view, name="minutes_action"),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/" + ACT, views.ITEM_ACTIONS.view, name="item_action"),
    path("resolutions/<int:pk>/", views.resolution_detail, name="resolution_detail"),
    path("resolutions/<int:pk>/decision.pdf", views.decision_pdf, name="decision_pdf"),
    path("resolutions/" + ACT, views.RESOLUTION_ACTIONS.view, name="resolution_action"),
    path("supervision/", views.supervision_list, name="supervision_list"),
    path("supervision/<int:pk>/", views.supervision_detail, name="supervision_detail"),
    path(
        "supervision/" + ACT,
        views.SUPERVISION_ACTIONS.view,
        name="supervision_action",
    ),
    path(
        "supervision/assignments/" + ACT,
        views.ASSIGNMENT_ACTIONS.view,
        name="assignment_action",
    ),
    path("monthly/<int:pk>/", views.monthly_report, name="monthly_report"),
    path("monthly/" + ACT, views.MONTHLY_ACTIONS.view, name="monthly_action"),
    path("review/", views.half_year_review, name="half_year_review"),
    path("review.pdf", views.half_year_review_pdf, name="half_year_review_pdf"),
]
