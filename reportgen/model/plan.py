"""An inspection plan: what the announcement letters and project plans are made from."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from reportgen.model.common import (
    MAX_BATCHES,
    MAX_PDUS,
    MAX_SITES,
    Code,
    Date,
    Email,
    Line,
    Name,
    PduFieldwork,
    Person,
    Region,
    Strict,
)
from reportgen.model.region import RegionalFieldwork

Time = str  # "HH:MM", 24-hour


class PlannedPdu(Strict):
    code: Code
    name: Name
    head_of_pdu: Person
    fieldwork: PduFieldwork
    sites: list[Name] = Field(default_factory=list, max_length=MAX_SITES)  # offices, en and cy
    lead_inspector: Person | None = None


class Batch(Strict):
    """PDUs announced together (§3.3): regions of 7 to 12 PDUs in two batches, the largest in
    three."""

    announced: Date | None = None
    pdus: list[PlannedPdu] = Field(min_length=1, max_length=MAX_PDUS)


class Meeting(Strict):
    time: Time = Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    duration_minutes: int = Field(default=60, gt=0, le=480)
    # A place (or "Microsoft Teams"), in each language.
    where: Name = Field(default_factory=lambda: Name(en="Microsoft Teams", cy="Microsoft Teams"))


class Contacts(Strict):
    regional_probation_director: Person
    spoc: Person
    link_senior_manager: Person | None = None


class Inspectorate(Strict):
    lead_inspector: Person
    administrator: Person
    signatory: Person | None = None  # who signs the letters; the lead inspector by default
    mailbox: Email = "probationinspections@hmiprobation.gov.uk"


class InspectionPlan(Strict):
    kind: Literal["inspection-plan"]
    schema_version: Literal[1]
    region: Region
    reference: Line
    contacts: Contacts
    inspectorate: Inspectorate
    batches: list[Batch] = Field(min_length=1, max_length=MAX_BATCHES)
    regional_fieldwork: RegionalFieldwork
    initial_planning_meeting: Meeting

    @property
    def pdus(self) -> list[PlannedPdu]:
        return [pdu for batch in self.batches for pdu in batch.pdus]

    @property
    def first_fieldwork(self) -> dt.date:
        return min(pdu.fieldwork.start for pdu in self.pdus)
