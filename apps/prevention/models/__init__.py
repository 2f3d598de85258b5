"""Case-specific prevention (个案预防): the eight-step project and its documents.

A project moves through the essay's eight steps in order. Each step has its own
record (`ProjectStep`, with the due time from the time-limit catalogue) and its
own document: the case selection, the approval form, the analysis report, the
symposium, the suggestion letter, the activities, the return visit and the
final report. The state field says which step is open; its transitions say
who may move it where.
"""

from .documents import (
    BINDABLE_EXTENSIONS,
    MAX_SCAN_BYTES,
    SCAN_KINDS,
    AnalysisReport,
    Approval,
    ApprovalForm,
    CaseSelection,
    Material,
    Symposium,
    bindable_file,
)
from .followup import FinalReport, PreventionActivity, ReturnVisit
from .letter import Suggestion, SuggestionLetter
from .project import (
    STATE_STEP,
    STEP_TIME_LIMITS,
    PreventionProject,
    ProjectStep,
    State,
    Step,
)

__all__ = [
    "BINDABLE_EXTENSIONS",
    "MAX_SCAN_BYTES",
    "SCAN_KINDS",
    "STATE_STEP",
    "STEP_TIME_LIMITS",
    "AnalysisReport",
    "Approval",
    "ApprovalForm",
    "CaseSelection",
    "FinalReport",
    "Material",
    "PreventionActivity",
    "PreventionProject",
    "ProjectStep",
    "ReturnVisit",
    "State",
    "Step",
    "Suggestion",
    "SuggestionLetter",
    "Symposium",
    "bindable_file",
]
