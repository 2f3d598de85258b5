from django.urls import path

from . import views

app_name = "meetings"
urlpatterns = [
    path("", views.index, name="index"),
    path("topics/", views.topic_list, name="topic_list"),
    path("topics/new/", views.topic_create, name="topic_create"),
    path("topics/<int:pk>/", views.topic_detail, name="topic_detail"),
    path("topics/<int:pk>/<slug:action>/", views.topic_action, name="topic_action"),
    path("bodies/", views.body_list, name="body_list"),
    path("bodies/<int:pk>/", views.body_detail, name="body_detail"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path(
        "meetings/<int:pk>/<slug:action>/", views.meeting_action, name="meeting_action"
    ),
    path("items/<int:pk>/", views.item_detail, name="item_detail"),
    path("items/<int:pk>/<slug:action>/", views.item_action, name="item_action"),
    path("resolutions/<int:pk>/", views.resolution_detail, name="resolution_detail"),
    path("resolutions/<int:pk>/decision.pdf", views.decision_pdf, name="decision_pdf"),
    path(
        "resolutions/<int:pk>/<slug:action>/",
        views.resolution_action,
        name="resolution_action",
    ),
    path("supervision/", views.supervision_list, name="supervision_list"),
    path("supervision/<int:pk>/", views.supervision_detail, name="supervision_detail"),
    path(
        "supervision/<int:pk>/<slug:action>/",
        views.supervision_action,
        name="supervision_action",
    ),
    path("monthly/<int:pk>/", views.monthly_report, name="monthly_report"),
    path("review/", views.half_year_review, name="half_year_review"),
    path("review.pdf", views.half_year_review_pdf, name="half_year_review_pdf"),
]
