from django.urls import path

from .views import cycles, plans, progress, results, targets

app_name = "appraisal"
urlpatterns = [
    path("", cycles.index, name="index"),
    path("cycles/new/", cycles.cycle_create, name="cycle_create"),
    path("cycles/<int:pk>/", cycles.cycle_detail, name="cycle_detail"),
    path("cycles/<int:pk>/rules/", cycles.cycle_rules, name="cycle_rules"),
    path("cycles/<int:pk>/launch/", cycles.cycle_launch, name="cycle_launch"),
    path("cycles/<int:pk>/close/", cycles.cycle_close, name="cycle_close"),
    path("cycles/<int:pk>/goals/new/", cycles.goal_edit, name="goal_create"),
    path("cycles/<int:pk>/goals/<int:goal_pk>/", cycles.goal_edit, name="goal_edit"),
    path(
        "cycles/<int:pk>/checkpoints/<int:checkpoint_pk>/open/",
        cycles.checkpoint_open,
        name="checkpoint_open",
    ),
    path("cycles/<int:pk>/submit/", cycles.plans_submit, name="plans_submit"),
    path("cycles/<int:pk>/approve/", cycles.plans_approve, name="plans_approve"),
    path("cycles/<int:pk>/grading/", targets.grading, name="grading"),
    path("cycles/<int:pk>/grading/open/", cycles.grading_open, name="grading_open"),
    path("cycles/<int:pk>/compute/", cycles.compute, name="compute"),
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
    path("plans/<int:pk>/template/", plans.template_apply, name="template_apply"),
    path("plans/<int:pk>/keep-template/", plans.template_save, name="template_save"),
    path("plans/<int:pk>/propose/", plans.plan_propose, name="plan_propose"),
    path("plans/<int:pk>/review/", plans.plan_review, name="plan_review"),
    path("plans/<int:pk>/return/", plans.plan_return, name="plan_return"),
    path("plans/<int:pk>/issue/", plans.individual_issue, name="individual_issue"),
    path("targets/<int:pk>/", targets.target_detail, name="target_detail"),
    path("targets/<int:pk>/delete/", plans.target_delete, name="target_delete"),
    path("targets/<int:pk>/progress/", targets.progress_report, name="progress_report"),
    path(
        "targets/<int:pk>/adjust/",
        targets.adjustment_request,
        name="adjustment_request",
    ),
    path("targets/<int:pk>/grade/", targets.grade_target, name="grade_target"),
    path("adjustments/<int:pk>/", targets.adjustment_detail, name="adjustment_detail"),
    path(
        "adjustments/<int:pk>/review/",
        targets.adjustment_review,
        name="adjustment_review",
    ),
    path(
        "adjustments/<int:pk>/approve/",
        targets.adjustment_approve,
        name="adjustment_approve",
    ),
    path(
        "adjustments/<int:pk>/reject/",
        targets.adjustment_reject,
        name="adjustment_reject",
    ),
    path("special-tasks/", progress.special_task_list, name="special_task_list"),
    path(
        "special-tasks/new/", progress.special_task_create, name="special_task_create"
    ),
    path(
        "special-tasks/<int:pk>/",
        progress.special_task_detail,
        name="special_task_detail",
    ),
    path(
        "special-tasks/<int:pk>/approve/",
        progress.special_task_approve,
        name="special_task_approve",
    ),
    path(
        "special-tasks/<int:pk>/reject/",
        progress.special_task_reject,
        name="special_task_reject",
    ),
    path(
        "special-tasks/<int:pk>/report/",
        progress.special_task_report,
        name="special_task_report",
    ),
    path("reports/<int:pk>/", progress.report_detail, name="report_detail"),
    path(
        "reports/<int:pk>/evidence/", progress.report_evidence, name="report_evidence"
    ),
    path("reports/<int:pk>/remedy/", progress.report_remedy, name="report_remedy"),
    path("reports/<int:pk>/comment/", progress.report_comment, name="report_comment"),
    path("runs/<int:pk>/", results.run_detail, name="run_detail"),
    path("runs/<int:pk>/approve/", results.run_approve, name="run_approve"),
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
