from django.urls import path

from .views import contests, exemplars, indicators, remarks
from .views import plan as plans
from .views import quiz as views

app_name = "integrity"
urlpatterns = [
    path("", plans.plan_index, name="index"),
    # The annual plan, campaigns and activities.
    path("plans/new/", plans.plan_edit, name="plan_create"),
    path("plans/<int:pk>/", plans.plan_view, name="plan_detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    path(
        "plans/<int:pk>/act/<slug:action>/",
        plans.plan_actions.view,
        name="plan_act",
    ),
    path("plans/<int:pk>/activities/new/", plans.activity_edit, name="activity_create"),
    path(
        "plans/<int:pk>/activities/<int:activity_pk>/edit/",
        plans.activity_edit,
        name="activity_edit",
    ),
    path("activities/<int:pk>/", plans.activity_view, name="activity_detail"),
    path(
        "activities/<int:pk>/act/<slug:action>/",
        plans.activity_actions.view,
        name="activity_act",
    ),
    path("indicators/", indicators.indicators, name="indicators"),
    path("judged/", contests.contest_index, name="contest_list"),
    path("judged/new/", contests.contest_edit, name="contest_create"),
    path("judged/<int:pk>/", contests.contest_view, name="contest_detail"),
    path("judged/<int:pk>/edit/", contests.contest_edit, name="contest_edit"),
    path(
        "judged/<int:pk>/entries/<int:entry_pk>/file/",
        contests.entry_file,
        name="entry_file",
    ),
    path(
        "judged/<int:pk>/act/<slug:action>/",
        contests.contest_actions.view,
        name="contest_act",
    ),
    path("exemplars/", exemplars.gallery, name="exemplar_list"),
    path("exemplars/new/", exemplars.exemplar_edit, name="exemplar_create"),
    path("exemplars/<int:pk>/", exemplars.exemplar_view, name="exemplar_detail"),
    path("exemplars/<int:pk>/edit/", exemplars.exemplar_edit, name="exemplar_edit"),
    path("exemplars/<int:pk>/photo/", exemplars.exemplar_photo, name="exemplar_photo"),
    path(
        "exemplars/<int:pk>/act/<slug:action>/",
        exemplars.exemplar_actions.view,
        name="exemplar_act",
    ),
    # The outside-supervision channel.
    path("remarks/", remarks.remark_index, name="remark_list"),
    path("remarks/new/", remarks.remark_create, name="remark_create"),
    path("remarks/<int:pk>/", remarks.remark_view, name="remark_detail"),
    path(
        "remarks/<int:pk>/act/<slug:action>/",
        remarks.remark_actions.view,
        name="remark_act",
    ),
    # Knowledge contests and the question bank.
    path("contests/", views.quiz_index, name="quiz_list"),
    path("contests/new/", views.quiz_edit, name="quiz_create"),
    path("contests/<int:pk>/", views.quiz_view, name="quiz_detail"),
    path("contests/<int:pk>/edit/", views.quiz_edit, name="quiz_edit"),
    path(
        "contests/<int:pk>/act/<slug:action>/",
        views.quiz_actions.view,
        name="quiz_act",
    ),
    path("contests/<int:pk>/take/", views.quiz_take, name="quiz_take"),
    path("contests/<int:pk>/save/", views.quiz_save_answers, name="quiz_save"),
    path("contests/<int:pk>/ranking/", views.quiz_ranking, name="quiz_ranking"),
    path("contests/<int:pk>/review/", views.quiz_review, name="quiz_review"),
    path("questions/", views.question_index, name="question_list"),
    path("questions/new/", views.question_edit, name="question_create"),
    path("questions/<int:pk>/", views.question_edit, name="question_edit"),
]
