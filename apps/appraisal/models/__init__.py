"""Performance appraisal (绩效考评): cycles, the target tree, progress and results.

The design follows the four difficulties of the appraisal essay (第3篇):
targets hard to set (special tasks earn credit; adjustments through the same
chain), hard to quantify (quantitative and qualitative targets, rates with
their sources, outcome and process targets), hard to split (shared targets
with lead and cooperating departments and credit shares) and hard to reward
fairly (exemptions for causes outside the procuratorate's control, and
normalisation within comparable groups).

A closed cycle is locked twice: the services refuse, and a trigger on every
table that carries `cycle_id` refuses INSERT, UPDATE and DELETE in the database.
"""

from .adjustments import TargetAdjustment
from .base import (
    DEFAULT_GRADE_SCALE,
    HUNDRED,
    RATE_FIELDS,
    Direction,
    Measure,
    Nature,
    default_grade_scale,
    validate_grade_scale,
)
from .cycles import Checkpoint, Cycle, Indicator
from .progress import ProgressComment, ProgressReport, QualitativeGrade, SpecialTask
from .results import (
    DepartmentResult,
    IndividualResult,
    ScoreLine,
    ScoreRun,
    TargetScore,
)
from .targets import DepartmentPlan, Target, TargetShare
from .templates import TargetTemplate, TargetTemplateItem

__all__ = [
    "DEFAULT_GRADE_SCALE",
    "HUNDRED",
    "RATE_FIELDS",
    "Checkpoint",
    "Cycle",
    "DepartmentPlan",
    "DepartmentResult",
    "Direction",
    "Indicator",
    "IndividualResult",
    "Measure",
    "Nature",
    "ProgressComment",
    "ProgressReport",
    "QualitativeGrade",
    "ScoreLine",
    "ScoreRun",
    "SpecialTask",
    "Target",
    "TargetAdjustment",
    "TargetScore",
    "TargetShare",
    "TargetTemplate",
    "TargetTemplateItem",
    "default_grade_scale",
    "validate_grade_scale",
]
