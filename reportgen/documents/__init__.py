"""The document types. Each is a context builder (data -> what its template needs) and a
template per language; adding one touches no other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportgen.documents import pdu_report, regional_report
from reportgen.documents.common import Edition
from reportgen.loading import Loaded


@dataclass(frozen=True)
class DocumentType:
    name: str
    input_kind: str  # the kind of input file it is made from
    description: str
    build: Callable[[Loaded, Edition], dict[str, Any]]
    stem: Callable[[Loaded], str]  # the output file name, before ".<lang>.<format>"


DOCUMENTS: dict[str, DocumentType] = {
    d.name: d for d in (
        DocumentType("pdu-report", "pdu-inspection", "PDU inspection report (short format)",
                     lambda ld, ed: pdu_report.context(ld.data, ed),  # type: ignore[arg-type]
                     lambda ld: f"{ld.data.pdu.code}-pdu-report"),  # type: ignore[union-attr]
        DocumentType("regional-report", "regional-inspection",
                     "Regional inspection report (long format)",
                     lambda ld, ed: regional_report.context(ld.data, ld.pdus, ed),  # type: ignore[arg-type]
                     lambda ld: f"{ld.data.region.code}-regional-report"),
    )
}
