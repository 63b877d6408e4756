"""What an independent OOXML validator (openxml-audit, against Microsoft 365's schemas and its
rules of what Word repairs) says of a DOCX: every error, and its prediction for Word."""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from openxml_audit import FileFormat, OpenXmlValidator, ValidationSeverity, predict

_validator: OpenXmlValidator | None = None


def findings(path: Path | str) -> list[str]:
    """Each error, and Word's predicted repair, as a line; nothing for a file Word opens clean."""
    global _validator
    _validator = _validator or OpenXmlValidator(file_format=FileFormat.MICROSOFT_365,
                                                max_errors=0)
    result = _validator.validate(path)
    found = [f"{e.part_uri} {e.path}: {e.description}" for e in result.errors
             if e.severity == ValidationSeverity.ERROR]
    verdict = predict(result)
    if verdict.prediction.value != "opens-clean":
        found.append(verdict.headline)
    return found


def audit(paths: Iterable[Path]) -> dict[str, list[str]]:
    """findings() of many files, on two processes (the validator takes about half a second a
    document); only the files with something to say."""
    paths = list(paths)
    with ProcessPoolExecutor(max_workers=2) as pool:
        found = dict(zip(map(str, paths), pool.map(findings, paths), strict=True))
    return {p: f for p, f in found.items() if f}
