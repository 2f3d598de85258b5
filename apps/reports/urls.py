from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.my_jobs, name="my_jobs"),
    path("new/", views.job_create, name="create"),
    path("<int:pk>/", views.job_detail, name="job_detail"),
    path("<int:pk>/status/", views.job_status, name="job_status"),
    path("<int:pk>/download/", views.download, name="download"),
]
