from django.urls import path

from . import views

app_name = "comments"
urlpatterns = [
    path("post/", views.post, name="post"),
    path("<uuid:pk>/flag/", views.flag, name="flag"),
    path("<uuid:pk>/hide/", views.hide, name="hide"),
]
