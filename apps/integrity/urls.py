from django.urls import path

from . import views

app_name = "integrity"
urlpatterns = [
    path("", views.quiz_index, name="index"),
    path("contests/", views.quiz_index, name="quiz_list"),
    path("contests/new/", views.quiz_edit, name="quiz_create"),
    path("contests/<int:pk>/", views.quiz_view, name="quiz_detail"),
    path("contests/<int:pk>/edit/", views.quiz_edit, name="quiz_edit"),
    path("contests/<int:pk>/<slug:action>/do/", views.quiz_action, name="quiz_action"),
    path("contests/<int:pk>/take/", views.quiz_take, name="quiz_take"),
    path("contests/<int:pk>/save/", views.quiz_save_answers, name="quiz_save"),
    path("contests/<int:pk>/ranking/", views.quiz_ranking, name="quiz_ranking"),
    path("contests/<int:pk>/review/", views.quiz_review, name="quiz_review"),
    path("questions/", views.question_index, name="question_list"),
    path("questions/new/", views.question_edit, name="question_create"),
    path("questions/<int:pk>/", views.question_edit, name="question_edit"),
]
