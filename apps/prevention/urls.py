from django.urls import path

from . import views

app_name = "prevention"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.project_create, name="project_create"),
    path("statistics/", views.statistics, name="statistics"),
    path("<int:pk>/", views.project_view, name="project_detail"),
    path("<int:pk>/selection/", views.selection_save, name="selection_save"),
    path(
        "<int:pk>/approval-form/", views.approval_form_save, name="approval_form_save"
    ),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/materials/", views.material_add, name="material_add"),
    path(
        "<int:pk>/materials/<int:material_pk>/",
        views.material_download,
        name="material_download",
    ),
    path(
        "<int:pk>/materials/<int:material_pk>/remove/",
        views.material_remove,
        name="material_remove",
    ),
    path("<int:pk>/analysis/", views.analysis_save, name="analysis_save"),
    path("<int:pk>/symposium/", views.symposium_save, name="symposium_save"),
    path("<int:pk>/letter/", views.letter_save, name="letter_save"),
    path("<int:pk>/letter/deliver/", views.letter_deliver, name="letter_deliver"),
    path("<int:pk>/letter/receipt/", views.receipt_download, name="receipt_download"),
    path("<int:pk>/activities/", views.activity_add, name="activity_add"),
    path(
        "<int:pk>/activities/complete/",
        views.activities_complete,
        name="activities_complete",
    ),
    path("<int:pk>/return-visit/", views.return_visit_save, name="return_visit_save"),
    path("<int:pk>/final-report/", views.final_report_save, name="final_report_save"),
    path("<int:pk>/archive/", views.archive, name="archive"),
    path("<int:pk>/case-file/", views.case_file, name="case_file"),
]
