from django.contrib.auth.decorators import permission_required
from django.shortcuts import render

from apps.core.scoping import user_procuratorate_id
from apps.todos.selectors import overdue_counts_by_department

from .panels import panels_for


@permission_required("dashboard.view_board", raise_exception=True)
def home(request):
    """The leadership home: overdue work by department, then each app's board."""
    overdue = overdue_counts_by_department(
        procuratorate_id=user_procuratorate_id(request.user)
    )
    return render(
        request,
        "dashboard/home.html",
        {"overdue": overdue, "panels": panels_for(request.user)},
    )
