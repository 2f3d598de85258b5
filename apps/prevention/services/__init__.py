"""Every change to a prevention project goes through these functions."""

from .casefile import case_file_bind
from .projects import (
    approval_decide,
    approval_form_save,
    case_selection_save,
    project_create,
)
from .steps import (
    activities_complete,
    activity_add,
    analysis_report_save,
    final_report_save,
    material_add,
    material_remove,
    project_archive,
    return_visit_save,
    suggestion_letter_decide,
    suggestion_letter_deliver,
    suggestion_letter_save,
    symposium_save,
)

__all__ = [
    "activities_complete",
    "activity_add",
    "analysis_report_save",
    "approval_decide",
    "approval_form_save",
    "case_file_bind",
    "case_selection_save",
    "final_report_save",
    "material_add",
    "material_remove",
    "project_archive",
    "project_create",
    "return_visit_save",
    "suggestion_letter_decide",
    "suggestion_letter_deliver",
    "suggestion_letter_save",
    "symposium_save",
]
