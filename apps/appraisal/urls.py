from django.urls import path

from .views import cycles, plans, progress, results, targets
from .views.actions import (
    adjustment_actions,
    board_actions,
    cycle_actions,
    grading_actions,
    plan_actions,
    report_actions,
    run_actions,
    target_actions,
    task_actions,
)
from .views.common import use_appraisal

app_name = "appraisal"
urlpatterns = [
    path("", cycles.index, name="index"),
    path("cycles/new/", cycles.cycle_create, name="cycle_create"),
    path("cycles/<int:pk>/", cycles.cycle_detail, name="cycle_detail"),
    path("cycles/<int:pk>/rules/", cycles.cycle_rules, name="cycle_rules"),
    path("cycles/<int:pk>/goals/new/", cycles.goal_edit, name="goal_create"),
    path("cycles/<int:pk>/goals/<int:goal_pk>/", cycles.goal_edit, name="goal_edit"),
    path("cycles/<int:pk>/grading/", targets.grading, name="grading"),
    path("cycles/<int:pk>/tree/", cycles.tree, name="tree"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path(
        "plans/<int:pk>/targets/new/",
        plans.department_target_edit,
        name="department_target_create",
    ),
    path(
        "plans/<int:pk>/targets/<int:target_pk>/",
        plans.department_target_edit,
        name="department_target_edit",
    ),
    path(
        "plans/<int:pk>/staff-targets/new/",
        plans.individual_target_edit,
        name="individual_target_create",
    ),
    path(
        "plans/<int:pk>/staff-targets/<int:target_pk>/",
        plans.individual_target_edit,
        name="individual_target_edit",
    ),
    path("targets/<int:pk>/", targets.target_detail, name="target_detail"),
    path("targets/<int:pk>/progress/", targets.progress_report, name="progress_report"),
    path(
        "targets/<int:pk>/adjust/",
        targets.adjustment_request,
        name="adjustment_request",
    ),
    path("adjustments/<int:pk>/", targets.adjustment_detail, name="adjustment_detail"),
    path("special-tasks/", progress.special_task_list, name="special_task_list"),
    path(
        "special-tasks/new/", progress.special_task_create, name="special_task_create"
    ),
    path(
        "special-tasks/<int:pk>/",
        progress.special_task_detail,
        name="special_task_detail",
    ),
    path("reports/<int:pk>/", progress.report_detail, name="report_detail"),
    path(
        "reports/<int:pk>/evidence/", progress.report_evidence, name="report_evidence"
    ),
    path("runs/<int:pk>/", results.run_detail, name="run_detail"),
    path("rankings/", results.rankings, name="rankings"),
    path(
        "results/departments/<int:pk>/",
        results.department_result,
        name="department_result",
    ),
    path(
        "results/individuals/<int:pk>/",
        results.individual_result,
        name="individual_result",
    ),
    path("indicators/", cycles.indicator_list, name="indicator_list"),
    path("indicators/new/", cycles.indicator_edit, name="indicator_create"),
    path("indicators/<int:pk>/", cycles.indicator_edit, name="indicator_edit"),
]

# One POST endpoint per kind of object: the buttons of its page, named as its
# ActionSet says.
urlpatterns += [
    path(
        f"{prefix}/<int:pk>/act/<slug:action>/",
        use_appraisal(action_set.view),
        name=action_set.url_name.removeprefix(f"{app_name}:"),
    )
    for prefix, action_set in [
        ("cycles", cycle_actions),
        ("plans", plan_actions),
        ("targets", target_actions),
        ("grading", grading_actions),
        ("adjustments", adjustment_actions),
        ("special-tasks", task_actions),
        ("reports", report_actions),
        ("board", board_actions),
        ("runs", run_actions),
    ]
]
