from django.urls import path

from .views import contests, exemplars, indicators, remarks
from .views import plan as plans
from .views import quiz as views

app_name = "integrity"


def _act(prefix, actions):
    """The one POST endpoint of an ActionSet, under the name the set declares."""
    return path(
        f"{prefix}/<int:pk>/act/<slug:action>/",
        actions.view,
        name=actions.url_name.removeprefix(f"{app_name}:"),
    )


def _pages(prefix, name, *, index, view, edit):
    """The list, create, detail and edit pages of one kind of record."""
    return [
        path(f"{prefix}/", index, name=f"{name}_list"),
        path(f"{prefix}/new/", edit, name=f"{name}_create"),
        path(f"{prefix}/<int:pk>/", view, name=f"{name}_detail"),
        path(f"{prefix}/<int:pk>/edit/", edit, name=f"{name}_edit"),
    ]


urlpatterns = [
    path("", plans.plan_index, name="index"),
    # The annual plan, campaigns and activities.
    path("plans/new/", plans.plan_edit, name="plan_create"),
    path("plans/<int:pk>/", plans.plan_view, name="plan_detail"),
    path("plans/<int:pk>/edit/", plans.plan_edit, name="plan_edit"),
    _act("plans", plans.plan_actions),
    path("plans/<int:pk>/activities/new/", plans.activity_edit, name="activity_create"),
    path(
        "plans/<int:pk>/activities/<int:activity_pk>/edit/",
        plans.activity_edit,
        name="activity_edit",
    ),
    path("activities/<int:pk>/", plans.activity_view, name="activity_detail"),
    _act("activities", plans.activity_actions),
    path("indicators/", indicators.indicators, name="indicators"),
    *_pages(
        "judged",
        "contest",
        index=contests.contest_index,
        view=contests.contest_view,
        edit=contests.contest_edit,
    ),
    path(
        "judged/<int:pk>/entries/<int:entry_pk>/file/",
        contests.entry_file,
        name="entry_file",
    ),
    _act("judged", contests.contest_actions),
    *_pages(
        "exemplars",
        "exemplar",
        index=exemplars.gallery,
        view=exemplars.exemplar_view,
        edit=exemplars.exemplar_edit,
    ),
    path("exemplars/<int:pk>/photo/", exemplars.exemplar_photo, name="exemplar_photo"),
    _act("exemplars", exemplars.exemplar_actions),
    # The outside-supervision channel.
    path("remarks/", remarks.remark_index, name="remark_list"),
    path("remarks/new/", remarks.remark_create, name="remark_create"),
    path("remarks/<int:pk>/", remarks.remark_view, name="remark_detail"),
    _act("remarks", remarks.remark_actions),
    # Knowledge contests and the question bank.
    *_pages(
        "contests",
        "quiz",
        index=views.quiz_index,
        view=views.quiz_view,
        edit=views.quiz_edit,
    ),
    _act("contests", views.quiz_actions),
    path("contests/<int:pk>/take/", views.quiz_take, name="quiz_take"),
    path("contests/<int:pk>/save/", views.quiz_save_answers, name="quiz_save"),
    path("contests/<int:pk>/ranking/", views.quiz_ranking, name="quiz_ranking"),
    path("contests/<int:pk>/review/", views.quiz_review, name="quiz_review"),
    path("questions/", views.question_index, name="question_list"),
    path("questions/new/", views.question_edit, name="question_create"),
    path("questions/<int:pk>/", views.question_edit, name="question_edit"),
]
