from django.http import HttpResponse
from django.urls import path

app_name = "appraisal"


def _todo(request, **kwargs):  # placeholder while views are written
    return HttpResponse("")


urlpatterns = [
    path("", _todo, name="index"),
    path("cycles/<int:pk>/", _todo, name="cycle_detail"),
    path("plans/<int:pk>/", _todo, name="plan_detail"),
    path("targets/<int:pk>/", _todo, name="target_detail"),
    path("adjustments/<int:pk>/", _todo, name="adjustment_detail"),
    path("special-tasks/<int:pk>/", _todo, name="special_task_detail"),
    path("reports/<int:pk>/", _todo, name="report_detail"),
    path("runs/<int:pk>/", _todo, name="run_detail"),
    path("results/departments/<int:pk>/", _todo, name="department_result"),
    path("results/individuals/<int:pk>/", _todo, name="individual_result"),
]
