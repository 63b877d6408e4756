"""The standards framework (reportgen/data/framework.toml): codes, titles and key questions of
the PDU, regional and national standards. Read and checked once, at first use."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from reportgen import data
from reportgen.model.common import Language

Status = Literal["seen", "elsewhere", "unconfirmed", "confirmed"]


class Wording(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    en: str
    cy: str | None = None
    cy_status: Status | None = None
    cy_confirmed_by: str | None = None  # the Welsh-speaking editor who confirmed it
    cy_confirmed_on: dt.date | None = None

    def get(self, lang: Language) -> str:
        # Falls back to English only where the framework has no Welsh yet; the Welsh edition's
        # completeness check reports those (see docs/welsh.md).
        return self.cy if lang == "cy" and self.cy else self.en


class KeyQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    code: str
    text: Wording
    short: Wording | None = None
    theme: Literal["engagement", "desistance", "safety"] | None = None
    all_cases: bool = True
    from_: str | None = Field(default=None, alias="from")  # the PDU key question it sums


class Standard(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    code: str
    title: Wording
    kind: Literal["judgement", "cases", "staffing", "unrated"]
    domain: int | None = None
    source: Literal["pdu-cases", "pdu-regional", "regional"] | None = None
    statement: Wording | None = None
    key_questions: tuple[KeyQuestion, ...] = ()

    @model_validator(mode="after")
    def _cases_have_questions(self) -> Standard:
        if self.kind == "cases" and not self.key_questions:
            raise ValueError(f"{self.code} is rated from cases but has no key questions")
        return self

    @property
    def is_cases(self) -> bool:
        return self.kind == "cases"


class Framework(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    version: str
    title: str
    pdu: tuple[Standard, ...]
    regional: tuple[Standard, ...]
    national: tuple[Standard, ...]

    def standard(self, code: str) -> Standard:
        return self._index()[code]

    def key_question(self, code: str) -> KeyQuestion:
        return self._kq_index()[code]

    def standard_of(self, question: str) -> Standard:
        """The standard a key question belongs to."""
        return next(s for s in self._index().values()
                    if any(q.code == question for q in s.key_questions))

    def _index(self) -> dict[str, Standard]:
        return {s.code: s for s in (*self.pdu, *self.regional, *self.national)}

    def _kq_index(self) -> dict[str, KeyQuestion]:
        return {q.code: q for s in self._index().values() for q in s.key_questions}

    @model_validator(mode="after")
    def _references_resolve(self) -> Framework:
        codes = self._kq_index()
        for std in self.regional:
            for q in std.key_questions:
                if q.from_ and q.from_ not in codes:
                    raise ValueError(f"{q.code} reads from {q.from_}, which is not a key question")
        return self


@cache
def load_framework() -> Framework:
    """The framework in force. A broken framework file is a fault of the installation, so it is
    reported with the file's name and the field."""
    try:
        return Framework.model_validate(data.load("framework"))
    except ValidationError as exc:
        raise RuntimeError(f"reportgen/data/framework.toml is not valid:\n{exc}") from exc
