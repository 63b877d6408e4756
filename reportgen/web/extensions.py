"""The service's extensions, in Flask's pattern: made once without an application, bound to one
by `init_app`, and reached by views through the application in hand. The views import them from
here, never from the application factory, so the factory can import the views."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app

from reportgen.workflow.store import Store

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Bound:
    store: Store
    instance: Path  # where the service keeps what it makes


class Reportgen:
    """The store and instance folder of the application in hand."""

    name = "reportgen"

    def init_app(self, app: Flask, store: str, instance: Path) -> None:
        app.extensions[self.name] = Bound(Store(store), instance.resolve())

    @property
    def bound(self) -> Bound:
        return current_app.extensions[self.name]


reportgen = Reportgen()


def store() -> Store:
    """The store of the application in hand."""
    return reportgen.bound.store


def instance() -> Path:
    return reportgen.bound.instance
