from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [path("staff/", views.staff_directory, name="staff_list")]
