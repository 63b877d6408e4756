"""The shapes of the input files (pydantic models), one module per kind of file.

Only shapes and checks that need no framework knowledge live here; checks against the standards
framework (known codes, counts that add up) are in reportgen.validation.
"""

from reportgen.model.common import (
    Fieldwork,
    Language,
    Name,
    Narrative,
    Person,
    Rating,
    Region,
    Text,
    YesNo,
)
from reportgen.model.national import NationalReview
from reportgen.model.pdu import KeyQuestionCounts, PduInspection
from reportgen.model.plan import InspectionPlan
from reportgen.model.region import RegionalInspection

AnyInspection = PduInspection | RegionalInspection | InspectionPlan | NationalReview

__all__ = [
    "AnyInspection",
    "Fieldwork",
    "InspectionPlan",
    "KeyQuestionCounts",
    "Language",
    "Name",
    "Narrative",
    "NationalReview",
    "PduInspection",
    "Person",
    "Rating",
    "Region",
    "RegionalInspection",
    "Text",
    "YesNo",
]
