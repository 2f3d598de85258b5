from django.urls import path

from .views import files, pages
from .views.actions import MATERIAL_ACTIONS, PROJECT_ACTIONS

app_name = "prevention"
urlpatterns = [
    path("", pages.index, name="index"),
    path("new/", pages.project_create, name="project_create"),
    path("statistics/", pages.statistics, name="statistics"),
    path("<int:pk>/", pages.project_view, name="project_detail"),
    path("<int:pk>/act/<slug:action>/", PROJECT_ACTIONS.view, name="project_act"),
    path(
        "materials/<int:pk>/act/<slug:action>/",
        MATERIAL_ACTIONS.view,
        name="material_act",
    ),
    path(
        "<int:pk>/materials/<int:material_pk>/",
        files.material_download,
        name="material_download",
    ),
    path("<int:pk>/letter/receipt/", files.receipt_download, name="receipt_download"),
    path("<int:pk>/case-file/", files.case_file, name="case_file"),
]
