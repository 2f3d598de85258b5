"""Civil and administrative supervision (民行检察): petitions, outcomes, clues.

A petition (申诉) is received, accepted or refused, registered as a case (立案)
with a case number, reviewed by a handler, and closed by one outcome that the
department head (major ones also the procurator-general) approves. Outcomes
that go to a court are followed until the court answers. Clues of judicial
staff's crimes (职务犯罪线索) found in the work have their own register.

Every record belongs to one procuratorate and to the department that handles
it; who may see it is decided in rules.py and selectors.py. The modules:
petitions (the case, its parties, documents and extensions), outcomes, clues,
access (grants to people outside the department).
"""

from .access import AccessGrant
from .clues import Clue
from .outcomes import ALWAYS_MAJOR, CLOSING_KINDS, SUGGESTION_KINDS, Outcome
from .petitions import (
    SUPERVISION_DEPARTMENT_CODE,
    Attachment,
    CaseType,
    CourtLevel,
    Extension,
    JudgmentKind,
    Party,
    Petition,
    Source,
)

__all__ = [
    "ALWAYS_MAJOR",
    "CLOSING_KINDS",
    "SUGGESTION_KINDS",
    "SUPERVISION_DEPARTMENT_CODE",
    "AccessGrant",
    "Attachment",
    "CaseType",
    "Clue",
    "CourtLevel",
    "Extension",
    "JudgmentKind",
    "Outcome",
    "Party",
    "Petition",
    "Source",
]
